import Foundation
import Harness

/// A report given as a pipe, FIFO or device (`--baseline <(…)`) can be read only once, and a
/// report is read more than once (validated, then compared, merged or converted). Such an input
/// is copied to a regular temporary file first, line by line under `LineReader`'s limits, so
/// that `/dev/zero` or a binary stream is refused instead of filling the disk or the memory.
public struct InputCopies {
    let directory: URL
    private var made: [URL] = []

    public init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gradcheck-inputs-\(getpid())")
    }

    /// `url` itself when it is a regular file (or missing: the reader says so), else a copy.
    /// - Throws: `InputFileError` naming `url` when it cannot be read or copied, or is not a
    ///   gradcheck report as far as the copy reads (its first line must open a JSON object).
    public mutating func readable(_ url: URL, role: String) throws(InputFileError) -> URL {
        var status = stat()
        guard stat(url.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG, status.st_mode & S_IFMT != S_IFDIR else {
            return url
        }
        let lines = try LineReader(path: url.path, role: role)
        func fail(_ problem: String) -> InputFileError { InputFileError(role: role, path: url.path, problem: problem) }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let copy = directory.appendingPathComponent("\(made.count).json")
        guard FileManager.default.createFile(atPath: copy.path, contents: nil),
              let out = FileHandle(forWritingAtPath: copy.path) else { throw fail("cannot be copied to \(copy.path)") }
        defer { try? out.close() }
        made.append(copy)
        var size = 0
        while let line = try lines.next() {
            if size == 0, line.first != UInt8(ascii: "{") {
                throw fail("is not a JSON object (truncated, or not a gradcheck report)")
            }
            size += line.count + 1
            if size > LineReader.maxDocument { throw lines.tooLong("is larger than \(LineReader.maxDocument >> 30) GiB") }
            do {
                try out.write(contentsOf: line)
                try out.write(contentsOf: Data("\n".utf8))
            } catch { throw fail("cannot be copied to \(copy.path): \(error)") }
        }
        return copy
    }

    /// Removes the copies.
    public func remove() {
        for copy in made { unlink(copy.path) }
        rmdir(directory.path)
    }
}
