import GradientCheck

/// The report of a check run, what `gradcheck.json` holds. Deterministic: the same
/// `RunDescription` gives the same bytes (no timestamps or timings inside; wall time goes to
/// the terminal and the Markdown only).
///
/// Schema version 4 (version 3 held its records in memory and in one line, and its summaries had
/// no error histograms; version 2 had no `run.oracle`, element `roundingBound` or summary
/// `oracle` and certified agreement, and judged Float by Float differences; version 1 lacked
/// the INCONCLUSIVE, NONDETERMINISTIC and HARNESS-ERROR verdicts, element `reason`s and the
/// check's `wholeCheckVerdict`): `command`, `run` (the `RunDescription`), `schemaVersion`,
/// `seed`, `tolerances` (per dtype), `tool` {name, version}, then `records` (one
/// `TensorRecord` per dtype × trial × tensor, in that order, one per line), then `summaries`
/// (one `DTypeSummary` per dtype), which are known only when every record is written.
///
/// The records are never held in memory (`RecordSink`, `RecordSource`): a report of any size is
/// written and read as a stream, and what the summaries show of them is the `digest`.
public struct Report: Sendable, Equatable, Codable {
    /// The version of this JSON layout; readers refuse others (`Report.load`).
    public static let schemaVersion = 4
    public var schemaVersion = Report.schemaVersion
    public var tool = Tool()
    public var command: String
    public var seed: UInt64
    public var run: RunDescription
    public var tolerances: [String: Tolerance]
    public var summaries: [DTypeSummary]
    /// What the Markdown, HTML and terminal show of the records (not written: it follows from
    /// them, and a reader rebuilds it as it reads them).
    public var digest = ReportDigest()

    enum CodingKeys: String, CodingKey {
        case schemaVersion, tool, command, seed, run, tolerances, summaries
    }

    /// - Parameters:
    ///   - command: the command that repeats `run` (`CommandSpelling.command(for:)`).
    ///   - tolerances: the tolerance each dtype was checked with (`CheckSettings.tolerance`).
    ///   - digest: the records' digest, when they are already made.
    public init(run: RunDescription, command: String, tolerances: [DType: Tolerance], summaries: [DTypeSummary] = [],
                digest: ReportDigest = ReportDigest()) {
        self.command = command
        self.seed = run.options.seed
        self.run = run
        self.tolerances = Dictionary(uniqueKeysWithValues: tolerances.map { ($0.key.rawValue, $0.value) })
        self.summaries = summaries
        self.digest = digest
    }
}
