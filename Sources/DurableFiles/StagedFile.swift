import Foundation
import Synchronization

/// Files replaced so that a reader sees the old content or the new, never a part of the new:
/// the new bytes go to a temporary file in the same directory, flushed with `fsync`, and only
/// then `rename(2)` puts it in place, which POSIX makes atomic within one file system.
///
/// Writing is split in two so that several files can be staged (where disk-full and
/// permission errors happen) before any of them replaces its old version.
///
/// A device, FIFO or open descriptor (`OutputTarget`) is not replaced: the bytes are staged in
/// the temporary directory and copied there by `commit`.
public struct StagedFile: Sendable {
    public let destination: String
    let temporary: String
    let target: OutputTarget
    /// Where the staged bytes are until `commit`: a caller may read them back first.
    public var stagedPath: String { temporary }

    init(destination: String, temporary: String, target: OutputTarget) {
        self.destination = destination
        self.temporary = temporary
        self.target = target
    }

    /// Distinguishes the temporary files of outputs staged outside their folder.
    static let serial = Atomic<Int>(0)

    /// Writes `data` to a temporary file beside `url` (following a symlink at `url` to its
    /// target), creating missing parent directories and first removing temporary files of
    /// `url` that a killed run left behind (`removeLeftovers`).
    /// - Throws: `OutputFileError` with `strerror(errno)`, or when `url` is a directory; nothing is
    ///   left behind.
    public static func stage(_ data: Data, for url: URL) throws(OutputFileError) -> StagedFile {
        let writer = try StagedWriter(for: url)
        writer.write(data)
        return try writer.finish()
    }

    /// Renames the staged file over its destination, then fsyncs the directory so that the
    /// rename itself survives a power loss (POSIX leaves it in the directory's cache otherwise).
    public func commit() throws(OutputFileError) {
        try rename()
        if case .file = target { Self.syncDirectory(directory) }
        KillPoint.committed.reached()
    }

    /// `commit`, keeping the destination's previous content as `<destination>.prev`: the old file
    /// is hard-linked to `.prev` before the new one is renamed over it, so at every instant the
    /// destination holds a complete file (old or new). A destination that does not exist yet has
    /// no `.prev`.
    public func commitKeepingPrevious() throws(OutputFileError) {
        if case .file = target, FileManager.default.fileExists(atPath: destination) {
            let previous = destination + ".prev"
            let link = (directory as NSString).appendingPathComponent(
                Self.temporaryPrefix((destination as NSString).lastPathComponent, "prev") + Self.processTag)
            unlink(link)
            func fail() -> OutputFileError {
                let reason = String(cString: strerror(errno))
                unlink(link)
                discard()
                return OutputFileError(path: previous, reason: reason)
            }
            guard Foundation.link(destination, link) == 0 else { throw fail() }
            KillPoint.prevLinked.reached()
            guard Foundation.rename(link, previous) == 0 else { throw fail() }
            // When `.prev` already is the destination's inode (a run killed at `prevKept`),
            // rename(2) succeeds without removing `link`.
            unlink(link)
            KillPoint.prevKept.reached()
        }
        try commit()
    }

