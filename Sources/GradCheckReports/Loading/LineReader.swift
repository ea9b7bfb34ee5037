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

    /// The longest line read: a record line is about 1 KB, line 1 grows with a `--shapes`
    /// run's shapes (250 000 of them fit); a file with a longer line (`/dev/zero`, a binary
    /// file) is not a report, and is refused before it fills the memory.
    static let maxLine = 16 << 20
    /// The most `rest` reads, for a report not laid out one record per line.
    static let maxDocument = 4 << 30

    /// The next line without its newline, nor the spaces, tabs and carriage return (of a CRLF
    /// file) before it; `nil` at the end.
    func next() throws(InputFileError) -> ArraySlice<UInt8>? {
        guard var line = try nextRaw() else { return nil }
        while let last = line.last, [UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t")].contains(last) { line.removeLast() }
        return line
    }

    /// Every line left, joined by newlines: for a document that is not laid out one record
    /// per line (at most `maxDocument` bytes).
    func rest() throws(InputFileError) -> Data {
        var data = Data()
        while let line = try nextRaw() {
            data.append(contentsOf: line)
            data.append(UInt8(ascii: "\n"))
            if data.count > Self.maxDocument { throw tooLong("is larger than \(Self.maxDocument >> 30) GiB") }
        }
        return data
    }

    func tooLong(_ what: String) -> InputFileError {
        InputFileError(role: role, path: path, problem: "\(what): not a gradcheck report")
    }

    private func nextRaw() throws(InputFileError) -> ArraySlice<UInt8>? {
        // Bytes from `start` up to `scanned` hold no newline: each byte is searched once.
        var scanned = start
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
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
            scanned = buffer.count
            if buffer.count > Self.maxLine { throw tooLong("has a line longer than \(Self.maxLine >> 20) MiB") }
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: 1 << 16))
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, 1 << 16) }
            guard n >= 0 else { throw InputFileError(role: role, path: path, problem: "cannot be read: \(String(cString: strerror(errno)))") }
            buffer.removeLast((1 << 16) - n)
            if n == 0 { atEnd = true }
        }
    }
}
