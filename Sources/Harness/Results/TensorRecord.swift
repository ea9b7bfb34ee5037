import GradientCheck
import NeuralNetwork

/// One report line: one parameter tensor of one trial in one dtype, reduced to its worst
/// element and its error summaries (the full element list is not kept). In fast mode a check's
/// directional derivatives make one more line, the pseudo-tensor `directions` of shape `[k]`,
/// whose elements are the directions (`CheckResult.directions`).
public struct TensorRecord: Sendable, Equatable, Codable {
    public var trial: Int
    public var trialSeed: UInt32
    public var dtype: DType
    /// `d₀ … d_L` and batch size `m` of the trial's network.
    public var widths: [Int]
    public var m: Int
    public var activations: [Activation]
    public var loss: Loss
    /// Present for trials drawn in the saturation regime.
    public var saturation: SaturationRegime?
    /// Gradient-descent steps taken before this check (`--train-steps`); absent for the check
    /// at the drawn θ.
    public var trainStep: Int?
    /// Tensor name (`W1`, `b1`, …) and shape.
    public var tensor: String
    public var shape: [Int]
    public var verdict: Verdict
    /// The element with the most severe verdict and largest error-to-allowed ratio.
    public var worst: ElementResult
    /// The largest relative error `|a − n| / max(|a|, |n|)` among the tensor's resolved
    /// elements (`TensorResult.largestResolvedRelativeError`). It is not the worst element's
    /// own (`worst.relativeError`): "worst" always means the most severe verdict, then the
    /// largest `|a − n|`/allowed, the element closest to (or furthest past) failing.
    public var largestResolvedRelativeError: Double
    /// `‖a − n‖₂ / max(‖a‖₂, ‖n‖₂)` over the tensor.
    public var normwiseRelativeError: Double
    /// Medians over the elements (`TensorResult.medianRelativeError`, `.medianErrorToAllowed`):
    /// the typical error, which a precision regression moves long before the worst one fails.
    public var medianRelativeError: Double
    public var medianErrorToAllowed: Double
    /// Element (or direction) counts by verdict (keys are verdict names).
    public var elementCounts: [String: Int]
    /// Present when the trial's check added notes (e.g. loss disagreement).
    public var notes: [String]?

    /// The tensor's name, with "after k steps" for a check after gradient descent.
    public var label: String { Self.label(tensor, trainStep: trainStep) }
    /// The verdict as reports show it: a PASS or KINK with unresolved elements says how many,
    /// e.g. `PASS (3 INCONCLUSIVE)`, so that no PASS hides what it did not resolve.
    public var verdictText: String {
        let unresolved = elementCounts[Verdict.inconclusive.rawValue] ?? 0
        return verdict.rawValue + (verdict != .inconclusive && unresolved > 0 ? " (\(unresolved) INCONCLUSIVE)" : "")
    }
    /// The worst element's name, e.g. `W2[3, 1] after 5 steps`.
    public var worstLabel: String { Self.label(tensor, index: worst.index, trainStep: trainStep) }

    /// The record that names a failing trial, among the trial's `records`: a failing tensor's
    /// rather than fast mode's `directions` when one fails, then the most severe verdict, then
    /// the largest `|a − n|`/allowed at the worst element; the earliest of equals. `nil` when no
    /// record fails (`Verdict.isAcceptable`). The terminal and JUnit name a trial by it.
    public static func naming(_ records: [TensorRecord]) -> TensorRecord? {
        let failing = records.filter { !$0.verdict.isAcceptable }
        let tensors = failing.filter { $0.tensor != GradientChecker.directionsName }
        return (tensors.isEmpty ? failing : tensors).max {
            ($0.verdict, $0.worst.errorToAllowed) < ($1.verdict, $1.worst.errorToAllowed)
        }
    }

    /// `W2`, `W2[3, 1]` with an element index (`direction 1` for element `[1]` of fast mode's
    /// `directions`), and " after k steps" for a check after `trainStep` descent steps.
    public static func label(_ tensor: String, index: [Int]? = nil, trainStep: Int?) -> String {
        let name = tensor == GradientChecker.directionsName && index?.count == 1
            ? "direction \(index![0])" : tensor + (index.map { "\($0)" } ?? "")
        return name + (trainStep.map { " after \($0) step\($0 == 1 ? "" : "s")" } ?? "")
    }

