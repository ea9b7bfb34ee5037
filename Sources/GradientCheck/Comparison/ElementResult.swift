/// The comparison of one gradient element: analytic `a` (backprop) against numerical `n`.
public struct ElementResult: Sendable, Equatable, Codable {
    enum CodingKeys: String, CodingKey {
        case index, flatIndex, theta, analytic, numerical, errorEstimate, step, stepAdjusted, allowed
        case leftDerivative, rightDerivative, referenceNumerical, verdict, reason
    }

    /// Row-major multi-index inside its tensor, e.g. `[k, j]` for `W[k][j]`.
    public var index: [Int]
    /// Index in the flat parameters θ.
    public var flatIndex: Int
    /// `θ` at which both sides were taken.
    public var theta: Double
    /// `∂L/∂θ` by backpropagation.
    public var analytic: Double
    /// `∂L/∂θ` by GSL's central difference.
    public var numerical: Double
    /// `E`, the oracle's error estimate for `numerical` (absolute).
    public var errorEstimate: Double
    /// The step `h` GSL's result was taken with.
    public var step: Double
    /// True when the requested step was below the dtype's resolution at `θ` and was enlarged.
    public var stepAdjusted: Bool
    /// The rule's right-hand side `atol + rtol·max(|a|,|n|) + κ·E` (for KINK: the bound's slack).
    public var allowed: Double
    /// Left and right one-sided derivatives, present when the stencil crossed a kink.
    public var leftDerivative: Double?
    public var rightDerivative: Double?
    /// The central difference in `ReferenceScalar` at that type's own step
    /// (`ReferenceEvaluation.ownStep`), present when the dtype's value failed the rule and the
    /// model has a wider evaluation.
    public var referenceNumerical: Double?
    public var verdict: Verdict
    /// Why an INCONCLUSIVE element could not be tested (e.g. "below resolution", a saturated
    /// unit); `nil` otherwise.
    public var reason: String?

    /// `|a − n|`.
    public var absoluteError: Double { abs(analytic - numerical) }

    /// `|a − n| / max(|a|, |n|)`, 0 when both are exactly 0 (a match, not 0/0); NaN when
    /// either side is non-finite.
    public var relativeError: Double {
        let scale = max(abs(analytic), abs(numerical))
        if analytic == 0 && numerical == 0 { return 0 }
        return absoluteError / scale
    }

    /// Whether the check can tell this element from zero: `max(|a|, |n|) > allowed`. Below
    /// that, `a` and `n` are both within the noise the rule allows and their relative error
    /// says nothing (0 against 1e-12 is "100 %"); such elements are left out of the worst
    /// relative errors that summaries show.
    public var isResolved: Bool { max(abs(analytic), abs(numerical)) > allowed }

    /// Why a passing element tests nothing: `max(|a|, |n|)` is not above `allowed` (and the
    /// pair is not an exact-zero match, which is a real agreement); `nil` when resolved.
    var unresolvedReason: String? {
        if isResolved || (analytic == 0 && numerical == 0) { return nil }
        return "below resolution: max(|a|, |n|) = \(max(abs(analytic), abs(numerical))) ≤ allowed \(allowed)"
    }

    /// `a / n`: 0.5 or 2 point at a missing or extra factor 2, `m` at a batch-sum bug.
    public var ratio: Double { analytic / numerical }

    /// `|a − n| / allowed`: ≤ 1 passes; the worst element of a tensor maximises it.
    public var errorToAllowed: Double {
        let e = absoluteError / allowed
        return e.isNaN ? .infinity : e
    }
}

extension ElementResult {
    enum DerivedKeys: String, CodingKey {
        case ratio, relativeError
    }

    /// The stored fields, plus `ratio` and `relativeError` for readers of the JSON (ignored
    /// when decoding: they follow from `analytic` and `numerical`).
    public func encode(to encoder: Encoder) throws {
        var stored = encoder.container(keyedBy: CodingKeys.self)
        try stored.encode(index, forKey: .index)
        try stored.encode(flatIndex, forKey: .flatIndex)
        try stored.encode(theta, forKey: .theta)
        try stored.encode(analytic, forKey: .analytic)
        try stored.encode(numerical, forKey: .numerical)
        try stored.encode(errorEstimate, forKey: .errorEstimate)
        try stored.encode(step, forKey: .step)
        try stored.encode(stepAdjusted, forKey: .stepAdjusted)
        try stored.encode(allowed, forKey: .allowed)
        try stored.encodeIfPresent(leftDerivative, forKey: .leftDerivative)
        try stored.encodeIfPresent(rightDerivative, forKey: .rightDerivative)
        try stored.encodeIfPresent(referenceNumerical, forKey: .referenceNumerical)
        try stored.encode(verdict, forKey: .verdict)
        try stored.encodeIfPresent(reason, forKey: .reason)
        var derived = encoder.container(keyedBy: DerivedKeys.self)
        try derived.encode(ratio, forKey: .ratio)
        try derived.encode(relativeError, forKey: .relativeError)
    }
}
