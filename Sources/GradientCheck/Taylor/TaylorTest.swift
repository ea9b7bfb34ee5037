/// The Taylor remainder test: a verdict on `∇L` (and `H·v`) that does not depend on a step.
///
/// Along a unit direction `v`, for `ε = 2⁻¹, 2⁻², …, 2⁻ᵏ` (`halvings` = k):
///
///     r₁(ε) = |L(θ + εv) − L(θ)|                          ~ ε    (any continuous L)
///     r₂(ε) = |L(θ + εv) − L(θ) − ε·gᵀv|                  ~ ε²   if g = ∇L, ~ ε if not
///     r₃(ε) = |L(θ + εv) − L(θ) − ε·gᵀv − ½ε²·vᵀ(Hv)|     ~ ε³   if Hv is right too, ~ ε² if not
///
/// (Taylor's theorem; the test of P. E. Farrell, D. A. Ham, S. W. Funke and M. E. Rognes,
/// "Automated derivation of the adjoint of high-level transient finite element programs",
/// SIAM J. Sci. Comput. 35(4), 2013, §5, as dolfin-adjoint/pyadjoint's `taylor_test`.)
/// The observed order of each remainder, the least-squares slope of `log₂ r` against `log₂ ε`
/// over the `window` smallest ε at which it is resolved (`TaylorFit`), is the verdict:
///
/// - r₂ order `≥ 2 − margin`: PASS; `≤ 1 + margin`: FAIL (the linear term is wrong); between:
///   INCONCLUSIVE (the window is not in the asymptotic range). r₃ likewise against 3 and 2,
///   when the model has `hessianVectorProduct`. r₁ is reported, not judged.
/// - A remainder is **resolved** at ε when it exceeds `resolution` (κ = 10) times its floor,
///   the rounding it can carry (`TaylorPoint`): round-off is then at most a tenth of it, which
///   moves a 4-point slope by at most `log₂(1.1/0.9)·4/5 ≈ 0.23`, within the margin 0.3. The
///   floor includes the rounding of the tested `gᵀv` (and `vᵀHv`), a running error bound:
///   without it, rounding in `g` reads, at small ε, as an order-1 term, a false FAIL. A FAIL must
///   also be the asymptotic behaviour (`fit`): a term a wrong derivative leaves stays resolved
///   as ε shrinks.
/// - Fewer than `window` resolved ε: INCONCLUSIVE. Points where `θ + εv` is on another side of
///   a kink than θ (`GradientCheckable.kinkPattern`) are left out: the expansion does not hold
///   across one; if even the smallest ε crosses, the verdict is KINK.
/// - NaN or ±Inf in `L`, `g`, `Hv` or any remainder: NON-FINITE.
///
/// **Evaluation.** `L(θ + εv)` and every remainder are computed by `evaluator` in its own type,
/// `ReferenceScalar` for the built-in network in either dtype (`run(_:trial:)`): θ, v and the
/// derivatives are exact there, so the differences of `L` cancel without the dtype's round-off,
/// and the ε where round-off takes over is the evaluator's, shown in the report. The derivatives
/// are the model's `referenceDerivatives(along:)` where it has them (the same code in
/// `ReferenceScalar`: a bug is in them too), and the dtype's own `gᵀv`, `vᵀHv` must then lie
/// within its running error bound of them (else FAIL: the dtype computes something else);
/// without them, the dtype's values, with their running error bounds in the floors. `v` is
/// rounded to the dtype first, so that `Hv` is taken along exactly the `v` the evaluator moves along.
///
/// **Detection.** A wrong `g = ∇L + δ` gives `r₂ ≈ ε·|δᵀv|` once ε is below `|δᵀv|/|½vᵀHv|`, and
/// is resolved while `|δᵀv|` exceeds κ times the floor's `gᵀv` term: with reference derivatives,
/// their Float80 bound, so any `δ` above about 1e-12 relative along `v` in either dtype; without,
/// the dtype's bound (in Float about 1e-5 relative, and far more in saturated networks).
///
/// **Cost** (`TaylorCost`): `k + 1` loss evaluations in the evaluator's type and one running
/// error bound of the loss; one backprop (`g`) and one R-operator pass (`Hv`, about two forward
/// and backward passes), each with its running error bound, and both again in
/// `RunningError<ReferenceScalar>` for the reference derivatives.
public struct TaylorTest: Sendable, Equatable, Codable {
    /// `k`: ε runs over `2⁻¹ … 2⁻ᵏ`.
    public var halvings: Int
    /// How many of the smallest resolved ε a fitted order is taken over.
    public var window: Int
    /// κ: a remainder is resolved where it exceeds κ times its floor.
    public var resolution: Double
    /// How far a fitted order may fall below the expected one and still PASS (and rise above the
    /// order of a wrong derivative and still FAIL).
    public var margin: Double

    /// 30 halvings reach ε ≈ 1e-9: below where a Double r₂ meets Float80's round-off (≈ 1e-9
    /// for `|L| ≈ |vᵀHv|`), so the turn to round-off is on the plot.
    public static let defaultHalvings = 30
    public static let defaultWindow = 4
    public static let defaultResolution = 10.0
    public static let defaultMargin = 0.3
    /// A FAIL needs its fitted ε to reach this (2⁻⁶) or below. Above it `θ + εv` moves θ by more
    /// than 1/64 in norm, where an O(1) network's later Taylor terms still bend the remainders
    /// (a tester found r₃ resolved only at ε = 2⁻¹ … 2⁻⁴ with slopes 2.09, 2.24, 2.43 rising to
    /// 3 on correct code); a real wrong term of any size the test resolves stays resolved far
    /// below it (r₂'s floor shrinks like ε, r₃'s like ε and ε²), so no detection is lost.
    public static let asymptoticEpsilon = 1.0 / 64

    /// The most halvings `--halvings` takes: `2⁻⁶⁰·|v_i|` still moves θ in Float80 only where θ ≈ 0.
    public static let maxHalvings = 60

    public init(halvings: Int = TaylorTest.defaultHalvings, window: Int = TaylorTest.defaultWindow,
                resolution: Double = TaylorTest.defaultResolution, margin: Double = TaylorTest.defaultMargin) {
        self.halvings = halvings
        self.window = window
        self.resolution = resolution
        self.margin = margin
    }

    /// Rounding assumed for a model without running error bounds: `2⁶·u` relative to each term
    /// of a dot product (a bound of its kind for about 64 roundings, Higham, *Accuracy and
    /// Stability of Numerical Algorithms*, 2nd ed., §3.1).
    public static let assumedRoundings = 64.0
}
