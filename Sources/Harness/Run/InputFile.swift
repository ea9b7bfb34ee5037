import Foundation

/// The bytes of an input file.
public enum InputFile {
    /// - Throws: `InputFileError` when `path` is a directory, missing or unreadable.
    public static func read(_ path: String, role: String) throws(InputFileError) -> Data {
        func fail(_ problem: String) -> InputFileError { InputFileError(role: role, path: path, problem: problem) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw fail("is a directory")
        }
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw fail(FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist")
        }
    }
}
