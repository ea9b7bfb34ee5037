/// The remainders at one ε of a Taylor test (`TaylorTest`), computed in the evaluator's type
/// and given in Double (the subtractions were made before the conversion).
///
/// Floors, absolute: `floor1 = R(θ) + R(θ + εv) + u*·Σ|g_i|·|θ_i + εv_i| + u*·|ΔL|`, the running
/// error bounds of the two losses (the one at θ, scaled by `|L(θ + εv)|/|L(θ)|` where that is
/// above 1, stands for the moved point's), the rounding of the moved point, and of the
/// difference (`u*` the unit round-off of the evaluator's type); `floor2 = floor1 + ε·(B_v + γ_P·Σ|g_i v_i|)`
/// with `B_v = Σ|v_i|·B_i` from the dtype's gradient bound `B_i`; `floor3 = floor2 +
/// ½ε²·(BH_v + γ_P·Σ|v_i (Hv)_i|)` likewise for `Hv`.
public struct TaylorPoint: Sendable, Equatable, Codable {
    public var epsilon: Double
    public var r1: Double
    public var r2: Double
    /// `nil` without `Hv`.
    public var r3: Double?
    public var floor1: Double
    public var floor2: Double
    public var floor3: Double?
    /// `θ + εv` is on another side of a kink than θ: left out of every fit.
    public var crossesKink: Bool

    public init(epsilon: Double, r1: Double, r2: Double, r3: Double?, floor1: Double, floor2: Double, floor3: Double?,
                crossesKink: Bool) {
        (self.epsilon, self.r1, self.r2, self.r3) = (epsilon, r1, r2, r3)
        (self.floor1, self.floor2, self.floor3, self.crossesKink) = (floor1, floor2, floor3, crossesKink)
    }
}

/// One remainder's fitted order (`TaylorTest`).
public struct TaylorFit: Sendable, Equatable, Codable {
    /// 1, 2 or 3: which remainder.
    public var remainder: Int
    /// The order it has when the derivatives are right.
    public var expected: Int
    /// The least-squares slope of `log₂ r` on `log₂ ε` over the fitted points; `nil` when fewer
    /// than the window were resolved.
    public var order: Double?
    /// The ε of the fitted points, largest first.
    public var fitted: [Double]
    /// How many ε resolved this remainder (kinks aside).
    public var resolvedPoints: Int
    /// The smallest ε at which it was resolved: below it, round-off takes over.
    public var smallestResolved: Double?
    /// `nil` for r₁, which is not judged.
    public var verdict: Verdict?
    public var reason: String?

    public init(remainder: Int, expected: Int, order: Double?, fitted: [Double], resolvedPoints: Int,
                smallestResolved: Double?, verdict: Verdict?, reason: String?) {
        (self.remainder, self.expected, self.order, self.fitted) = (remainder, expected, order, fitted)
        (self.resolvedPoints, self.smallestResolved, self.verdict, self.reason) = (resolvedPoints, smallestResolved, verdict, reason)
    }
}

/// What one Taylor test cost, by kind of evaluation.
public struct TaylorCost: Sendable, Equatable, Codable {
    /// Forward passes (loss only) in the evaluator's type.
    public var lossEvaluations = 0
    /// Forward passes carrying a running error bound (`RunningError`), for the floors: one, at θ.
    public var boundedLossEvaluations = 0
    /// Backprop passes (forward and backward) of the dtype: `g`, and its running error bound.
    public var gradientPasses = 0
    /// R-operator passes (`Hv`, about two forward and backward passes each), and its bound.
    public var hessianVectorPasses = 0

    public init() {}

    /// In forward-and-backward passes, counting a forward pass as half of one and an R-operator
    /// pass as two: backward costs about what forward does, and the R-operator carries a second
    /// value through both (Pearlmutter 1994).
    public var forwardBackwardPasses: Double {
        Double(lossEvaluations + boundedLossEvaluations) / 2 + Double(gradientPasses) + 2 * Double(hessianVectorPasses)
    }
}

/// The dtype's rounding of `gᵀv` and `vᵀHv`: `|(g − g*)ᵀv|` against the same code in
/// `ReferenceScalar` (`ReferenceDerivatives`), and what the dtype's running error bounds allow
/// for it. The test differentiates with `g*` and `(Hv)*`, so this is where the dtype is judged.
public struct DTypeRounding: Sendable, Equatable, Codable {
    /// `|(g − g*)ᵀv|`, absolute, in the units of `L` per unit ε.
    public var slopeError: Double?
    /// What it may be: the dtype's running error bound along `v`, the reference's, and the
    /// rounding of the sums; above it the trial FAILs.
    public var slopeBound: Double?
    /// `|vᵀ(Hv − (Hv)*)|`, absolute.
    public var curvatureError: Double?
    /// What it may be, as `slopeBound`.
    public var curvatureBound: Double?

    public init() {}
}

/// The outcome of one Taylor test (`TaylorTest.run`).
public struct TaylorResult: Sendable, Equatable, Codable {
    /// `L(θ)` in the evaluator's type.
    public var loss: Double
    /// `gᵀv` and, with `Hv`, `vᵀHv`, in the evaluator's type, of the derivatives tested: the
    /// model's `referenceDerivatives` where it has them, else the dtype's.
    public var slope: Double
    public var curvature: Double?
    /// One per ε, largest first.
    public var points: [TaylorPoint]
    /// r₁, r₂ and (with `Hv`) r₃.
    public var fits: [TaylorFit]
    /// The judged fits' verdicts joined (`Verdict.aggregate`), or NON-FINITE / HARNESS-ERROR.
    public var verdict: Verdict
    /// Why, for a verdict that is not PASS.
    public var reason: String?
    public var cost: TaylorCost
    /// The dtype's own rounding along `v`, measured against the same code in `ReferenceScalar`;
    /// empty for a model without `referenceDerivatives(along:)`.
    public var dtype: DTypeRounding

    public init(loss: Double, slope: Double, curvature: Double?, points: [TaylorPoint], fits: [TaylorFit], verdict: Verdict,
                reason: String?, cost: TaylorCost, dtype: DTypeRounding = DTypeRounding()) {
        (self.loss, self.slope, self.curvature, self.points, self.fits) = (loss, slope, curvature, points, fits)
        (self.verdict, self.reason, self.cost, self.dtype) = (verdict, reason, cost, dtype)
    }

    /// The fit of remainder `k` (1, 2 or 3), if it was made.
    public func fit(_ k: Int) -> TaylorFit? { fits.first { $0.remainder == k } }
}
