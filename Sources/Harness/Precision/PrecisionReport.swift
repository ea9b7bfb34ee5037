import GradientCheck
import PrecisionStudy

/// The precision study's JSON report, schema version 2 (version 1 lacked the non-finite counts:
/// `nonFiniteElements` and `nonFiniteDifferences` of summaries and records, `nonFinite` of
/// histograms and sweep points): `schemaVersion`, `tool`, `command`, `seed`, `run`, and the
/// `study` (`PrecisionStudyResult`: per-record figures, per-dtype summaries, breakdowns,
/// histograms and step sweeps). Deterministic like the check's report.
public struct PrecisionReport: Sendable, Equatable, Codable {
    public static let schemaVersion = 2

    public var schemaVersion = PrecisionReport.schemaVersion
    public var tool = Tool()
    public var command: String
    public var seed: UInt64
    public var run: RunDescription
    public var study: PrecisionStudyResult

    /// - Parameter command: the command that repeats `run` (`CommandSpelling.command(for:)`).
    public init(run: RunDescription, command: String, study: PrecisionStudyResult) {
        self.command = command
        self.seed = run.options.seed
        self.run = run
        self.study = study
    }
}
