import Foundation
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
    public var tool = Report.Tool()
    public var command: String
    public var seed: UInt64
    public var run: RunDescription
    public var study: PrecisionStudyResult

    public init(run: RunDescription, study: PrecisionStudyResult) {
        self.command = run.command
        self.seed = run.options.seed
        self.run = run
        self.study = study
    }

    /// Compact JSON with sorted keys, non-finite values as strings (as `Report.jsonData`).
    public func jsonData() throws -> Data { try Report.encoder.encode(self) }

    /// Runs the study that `run` describes (its trials, dtypes and options) on `jobs` worker
    /// threads; the report does not depend on `jobs`.
    public static func make(_ run: RunDescription, jobs: Int = 1) -> PrecisionReport {
        PrecisionReport(run: run, study: PrecisionStudy.run(options: run.options, trials: run.trialIndices,
                                                            dtypes: run.dtypes, jobs: jobs))
    }
}
