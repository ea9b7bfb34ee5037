import Foundation
import Harness

/// The lines of a file, read in 64 KiB blocks, or of bytes in memory: a report of any size is
/// read in memory of one line (`ReportReader`).
final class LineReader {
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    let path: String
    let role: String
    /// Whether the last line `next` returned ended with a newline (a cut file's last line does not).
    private(set) var lastLineEnded = true

    /// Opens the file at `path`: fails when it is a directory, missing or unreadable.
    init(path: String, role: String) throws(InputFileError) {
        (self.path, self.role) = (path, role)
        func fail(_ problem: String) -> InputFileError { InputFileError(role: role, path: path, problem: problem) }
        var status = stat()
        if stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR { throw fail("is a directory") }
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw fail(errno == ENOENT ? "does not exist" : "cannot be read") }
    }

    /// Reads `data` as its lines.
    init(data: Data, path: String, role: String) {
        (self.path, self.role) = (path, role)
        buffer = Array(data)
        atEnd = true
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The next line without its newline (nor the carriage return of a CRLF file); `nil` at
    /// the end.
    func next() throws(InputFileError) -> ArraySlice<UInt8>? {
        guard let line = try nextRaw() else { return nil }
        return line.last == UInt8(ascii: "\r") ? line.dropLast() : line
    }

    /// Every line left, joined by newlines: for a document that is not laid out one record
    /// per line.
    func rest() throws(InputFileError) -> Data {
        var data = Data()
        while let line = try nextRaw() {
            data.append(contentsOf: line)
            data.append(UInt8(ascii: "\n"))
        }
        return data
    }

    private func nextRaw() throws(InputFileError) -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = newline + 1 }
                lastLineEnded = true
                return buffer[start..<newline]
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                lastLineEnded = false
                return buffer[start...]
            }
            buffer.removeFirst(start)
            start = 0
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: 1 << 16))
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, 1 << 16) }
            guard n >= 0 else { throw InputFileError(role: role, path: path, problem: "cannot be read: \(String(cString: strerror(errno)))") }
            buffer.removeLast((1 << 16) - n)
            if n == 0 { atEnd = true }
        }
    }
}
