import Foundation
import GradientCheck

/// A failing trial shrunk to a minimal case, ready to print, record and write.
public struct MinimalCase: Sendable, Equatable {
    /// What goes to `cases/<fileName>`.
    public var file: CaseFile
    /// The minimal case's check.
    public var result: TrialResult
    /// Where the case file goes, as the user names it (`reports/cases/float-trial-12.json`).
    public var path: String

    public init(file: CaseFile, result: TrialResult, reportDirectory: URL) {
        self.file = file
        self.result = result
        self.path = reportDirectory.appendingPathComponent(Self.directoryName)
            .appendingPathComponent(file.fileName).relativePath
    }

    /// The subdirectory of a report directory that holds the case files.
    public static let directoryName = "cases"

    /// The tensors that do not pass in the minimal case, in either check, labelled like report
    /// records (`W2`, `W2 after 5 steps`; `CheckResult.failingTensors`).
    public var failingTensors: [(label: String, tensor: TensorResult)] {
        result.checks.flatMap { step, check in
            check.failingTensors
                .map { (TensorRecord.label($0.tensor.name, trainStep: step == 0 ? nil : step), $0) }
        }
    }

    /// The worst element of the most severe failing tensor (`TensorResult.worst`).
    public var worst: (label: String, element: ElementResult)? {
        failingTensors.compactMap { t in t.tensor.worst.map { (t.label, $0) } }
            .max { ($0.1.verdict, $0.1.errorToAllowed) < ($1.1.verdict, $1.1.errorToAllowed) }
    }

    /// Most parameters for which the values are printed.
    public static let valueLimit = 12
}

extension RunDescription {
    /// Shrinks a failing trial of this run to its minimal case; `nil` when it does not fail.
    public func minimalCase(of failing: TrialResult, shrinker: Shrinker, reportDirectory: URL) -> MinimalCase? {
        guard let shrunk = shrinker.shrink(failing, rerun: { $0.run(failing.dtype, settings: failing.settings) }) else { return nil }
        let file = CaseFile(run: replaying(trial: failing.spec.index, dtype: failing.dtype), dtype: failing.dtype,
                            spec: shrunk.minimal.spec, original: TrialShape(failing.spec),
                            signature: shrunk.signature, shrink: shrunk.stats)
        return MinimalCase(file: file, result: shrunk.minimal, reportDirectory: reportDirectory)
    }
}
