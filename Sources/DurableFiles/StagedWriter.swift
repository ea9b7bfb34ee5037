import Foundation

/// A file written piece by piece beside its destination and put in place only when complete
/// (`finish`, then `StagedFile.commit`): a report of any size is streamed to disk as it is made
/// instead of being held in memory, and a reader still sees the old file or the whole new one.
///
/// Writes are buffered (64 KiB); the first failure (e.g. ENOSPC) is kept and thrown by `finish`,
/// so that a producer need not check every write.
public final class StagedWriter {
    public let destination: String
    let temporary: String
    let target: OutputTarget
    private var fd: Int32
    private var open = true
    private var buffer: [UInt8] = []
    private var failure: String?
    static let bufferSize = 1 << 16

    /// Creates the temporary file beside `url`, creating missing parent directories and first
    /// removing temporary files of `url` that a killed run left behind
    /// (`StagedFile.removeLeftovers`); for a device, FIFO or open descriptor (`OutputTarget`),
    /// in the temporary directory, to be copied there by `commit`.
    /// - Throws: `OutputFileError` with `strerror(errno)`, or when `url` is a directory or
    ///   another node that cannot be written.
    public init(for url: URL) throws(OutputFileError) {
        target = try OutputTarget(url.path)
        destination = target.destination
        if case .file(let folder, let name) = target {
            StagedFile.removeLeftovers(of: URL(fileURLWithPath: destination))
            temporary = (folder as NSString).appendingPathComponent(StagedFile.temporaryPrefix(name, "tmp") + StagedFile.processTag)
        } else {
            temporary = (NSTemporaryDirectory() as NSString)
                .appendingPathComponent("gradcheck-output-\(getpid())-\(StagedFile.serial.add(1, ordering: .relaxed).newValue)")
        }
        fd = Foundation.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputFileError(path: destination, reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(Self.bufferSize)
        KillPoint.writing.reached()
    }

    public func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { flush() }
    }

    public func write(_ text: String) { write(text.utf8) }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
    }

    /// Writes what is buffered, fsyncs and closes the file.
    /// - Returns: the complete file, to be committed (alone or in a `FileSet`) or discarded.
    /// - Throws: `OutputFileError` with the first write's failure; the temporary file is removed.
    public func finish() throws(OutputFileError) -> StagedFile {
        precondition(open, "a staged file is finished once")
        flush()
        open = false
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw OutputFileError(path: destination, reason: failure)
        }
        return StagedFile(destination: destination, temporary: temporary, target: target)
    }

    /// Closes and removes the temporary file; the destination keeps its old content.
    public func discard() {
        guard open else { return }
        open = false
        close(fd)
        unlink(temporary)
    }

    /// A writer dropped unfinished (an error on the way) leaves nothing behind.
    deinit { discard() }
}
