import Foundation
import GradientCheck

/// Why a report file (a baseline, a shard report to merge, a case file to replay) could not be
/// used. Maps to exit code 65 (EX_DATAERR); the file is never modified on this path.
public struct ReportFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `baseline`, `report` or `case file`: what the file was meant to be.
    public var role: String
    public var path: String
    public var problem: String
    public var description: String { "\(role) \(path): \(problem)" }
}

extension Report {
    /// Reads and validates a report written by gradcheck.
    /// - Parameter role: what the file is for, named in errors (`baseline`, `report`).
    /// - Throws: `ReportFileError` naming the file and the problem: missing or unreadable, empty,
    ///   not a JSON object (e.g. truncated), another schema version, fields missing or mistyped.
    public static func load(_ url: URL, role: String) throws(ReportFileError) -> Report {
        let file = VersionedJSONFile(role: role, path: url.path, noun: "report")
        return try parse(try file.read(), role: role, path: url.path)
    }

    /// Validates and decodes the bytes of a report file (`load` without the file system).
    /// - Throws: `ReportFileError` as `load`.
    public static func parse(_ data: Data, role: String, path: String) throws(ReportFileError) -> Report {
        let file = VersionedJSONFile(role: role, path: path, noun: "report")
        let object = try file.object(data)
        if object["study"] != nil { throw file.fail("is a precision report (gradcheck precision), not a check report") }
        try file.checkVersion(of: object, expected: schemaVersion)
        let report = try file.decode(Report.self, from: data)
        if let problem = report.inconsistency { throw file.fail("is inconsistent: \(problem)") }
        return report
    }

    /// Why the report's parts disagree (records against its run and summaries), or `nil`: a
    /// hand-edited or partial report would silently weaken a comparison or a merge.
    var inconsistency: String? {
        if let problem = run.invalidity { return problem }
        let trials = run.trialIndices
        let perTrial = 2 * run.options.layers
        guard summaries.map(\.dtype) == run.dtypes else { return "its summaries are not one per dtype of its run" }
        for s in summaries where s.trials != trials.count {
            return "the \(s.dtype.rawValue) summary counts \(s.trials) trials, its run has \(trials.count)"
        }
        let expected = trials.count * run.dtypes.count * perTrial
        guard records.count == expected else {
            return "it has \(records.count) records, its run needs \(expected) (trials × dtypes × tensors)"
        }
        let indices = Set(trials)
        if let stray = records.first(where: { !indices.contains($0.trial) }) { return "record of trial \(stray.trial) is not in its run" }
        let layers = run.options.layers
        let names = Set((1...layers).flatMap { ["W\($0)", "b\($0)"] })
        for r in records {
            guard r.activations.count == layers, r.widths.count == layers + 1, names.contains(r.tensor),
                  run.dtypes.contains(r.dtype) else {
                return "record of trial \(r.trial), tensor \(r.tensor) does not fit a \(layers)-layer run"
            }
            if let shapes = run.options.shapes, shapes[r.trial] != TrialShape(widths: r.widths, m: r.m) {
                return "record of trial \(r.trial) is not the shape \(shapes[r.trial].description) its run gives it"
            }
        }
        return nil
    }
}
