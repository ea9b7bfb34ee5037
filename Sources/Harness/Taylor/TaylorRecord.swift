import GradientCheck
import NeuralNetwork

/// One trial's Taylor test in one dtype, with what identifies the network.
public struct TaylorRecord: Sendable, Equatable, Codable {
    public var trial: Int
    public var dtype: DType
    public var widths: [Int]
    public var m: Int
    public var activations: [Activation]
    public var loss: Loss
    public var weightDecay: Double
    public var result: TaylorResult

    public init(spec: TrialSpec, dtype: DType, result: TaylorResult) {
        (self.trial, self.dtype, self.widths, self.m) = (spec.index, dtype, spec.widths, spec.m)
        (self.activations, self.loss, self.weightDecay, self.result) = (spec.activations, spec.loss, spec.weightDecay, result)
    }
}

/// One dtype's Taylor tests summed up.
public struct TaylorSummary: Sendable, Equatable, Codable {
    public var dtype: DType
    public var trials: Int
    /// Trials per verdict, by `Verdict.rawValue`; every verdict is a key.
    public var verdicts: [String: Int]
    /// The median fitted order of r₁, r₂, r₃ over the trials that fitted it; `nil` where none did.
    public var medianOrders: [Double?]
    /// The lowest fitted order of r₂ and r₃ among the trials they passed.
    public var lowestPassingOrders: [Double?]
    /// The median smallest resolved ε of r₂ and r₃: below it, round-off takes over.
    public var medianSmallestResolved: [Double?]
    /// Mean cost per trial in forward-and-backward passes (`TaylorCost.forwardBackwardPasses`).
    public var meanForwardBackwardPasses: Double
    /// The largest `|(g − g*)ᵀv|` over its running error bound, the dtype's rounding along `v`
    /// against the same code in `ReferenceScalar` (`DTypeRounding`); `nil` without reference
    /// derivatives. Above 1 fails the trial.
    public var largestSlopeRoundingToBound: Double?
    /// The first trial whose verdict fails the gate, `nil` for none.
    public var firstFailure: Int?

    public init(dtype: DType, records: [TaylorRecord]) {
        self.dtype = dtype
        trials = records.count
        verdicts = Dictionary(uniqueKeysWithValues: Verdict.allCases.map { v in (v.rawValue, records.filter { $0.result.verdict == v }.count) })
        func median(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.sorted()[xs.count / 2] }
        medianOrders = (1...3).map { k in median(records.compactMap { $0.result.fit(k)?.order }) }
        lowestPassingOrders = (2...3).map { k in
            records.compactMap { r in r.result.fit(k).flatMap { $0.verdict == .pass ? $0.order : nil } }.min()
        }
        medianSmallestResolved = (2...3).map { k in median(records.compactMap { $0.result.fit(k)?.smallestResolved }) }
        meanForwardBackwardPasses = records.isEmpty ? 0
            : records.map(\.result.cost.forwardBackwardPasses).reduce(0, +) / Double(records.count)
        firstFailure = records.first { !$0.result.verdict.isAcceptable }?.trial
        largestSlopeRoundingToBound = records.compactMap { r -> Double? in
            guard let error = r.result.dtype.slopeError, let bound = r.result.dtype.slopeBound, bound > 0 else { return nil }
            return error / bound
        }.max()
    }

    public func count(_ verdict: Verdict) -> Int { verdicts[verdict.rawValue] ?? 0 }

    /// Whether this dtype lets the gate pass: no verdict beyond KINK, and at least one PASS (a
    /// run that resolved nothing certifies nothing).
    public var passes: Bool { firstFailure == nil && count(.pass) > 0 }
}
