/// The comparison of one gradient element: analytic `a` (backprop) against numerical `n`.
public struct ElementResult: Sendable, Equatable, Codable {
    /// The keys of the JSON object: the stored fields (`step` is `returnedStep`, `stepAdjusted`
    /// is `stepEnlarged`), and the derived `ratio` and `relativeError`, written for readers of
    /// the JSON and not read back.
    enum CodingKeys: String, CodingKey {
        case index, flatIndex, theta, analytic, numerical, errorEstimate, allowed
        case returnedStep = "step", stepEnlarged = "stepAdjusted"
        case leftDerivative, rightDerivative, referenceNumerical, roundingBound, rechecked, verdict, reason
        case ratio, relativeError
    }

    /// Row-major multi-index inside its tensor, e.g. `[k, j]` for `W[k][j]`.
    public var index: [Int] {
        get { multiIndex.array }
        set { multiIndex = MultiIndex(newValue) }
    }
    /// `index`, without a heap allocation per element.
    @usableFromInline var multiIndex: MultiIndex
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
    /// The returned step: that of the stencil GSL's result was taken with, at most the requested
    /// step (`StepSize`). JSON key `step`.
    public var returnedStep: Double
    /// True when the requested step was below the dtype's resolution at `θ` and was enlarged
    /// (`StepSize.requestedStep`). JSON key `stepAdjusted`.
    public var stepEnlarged: Bool
    /// The rule's right-hand side `atol + rtol·max(|a|,|n|) + κ·E` (for KINK: the bound's slack).
    public var allowed: Double
    /// Left and right one-sided derivatives, present when the stencil crossed a kink.
    public var leftDerivative: Double?
    public var rightDerivative: Double?
    /// The central difference in `ReferenceScalar` at that type's own step
    /// (`ReferenceEvaluation.ownStep`), present when the dtype's value failed the rule and the
    /// model has a wider evaluation.
    public var referenceNumerical: Double?
    /// `B`, the running error bound of `analytic` that the rule allowed for the dtype's
    /// rounding (`GradientCheckable.gradientRoundingBound`), present when the wider oracle
    /// judged a model that has one (`Tolerance`).
    public var roundingBound: Double?
    /// For an element that failed the rule: `true` when the second opinion in `ReferenceScalar`
    /// ran (`GradientChecker.recheck`; the FAIL stands only if it agrees), `false` when it was
    /// skipped because an earlier element of the same tensor had already confirmed the tensor's
    /// FAIL, so this FAIL is unexamined (it can only have become INCONCLUSIVE, never a PASS);
    /// `nil` for an element that did not fail the rule, or a model with no wider evaluation.
    public var rechecked: Bool?
    public var verdict: Verdict
    /// Why an INCONCLUSIVE element could not be tested (e.g. "below resolution", a saturated
    /// unit); `nil` otherwise.
    public var reason: String?

    /// Every field as above (the memberwise initializer, spelled out since `index` is computed).
    @usableFromInline
    init(index: [Int], flatIndex: Int, theta: Double, analytic: Double, numerical: Double, errorEstimate: Double,
         returnedStep: Double, stepEnlarged: Bool, allowed: Double, leftDerivative: Double?, rightDerivative: Double?,
         referenceNumerical: Double? = nil, roundingBound: Double? = nil, verdict: Verdict, reason: String? = nil) {
        self.multiIndex = MultiIndex(index)
        (self.flatIndex, self.theta, self.analytic, self.numerical) = (flatIndex, theta, analytic, numerical)
        (self.errorEstimate, self.returnedStep, self.stepEnlarged, self.allowed) = (errorEstimate, returnedStep, stepEnlarged, allowed)
        (self.leftDerivative, self.rightDerivative, self.referenceNumerical) = (leftDerivative, rightDerivative, referenceNumerical)
        self.roundingBound = roundingBound
        (self.verdict, self.reason) = (verdict, reason)
    }

