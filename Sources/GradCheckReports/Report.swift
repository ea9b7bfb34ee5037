import GradientCheck

/// The JSON report of a run. Deterministic: the same `RunDescription` gives the same bytes
/// (no timestamps or timings inside; wall time goes to the terminal and the Markdown only).
///
/// Schema version 2 (version 1 lacked the INCONCLUSIVE, NONDETERMINISTIC and HARNESS-ERROR
/// verdicts, element `reason`s and the check's `wholeCheckVerdict`): `schemaVersion`, `tool` {name, version}, `command`, `seed`, `run`
/// (the `RunDescription`), `tolerances` (per dtype), `summaries` (one `DTypeSummary` per dtype),
/// `records` (one `TensorRecord` per dtype × trial × tensor, in that order).
public struct Report: Sendable, Equatable, Codable {
    /// The version of this JSON layout; readers refuse others (`Report.load`).
    public static let schemaVersion = 2
    /// gradcheck's own version, recorded in every report.
    public static let toolVersion = "0.1.0"

    public struct Tool: Sendable, Equatable, Codable {
        public var name = "gradcheck"
        public var version = Report.toolVersion
    }

    public var schemaVersion = Report.schemaVersion
    public var tool = Tool()
    public var command: String
    public var seed: UInt64
    public var run: RunDescription
    public var tolerances: [String: Tolerance]
    public var summaries: [DTypeSummary]
    public var records: [TensorRecord]

    public init(run: RunDescription, summaries: [DTypeSummary], records: [TensorRecord]) {
        self.command = run.command
        self.seed = run.options.seed
        self.run = run
        self.tolerances = Dictionary(uniqueKeysWithValues: run.dtypes.map {
            ($0.rawValue, run.checker(for: $0).tolerance ?? .defaults(epsilon: $0.epsilon))
        })
        self.summaries = summaries
        self.records = records
    }
}
