import Foundation
import Harness

/// The reading steps every gradcheck JSON file shares (reports, baselines, case files), each
/// failing with a `InputFileError` that names the file and the problem.
struct VersionedJSONFile {
    /// What the file is for, named in errors (`baseline`, `case file`).
    var role: String
    var path: String
    /// What the file should be (`report`, `case file`).
    var noun: String

    func fail(_ problem: String) -> InputFileError { InputFileError(role: role, path: path, problem: problem) }

    /// The file's bytes: fails when it is a directory, missing or unreadable (`InputFile.read`).
    func read() throws(InputFileError) -> Data { try InputFile.read(path, role: role) }

    /// The bytes as a JSON object: fails when they are empty or are not one (e.g. truncated).
    func object(_ data: Data) throws(InputFileError) -> [String: Any] {
        guard !data.isEmpty else { throw fail("is empty") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw fail("is not a JSON object (truncated, or not a gradcheck \(noun))")
        }
        return object
    }

    /// Fails unless `schemaVersion` is the integer `expected`.
    func checkVersion(of object: [String: Any], expected: Int) throws(InputFileError) {
        guard let rawVersion = object["schemaVersion"] else { throw fail("has no schemaVersion (not a gradcheck \(noun))") }
        guard let version = rawVersion as? Int else { throw fail("has a schemaVersion that is not an integer: \(rawVersion)") }
        guard version == expected else {
            throw fail("has schema version \(version); this gradcheck reads version \(expected)")
        }
    }

    /// Decodes `T` (NaN and ±Inf as `Report.jsonData()` writes them), naming the first field
    /// that is missing or mistyped.
    func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(InputFileError) -> T {
        do { return try JSONCoding.decoder.decode(type, from: data) } catch let error as DecodingError {
            throw fail("is not a valid \(noun): \(Self.describe(error))")
        } catch {
            throw fail("is not a valid \(noun): \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(path(context)).\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return (context.codingPath.isEmpty ? "" : "\(path(context)): ") + context.debugDescription
        @unknown default: return "\(error)"
        }
    }
}