    /// Reads what `encode(to:)` writes (the derived `ratio` and `relativeError` are not read).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(index: c.decode([Int].self, forKey: .index), flatIndex: c.decode(Int.self, forKey: .flatIndex),
                      theta: c.decode(Double.self, forKey: .theta), analytic: c.decode(Double.self, forKey: .analytic),
                      numerical: c.decode(Double.self, forKey: .numerical),
                      errorEstimate: c.decode(Double.self, forKey: .errorEstimate),
                      returnedStep: c.decode(Double.self, forKey: .returnedStep),
                      stepEnlarged: c.decode(Bool.self, forKey: .stepEnlarged), allowed: c.decode(Double.self, forKey: .allowed),
                      leftDerivative: c.decodeIfPresent(Double.self, forKey: .leftDerivative),
                      rightDerivative: c.decodeIfPresent(Double.self, forKey: .rightDerivative),
                      referenceNumerical: c.decodeIfPresent(Double.self, forKey: .referenceNumerical),
                      roundingBound: c.decodeIfPresent(Double.self, forKey: .roundingBound),
                      verdict: c.decode(Verdict.self, forKey: .verdict), reason: c.decodeIfPresent(String.self, forKey: .reason))
        rechecked = try c.decodeIfPresent(Bool.self, forKey: .rechecked)
    }

    /// `|a − n|`.
    public var absoluteError: Double { abs(analytic - numerical) }

    /// `|a − n| / max(|a|, |n|)`, 0 when both are exactly 0 (a match, not 0/0); NaN when
    /// either side is non-finite.
    public var relativeError: Double {
        let scale = max(abs(analytic), abs(numerical))
        if analytic == 0 && numerical == 0 { return 0 }
        return absoluteError / scale
    }

    /// How finely a passing element must be resolved to count as evidence: `allowed` at most
    /// `1/20` of `max(|a|, |n|)`. A PASS then certifies agreement to 5 %, so any gradient error
    /// of 6 % or more (the size the gate is proven on) fails every PASS-capable element; an
    /// element resolved more coarsely could hide such a bug and is INCONCLUSIVE.
    public static let resolutionFactor = 20.0

    /// Whether the comparison certifies this element: `max(|a|, |n|) > 20·allowed`
    /// (`resolutionFactor`). Below that, `a` and `n` agree only as far as the noise allows, and
    /// their relative error says little (0 against 1e-12 is "100 %"); such elements are
    /// INCONCLUSIVE when they pass, and left out of the largest resolved relative errors summaries show.
    public var isResolved: Bool { max(abs(analytic), abs(numerical)) > Self.resolutionFactor * allowed }

    /// Why a passing element certifies nothing, `nil` when it is resolved. Exact zeros on both
    /// sides are a match (no 0/0 failure) but not evidence either: a dead unit, or a change
    /// below the loss's resolution, reads the same.
    @usableFromInline var unresolvedReason: String? {
        if isResolved { return nil }
        if analytic == 0 && numerical == 0 {
            return "both sides exactly 0: a dead unit, or a change below what the loss resolves"
        }
        let scale = max(abs(analytic), abs(numerical))
        func g(_ x: Double) -> String { x.isNaN ? "nan" : "\(Float(x))" }
        return "below resolution: allowed \(g(allowed)) exceeds max(|a|, |n|)/20 = \(g(scale))/20 = \(g(scale / Self.resolutionFactor))"
    }

    /// For a PASS, `allowed / max(|a|, |n|)`: the relative agreement of `a` and `n` this element
    /// certifies (a relative error of `a` above it would have failed the rule); `nil` for any
    /// other verdict. Summaries give its median and 99th percentile per dtype.
    public var certifiedRelativeError: Double? {
        verdict == .pass ? allowed / max(abs(analytic), abs(numerical)) : nil
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
    /// The stored fields, plus `ratio` and `relativeError` for readers of the JSON (ignored
    /// when decoding: they follow from `analytic` and `numerical`).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try encode(into: &container)
    }

    /// Writes this element as the object under `key` of `parent` (what `encode(to:)` writes),
    /// without the nested encoder that `parent.encode(self, forKey: key)` would make.
    package func encode<Key: CodingKey>(in parent: inout KeyedEncodingContainer<Key>, forKey key: Key) throws {
        var container = parent.nestedContainer(keyedBy: CodingKeys.self, forKey: key)
        try encode(into: &container)
    }

    /// Every value goes through a concrete (`Double`, `String`, …) overload (`ConcreteEncoding.swift`
    /// says why); the verdict as its raw value, as `Verdict`'s own conformance writes it.
    func encode(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        try container.encodeArray(index, forKey: .index)
        try container.encode(flatIndex, forKey: .flatIndex)
        try container.encode(stepEnlarged, forKey: .stepEnlarged)
        try container.encode(verdict.rawValue, forKey: .verdict)
        try container.encodeIfPresent(reason, forKey: .reason)
        let values: [(CodingKeys, Double)] = [
            (.theta, theta), (.analytic, analytic), (.numerical, numerical), (.errorEstimate, errorEstimate),
            (.returnedStep, returnedStep), (.allowed, allowed), (.ratio, ratio), (.relativeError, relativeError),
        ]
        for (key, value) in values { try container.encode(value, forKey: key) }
        let present: [(CodingKeys, Double?)] = [
            (.leftDerivative, leftDerivative), (.rightDerivative, rightDerivative), (.referenceNumerical, referenceNumerical),
            (.roundingBound, roundingBound),
        ]
        for (key, value) in present { try container.encodeIfPresent(value, forKey: key) }
        try container.encodeIfPresent(rechecked, forKey: .rechecked)
    }
}
