import GradientCheck

/// The report of a check run, what `gradcheck.json` holds. Deterministic: the same
/// `RunDescription` gives the same bytes (no timestamps or timings inside; wall time goes to
/// the terminal and the Markdown only).
///
/// Schema version 3 (version 2 had no `run.oracle`, element `roundingBound` or summary `oracle`
/// and certified agreement, and judged Float by Float differences; version 1 lacked the
/// INCONCLUSIVE, NONDETERMINISTIC and HARNESS-ERROR verdicts, element `reason`s and the check's
/// `wholeCheckVerdict`): `schemaVersion`, `tool` {name, version}, `command`, `seed`, `run`
/// (the `RunDescription`), `tolerances` (per dtype), `summaries` (one `DTypeSummary` per dtype),
/// `records` (one `TensorRecord` per dtype × trial × tensor, in that order).
public struct Report: Sendable, Equatable, Codable {
    /// The version of this JSON layout; readers refuse others (`Report.load`).
    public static let schemaVersion = 3
    public var schemaVersion = Report.schemaVersion
    public var tool = Tool()
    public var command: String
    public var seed: UInt64
    public var run: RunDescription
    public var tolerances: [String: Tolerance]
    public var summaries: [DTypeSummary]
    public var records: [TensorRecord]

    /// - Parameters:
    ///   - command: the command that repeats `run` (`CommandSpelling.command(for:)`).
    ///   - tolerances: the tolerance each dtype was checked with (`CheckSettings.tolerance`).
    public init(run: RunDescription, command: String, tolerances: [DType: Tolerance], summaries: [DTypeSummary],
                records: [TensorRecord]) {
        self.command = command
        self.seed = run.options.seed
        self.run = run
        self.tolerances = Dictionary(uniqueKeysWithValues: tolerances.map { ($0.key.rawValue, $0.value) })
        self.summaries = summaries
        self.records = records
    }
}
