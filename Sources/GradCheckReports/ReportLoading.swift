import Foundation

/// Why a report file (a baseline, or a shard report to merge) could not be used. Maps to exit
/// code 65 (EX_DATAERR); the file is never modified on this path.
public struct ReportFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `baseline` or `report`: what the file was meant to be.
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
        let path = url.path
        func fail(_ problem: String) -> ReportFileError { ReportFileError(role: role, path: path, problem: problem) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw fail("is a directory")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw fail(FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist")
        }
        return try parse(data, role: role, path: path)
    }

    /// Validates and decodes the bytes of a report file (`load` without the file system).
    /// - Throws: `ReportFileError` as `load`.
    public static func parse(_ data: Data, role: String, path: String) throws(ReportFileError) -> Report {
        func fail(_ problem: String) -> ReportFileError { ReportFileError(role: role, path: path, problem: problem) }
        guard !data.isEmpty else { throw fail("is empty") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw fail("is not a JSON object (truncated, or not a gradcheck report)")
        }
        if object["study"] != nil { throw fail("is a precision report (gradcheck precision), not a check report") }
        guard let rawVersion = object["schemaVersion"] else { throw fail("has no schemaVersion (not a gradcheck report)") }
        guard let version = rawVersion as? Int else { throw fail("has a schemaVersion that is not an integer: \(rawVersion)") }
        guard version == schemaVersion else {
            throw fail("has schema version \(version); this gradcheck reads version \(schemaVersion)")
        }
        let report: Report
        do { report = try decode(data) } catch let error as DecodingError {
            throw fail("is not a valid report: \(describe(error))")
        } catch {
            throw fail("is not a valid report: \(error)")
        }
        if let problem = report.inconsistency { throw fail("is inconsistent: \(problem)") }
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
        }
        return nil
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(path(context)).\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
