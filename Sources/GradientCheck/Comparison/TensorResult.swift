/// The check of one parameter tensor: every element, its worst one and normwise errors.
public struct TensorResult: Sendable, Equatable, Codable {
    public var tensor: ParameterTensor
    /// The most severe element verdict; INCONCLUSIVE when no element was resolved
    /// (`Verdict.aggregate`).
    public var verdict: Verdict
    /// Every element, in storage order.
    public var elements: [ElementResult]

    public init(tensor: ParameterTensor, elements: [ElementResult]) {
        self.tensor = tensor
        self.elements = elements
        self.verdict = Verdict.aggregate(elements.lazy.map(\.verdict))
    }

    /// The element that decides the verdict: most severe verdict first, then the largest
    /// `|a − n| / allowed`.
    public var worst: ElementResult? {
        elements.max { ($0.verdict, $0.errorToAllowed) < ($1.verdict, $1.errorToAllowed) }
    }

    /// `‖a − n‖₂ / max(‖a‖₂, ‖n‖₂)` over the tensor; 0 when both norms are 0.
    public var normwiseRelativeError: Double {
        var diff = 0.0, normA = 0.0, normN = 0.0
        for e in elements {
            diff += (e.analytic - e.numerical) * (e.analytic - e.numerical)
            normA += e.analytic * e.analytic
            normN += e.numerical * e.numerical
        }
        let scale = max(normA, normN).squareRoot()
        return scale == 0 ? (diff == 0 ? 0 : .infinity) : diff.squareRoot() / scale
    }

    /// The largest `relativeError` among resolved elements (`ElementResult.isResolved`), or
    /// NaN if any element's is NaN; 0 when no element is resolved.
    public var maxRelativeError: Double {
        elements.reduce(0) { worst, e in
            if worst.isNaN || e.relativeError.isNaN { return .nan }
            return e.isResolved ? max(worst, e.relativeError) : worst
        }
    }

    /// The median `relativeError` of the resolved, non-KINK elements: the tensor's typical error
    /// (0 when none is resolved).
    public var medianRelativeError: Double {
        Quantiles(elements.compactMap { $0.isResolved && $0.verdict != .kink ? $0.relativeError : nil }).median
    }

    /// The median `|a − n|/allowed` of the non-KINK elements: how much of the tolerance a typical
    /// element uses (0 for none).
    public var medianErrorToAllowed: Double {
        Quantiles(elements.compactMap { $0.verdict != .kink ? $0.errorToAllowed : nil }).median
    }

    /// How many elements got `verdict`.
    public func count(_ verdict: Verdict) -> Int { elements.reduce(0) { $1.verdict == verdict ? $0 + 1 : $0 } }

    /// Element counts by verdict, in one pass (the verdicts no element got are absent).
    public var verdictCounts: [Verdict: Int] { elements.reduce(into: [:]) { $0[$1.verdict, default: 0] += 1 } }
}
