/// The per-element acceptance rule
///
///     |a − n| ≤ atol + rtol·max(|a|, |n|) + κ·E + B
///
/// for analytic `a`, numerical `n`, the oracle's error estimate `E`, and, when the wider oracle
/// judges a model that bounds its own rounding, `B`, the running error bound of `a`
/// (`GradientCheckable.gradientRoundingBound`; 0 otherwise).
///
/// With `B` the rule's `atol` and `rtol` need not cover the dtype's rounding in `a`: their
/// defaults are then those of the wider type the loss is differentiated in (Double for Float),
/// and a Float verdict resolves what `B` resolves, about 1e-6 relative.
///
/// Defaults by dtype, from its machine epsilon `ε`:
/// - `κ = 4`: GSL itself trusts a second estimate only within 4× the first one's error
///   (`gsl_deriv_central`, gsl-2.7 `deriv/deriv.c`); the same factor absorbs an estimate that
///   is off by that much.
/// - `rtol = √ε` (1.5e-8 Double, 3.5e-4 Float): agreement to half the dtype's digits,
///   the classic criterion for a derivative (Numerical Recipes §5.7). The analytic side's own
///   rounding (`γ_n = nε/(1−nε)` for sums of `n` terms, Higham, *Accuracy and Stability of
///   Numerical Algorithms*, §3.1) stays far below it for `n ≲ 1/√ε`, while a 6 % error
///   exceeds it in every dtype.
/// - `atol = 256·ε` (5.7e-14 Double, 3.1e-5 Float): covers the analytic rounding of entries
///   whose true value is ≈ 0 (cancelling sums of order-one terms), for losses of order one.
public struct Tolerance: Sendable, Equatable, Codable {
    public var atol: Double
    public var rtol: Double
    public var kappa: Double

    public init(atol: Double, rtol: Double, kappa: Double = 4) {
        self.atol = atol
        self.rtol = rtol
        self.kappa = kappa
    }

    /// The defaults above for a dtype with machine epsilon `epsilon`.
    public static func defaults(epsilon: Double) -> Tolerance {
        Tolerance(atol: 256 * epsilon, rtol: epsilon.squareRoot(), kappa: 4)
    }

    /// The right-hand side of the rule: the largest `|a − n|` accepted.
    public func allowed(analytic a: Double, numerical n: Double, errorEstimate e: Double, roundingBound b: Double = 0) -> Double {
        atol + rtol * max(abs(a), abs(n)) + kappa * e + b
    }
}