    /// `commit` without the directory's fsync, for files committed together (`FileSet`),
    /// whose directories are synced once after the last rename (`FileSet`).
    /// For a device, FIFO or descriptor, copies the bytes there instead.
    public func rename() throws(OutputFileError) {
        switch target {
        case .file:
            guard Foundation.rename(temporary, destination) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw OutputFileError(path: destination, reason: reason)
            }
        case .device(let path):
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw OutputFileError(path: path, reason: reason)
            }
            defer { close(fd) }
            try copy(to: fd)
        case .descriptor(let fd):
            // What the process printed before goes first (stdio buffers a redirected stdout).
            fflush(nil)
            try copy(to: fd)
        }
    }

    /// Writes the staged bytes to `fd` at its offset, then removes the staged file.
    func copy(to fd: Int32) throws(OutputFileError) {
        defer { discard() }
        let input = open(temporary, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw OutputFileError(path: destination, reason: String(cString: strerror(errno))) }
        defer { close(input) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw OutputFileError(path: destination, reason: String(cString: strerror(errno))) }
            if n == 0 { return }
            var offset = 0
            while offset < n {
                let m = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + offset, n - offset) }
                if m < 0 && errno == EINTR { continue }
                guard m > 0 else { throw OutputFileError(path: destination, reason: String(cString: strerror(errno))) }
                offset += m
            }
        }
    }

    /// Renames the staged file to `path` rather than its destination (into a set's folder,
    /// `FileSet`), on the same file system.
    public func move(to path: String) throws(OutputFileError) {
        guard path != temporary else { return }
        guard Foundation.rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw OutputFileError(path: path, reason: reason)
        }
    }

    /// The directory the file is renamed in (a symlinked destination's target's).
    public var directory: String { (destination as NSString).deletingLastPathComponent }

    /// fsyncs the directory at `path`, so that renames in it are durable (best effort: a
    /// directory that cannot be opened is left to the system's own write-back).
    public static func syncDirectory(_ path: String) {
        let directory = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// Fails when `url` is a directory, which `rename(2)` cannot replace; checked before any
    /// work so that such a run stops at once.
    public static func checkDestination(_ url: URL) throws(OutputFileError) {
        var status = stat()
        if stat(url.path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR {
            throw OutputFileError(path: url.path, reason: "it is a directory")
        }
    }

    /// Fails now, before any work, when a file could not be put at `url` (`OutputTarget`: a
    /// directory, a socket, a closed descriptor, an unwritable folder or device): stages
    /// nothing and discards it. The destination is not touched.
    public static func probe(_ url: URL) throws(OutputFileError) {
        try stage(Data(), for: url).discard()
    }

    /// Removes the staged file; the destination keeps its old content.
    public func discard() { unlink(temporary) }

    /// `<pid>-<pid namespace>`, what names this process's temporary files: a process in another
    /// PID namespace (a container sharing the folder) may have the same pid, or one that looks
    /// dead from here, so only files of this namespace are ever taken for leftovers.
    static let processTag = "\(getpid())-\(pidNamespace)"

    /// The inode of this process's PID namespace (`/proc/self/ns/pid` reads `pid:[N]`), 0 if unknown.
    static let pidNamespace: UInt64 = {
        var buffer = [CChar](repeating: 0, count: 64)
        let n = readlink("/proc/self/ns/pid", &buffer, buffer.count - 1)
        guard n > 0 else { return 0 }
        let text = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return UInt64(text.filter(\.isNumber)) ?? 0
    }()

    /// Whether a temporary file tagged `<pid>-<namespace>` was left by a process of this
    /// namespace that no longer exists.
    static func isLeftOverByDeadProcess(tag: Substring) -> Bool {
        let parts = tag.split(separator: "-")
        guard parts.count == 2, let pid = Int32(parts[0]), UInt64(parts[1]) == pidNamespace, pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// `.<name>.<kind>-`, what the temporary files beside `name` start with; for a name too long
    /// to take the suffix within NAME_MAX (255 bytes), `.gradcheck-<FNV-1a of name>.<kind>-`.
    static func temporaryPrefix(_ name: String, _ kind: String) -> String {
        if name.utf8.count <= 200 { return ".\(name).\(kind)-" }
        let hash = name.utf8.reduce(UInt64(0xcbf29ce484222325)) { ($0 ^ UInt64($1)) &* 0x100000001b3 }
        return ".gradcheck-\(String(hash, radix: 16)).\(kind)-"
    }

    /// Removes `.<name>.tmp-<tag>` and `.<name>.prev-<tag>` (`processTag`) beside `url` whose process no longer
    /// exists: what a run killed between staging and renaming leaves (never the file itself).
    static func removeLeftovers(of url: URL) {
        let directory = url.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names {
            for prefix in [Self.temporaryPrefix(url.lastPathComponent, "tmp"), Self.temporaryPrefix(url.lastPathComponent, "prev")]
            where name.hasPrefix(prefix) {
                guard Self.isLeftOverByDeadProcess(tag: name.dropFirst(prefix.count)) else { continue }
                unlink(directory.appendingPathComponent(name).path)
            }
        }
    }
}
