import NeuralNetwork
import Foundation
import GradientCheck

/// One trial to replay alone (`gradcheck replay FILE`): a minimal failing case found by the
/// `Shrinker`, or any trial, with everything its check depends on. Written as pretty JSON with
/// sorted keys (`GradCheckReports`), so the same run writes the same bytes and a small case
/// reads by eye.
///
/// Schema version 2 (version 1's runs had no `oracle` and were judged natively): `schemaVersion`, `tool`, `run`, `dtype`, `spec`, and for a shrunk case
/// `original`, `signature`, `shrink`.
public struct CaseFile: Sendable, Equatable, Codable {
    /// The version of this JSON layout; `load` refuses others.
    public static let schemaVersion = 2

    public var schemaVersion = CaseFile.schemaVersion
    public var tool = Tool()
    /// The run the trial came from, narrowed to it (`trial` its index, `dtypes` `[dtype]`): the
    /// trial options, tolerance overrides and planted bug. Its command (`CommandSpelling`) replays
    /// the original trial, which `spec` shrank from.
    public var run: RunDescription
    public var dtype: DType
    /// The trial checked on replay: widths, `m`, activations, loss, θ, `x`, `y`.
    public var spec: TrialSpec
    /// The original trial's `d₀ … d_L` and `m`, when `spec` was shrunk from it.
    public var original: TrialShape?
    /// How the case failed when it was shrunk: replay says whether it still does.
    public var signature: FailureSignature?
    /// What the shrink cost.
    public var shrink: ShrinkStats?

    public init(run: RunDescription, dtype: DType, spec: TrialSpec, original: TrialShape? = nil,
                signature: FailureSignature? = nil, shrink: ShrinkStats? = nil) {
        self.run = run
        self.dtype = dtype
        self.spec = spec
        self.original = original
        self.signature = signature
        self.shrink = shrink
    }

    /// `<dtype>-trial-<index>.json`, the name under a report directory's `cases/`.
    public var fileName: String { "\(dtype.rawValue)-trial-\(spec.index).json" }

    /// Whether `name` has the form of `fileName`.
    public static func isCaseFileName(_ name: String) -> Bool {
        guard name.hasSuffix(".json") else { return false }
        return DType.allCases.contains { dtype in
            let prefix = "\(dtype.rawValue)-trial-"
            let digits = name.dropFirst(prefix.count).dropLast(".json".count)
            return name.hasPrefix(prefix) && !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
        }
    }

    /// Checks `spec` as the run it came from checks its trials.
    public func check() -> TrialResult { run.rerun(spec, dtype) }

    /// Why the parts disagree or cannot describe a trial, or `nil` (checked when a case file is read).
    public var inconsistency: String? {
        if let problem = run.invalidity { return problem }
        guard run.dtypes == [dtype] else { return "run.dtypes is not [\(dtype.rawValue)]" }
        guard run.trial == spec.index else { return "run.trial is not spec.index \(spec.index)" }
        // The CLI's limits first, so that a hand-edited case cannot replay for minutes.
        if let w = spec.widths.first(where: { !(1...RunDescription.maxWidth).contains($0) }) {
            return "spec.widths has \(w), outside the limit 1...\(RunDescription.maxWidth)"
        }
        guard (1...RunDescription.maxBatch).contains(spec.m) else { return "spec.m \(spec.m) is outside 1...\(RunDescription.maxBatch)" }
        guard spec.parameters.count <= RunDescription.maxParameters else {
            return "spec has \(spec.parameters.count) parameters, beyond the limit \(RunDescription.maxParameters)"
        }
        if let problem = spec.invalidity { return "spec: \(problem)" }
        guard spec.widths.count == run.options.layers + 1 else {
            return "spec has \(spec.widths.count - 1) layers, run.options.layers is \(run.options.layers)"
        }
        // The run's bounds also bound the replay's work (descent steps).
        guard spec.trainSteps == run.options.trainSteps, spec.learningRate == run.options.learningRate else {
            return "spec.trainSteps and spec.learningRate are not run.options'"
        }
        if let signature, signature.dtype != dtype { return "signature.dtype is not \(dtype.rawValue)" }
        if let tensor = signature?.tensor {
            let names = ParameterLayout.names(layers: spec.widths.count - 1)
            guard names.contains(tensor) else {
                return "signature.tensor \(tensor) is not a tensor of a \(spec.widths.count - 1)-layer network"
            }
        }
        if let step = signature?.trainStep, step != spec.trainSteps {
            return "signature.trainStep \(step) is not spec.trainSteps \(spec.trainSteps)"
        }
        return nil
    }
}
