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
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw fail(FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist")
        }
        guard !data.isEmpty else { throw fail("is empty") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw fail("is not a JSON object (truncated, or not a gradcheck report)")
        }
        guard let version = object["schemaVersion"] as? Int else { throw fail("has no schemaVersion (not a gradcheck report)") }
        guard version == schemaVersion else {
            throw fail("has schema version \(version); this gradcheck reads version \(schemaVersion)")
        }
        do { return try decode(data) } catch let error as DecodingError {
            throw fail("is not a valid report: \(describe(error))")
        } catch {
            throw fail("is not a valid report: \(error)")
        }
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
