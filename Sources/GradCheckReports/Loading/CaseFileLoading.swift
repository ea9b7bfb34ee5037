import Foundation
import Harness

extension CaseFile {
    /// Reads and validates a case file.
    /// - Throws: `InputFileError` (role `case file`, exit 65 in the CLI) naming the file and
    ///   the problem: missing, unreadable or a directory, empty, not JSON, another schema
    ///   version, fields missing or mistyped, or a trial that cannot be built.
    public static func load(_ url: URL) throws(InputFileError) -> CaseFile {
        try parse(try file(url.path).read(), path: url.path)
    }

    /// Validates and decodes the bytes of a case file (`load` without the file system).
    /// - Throws: `InputFileError` as `load`.
    public static func parse(_ data: Data, path: String) throws(InputFileError) -> CaseFile {
        let file = file(path)
        try file.checkVersion(of: try file.object(data), expected: schemaVersion)
        let decoded = try file.decode(CaseFile.self, from: data)
        if let problem = decoded.inconsistency { throw file.fail("is inconsistent: \(problem)") }
        return decoded
    }

    static func file(_ path: String) -> VersionedJSONFile { VersionedJSONFile(role: "case file", path: path, noun: "case file") }
}
