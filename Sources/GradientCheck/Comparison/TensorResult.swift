/// The check of one parameter tensor: every element, its worst one and normwise errors.
public struct TensorResult: Sendable, Equatable, Codable {
    public var tensor: ParameterTensor
    /// The most severe element verdict; INCONCLUSIVE when no element was resolved
    /// (`Verdict.aggregate`).
    public var verdict: Verdict
    /// Every element, in storage order.
    public var elements: [ElementResult]

    // The statistics below index `elements` instead of iterating it: iteration copies each
    // element (retaining its `reason`), which costs more than the arithmetic.

    public init(tensor: ParameterTensor, elements: [ElementResult]) {
        self.tensor = tensor
        self.elements = elements
        self.verdict = Verdict.aggregate(elements.indices.lazy.map { elements[$0].verdict })
    }

    /// The element that decides the verdict: most severe verdict first, then the largest
    /// `|a − n| / allowed` (the first of equal ones).
    public var worst: ElementResult? {
        guard var worst = elements.indices.first else { return nil }
        for k in elements.indices.dropFirst()
        where (elements[worst].verdict, elements[worst].errorToAllowed) < (elements[k].verdict, elements[k].errorToAllowed) {
            worst = k
        }
        return elements[worst]
    }

    /// `‖a − n‖₂ / max(‖a‖₂, ‖n‖₂)` over the tensor; 0 when both norms are 0.
    public var normwiseRelativeError: Double {
        // Scaled by the largest |a|, |n| first, as LAPACK's dnrm2 does: gradients of 1e200
        // (after a descent that grew the weights) would overflow the squares to ∞ and give ∞/∞.
        var largest = 0.0
        for k in elements.indices {
            largest = max(largest, abs(elements[k].analytic), abs(elements[k].numerical))
        }
        guard largest.isFinite else { return .nan }   // a NaN element propagates through the sums below
        guard largest > 0 else { return 0 }
        var diff = 0.0, normA = 0.0, normN = 0.0
        for k in elements.indices {
            let (a, n) = (elements[k].analytic / largest, elements[k].numerical / largest)
            diff += (a - n) * (a - n)
            normA += a * a
            normN += n * n
        }
        let scale = max(normA, normN).squareRoot()
        return scale == 0 ? .infinity : diff.squareRoot() / scale
    }

    /// The largest `relativeError` among resolved elements (`ElementResult.isResolved`), or
    /// NaN if any element's is NaN; 0 when no element is resolved. Not necessarily `worst`'s
    /// (`worst.relativeError`): the worst element is the one with the most severe verdict, then
    /// the largest `|a − n|`/allowed.
    public var largestResolvedRelativeError: Double {
        var worst = 0.0
        for k in elements.indices {
            let r = elements[k].relativeError
            if r.isNaN { return .nan }
            if elements[k].isResolved { worst = max(worst, r) }
        }
        return worst
    }

    /// The median `relativeError` of the resolved, non-KINK elements: the tensor's typical error
    /// (0 when none is resolved).
    public var medianRelativeError: Double {
        Quantiles.median(elements.indices.compactMap { k in
            elements[k].isResolved && elements[k].verdict != .kink ? elements[k].relativeError : nil
        })
    }

    /// The median `|a − n|/allowed` of the non-KINK elements: how much of the tolerance a typical
    /// element uses (0 for none).
    public var medianErrorToAllowed: Double {
        Quantiles.median(elements.indices.compactMap { k in elements[k].verdict != .kink ? elements[k].errorToAllowed : nil })
    }

    /// How many elements got `verdict`.
    public func count(_ verdict: Verdict) -> Int { elements.indices.reduce(0) { elements[$1].verdict == verdict ? $0 + 1 : $0 } }

    /// Element counts by verdict, in one pass (the verdicts no element got are absent): counted
    /// by `Verdict.severity`, since hashing a verdict hashes its raw string.
    public var verdictCounts: [Verdict: Int] {
        var counts = [Int](repeating: 0, count: Verdict.allCases.count)
        for k in elements.indices { counts[elements[k].verdict.severity] += 1 }
        var byVerdict: [Verdict: Int] = [:]
        for verdict in Verdict.allCases where counts[verdict.severity] > 0 { byVerdict[verdict] = counts[verdict.severity] }
        return byVerdict
    }
}