    /// - Parameters:
    ///   - check: the check `tensor` belongs to, `trial.check` or `trial.trained`.
    ///   - trainStep: the descent steps taken before `check`.
    public init?(trial: TrialResult, check: CheckResult, tensor: TensorResult, trainStep: Int = 0) {
        guard let worst = tensor.worst else { return nil }
        self.trial = trial.spec.index
        self.trialSeed = trial.spec.trialSeed
        self.dtype = trial.dtype
        self.widths = trial.spec.widths
        self.m = trial.spec.m
        self.activations = trial.spec.activations
        self.loss = trial.spec.loss
        self.saturation = trial.spec.saturation
        self.tensor = tensor.tensor.name
        self.shape = tensor.tensor.shape
        self.trainStep = trainStep == 0 ? nil : trainStep
        self.verdict = max(tensor.verdict, check.wholeCheckVerdict ?? .pass)
        self.worst = worst
        self.largestResolvedRelativeError = tensor.largestResolvedRelativeError
        self.normwiseRelativeError = tensor.normwiseRelativeError
        self.medianRelativeError = tensor.medianRelativeError
        self.medianErrorToAllowed = tensor.medianErrorToAllowed
        self.elementCounts = Dictionary(uniqueKeysWithValues: tensor.verdictCounts.map { ($0.key.rawValue, $0.value) })
        self.notes = check.notes.isEmpty ? nil : check.notes
    }
}

extension TensorRecord {
    enum CodingKeys: String, CodingKey {
        case trial, trialSeed, dtype, widths, m, activations, loss, saturation, trainStep, tensor, shape, verdict, worst
        case largestResolvedRelativeError, normwiseRelativeError, medianRelativeError, medianErrorToAllowed, elementCounts, notes
    }

    /// The object the synthesized conformance would write (decoding stays synthesized), made
    /// with concrete-typed calls (`ConcreteEncoding.swift` says why). Reports write the same
    /// object field by field (`GradCheckReports`' `JSONBytes.record`; `ReportStreamEncodingTests`
    /// holds the two together). Enums go in as their raw values, as their own conformances
    /// write them. A new stored property must be added here and there (`ReportTests` checks
    /// that every property of a record with all optionals set is written, and read back).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try encode(into: &container)
    }

    func encode(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        try container.encode(trial, forKey: .trial)
        try container.encode(trialSeed, forKey: .trialSeed)
        try container.encode(dtype.rawValue, forKey: .dtype)
        try container.encodeArray(widths, forKey: .widths)
        try container.encode(m, forKey: .m)
        try container.encodeArray(activations.map(\.rawValue), forKey: .activations)
        try container.encode(loss.rawValue, forKey: .loss)
        try saturation?.encode(in: &container, forKey: .saturation)
        try container.encodeIfPresent(trainStep, forKey: .trainStep)
        try container.encode(tensor, forKey: .tensor)
        try container.encodeArray(shape, forKey: .shape)
        try container.encode(verdict.rawValue, forKey: .verdict)
        try worst.encode(in: &container, forKey: .worst)
        let errors: [(CodingKeys, Double)] = [
            (.largestResolvedRelativeError, largestResolvedRelativeError), (.normwiseRelativeError, normwiseRelativeError),
            (.medianRelativeError, medianRelativeError), (.medianErrorToAllowed, medianErrorToAllowed),
        ]
        for (key, value) in errors { try container.encode(value, forKey: key) }
        var counts = container.nestedContainer(keyedBy: VerdictName.self, forKey: .elementCounts)
        for (verdict, count) in elementCounts { try counts.encode(count, forKey: VerdictName(stringValue: verdict)) }
        if let notes { try container.encodeArray(notes, forKey: .notes) }
    }

    /// A key of `elementCounts`.
    struct VerdictName: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
