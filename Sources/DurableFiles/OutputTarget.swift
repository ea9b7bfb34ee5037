import Foundation

/// What an output path names, and so how a file is put there.
///
/// - A regular file, nothing yet, or a symbolic link to either (or a dangling one): the file
///   is staged beside the name and renamed over it, so a reader sees the old file or the
///   whole new one. A link at the name is replaced by the file; its target is left as it was
///   (what `rename(2)` does: a run writes only the paths it is given).
/// - A character device (`/dev/null`, a terminal) or a FIFO, also through links: opened and
///   written in place, never replaced, so `--junit /dev/null` and pipes work.
/// - An open descriptor of this process (`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`,
///   `/proc/self/fd/N`): written to that descriptor, at its offset, so that
///   `gradcheck --junit /dev/stdout > log.txt` adds the XML to `log.txt` rather than replacing
///   it.
/// - Anything else (a directory, a socket, a block device): refused.
///
/// The folder is resolved with `realpath(3)` and the name appended, so a path is never
/// truncated (Foundation's `resolvingSymlinksInPath` truncates at about 1024 bytes on Linux;
/// PATH_MAX is 4096).
enum OutputTarget: Equatable, Sendable {
    /// Staged at `folder/.name.tmp-<pid>-<pid namespace>` and renamed to `folder/name`.
    case file(folder: String, name: String)
    /// Opened for writing at `path` (a character device or FIFO).
    case device(path: String)
    /// This process's open descriptor.
    case descriptor(Int32)

    /// Classifies `path`, creating its missing parent folders for a file.
    /// - Throws: `OutputFileError` for a directory or another node gradcheck cannot write.
    init(_ path: String) throws(OutputFileError) {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        // Decided on the folder's real path, not the text: `//dev/stdout`, `/tmp/../dev/stdout`
        // and a link to /dev name the same place.
        let folder = Self.realFolder(url.deletingLastPathComponent().path)
        if let folder, let fd = Self.descriptorNumber(folder: folder, name: name) {
            guard fcntl(fd, F_GETFD) != -1 else {
                throw OutputFileError(path: path, reason: "descriptor \(fd) of this process is not open")
            }
            self = .descriptor(fd)
            return
        }
        var status = stat()
        if stat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFCHR, S_IFIFO:
                guard access(path, W_OK) == 0 else { throw OutputFileError(path: path, reason: String(cString: strerror(errno))) }
                self = .device(path: path)
                return
            case S_IFREG: break
            case S_IFDIR: throw OutputFileError(path: path, reason: "it is a directory")
            default: throw OutputFileError(path: path, reason: "it is neither a regular file, a character device nor a FIFO")
            }
        }
        // The system's own folders hold devices and links to them, never a report: a link
        // there that leads nowhere (a closed descriptor's) is not replaced by a file.
        if let folder, ["/dev", "/proc", "/sys"].contains(where: { folder == $0 || folder.hasPrefix($0 + "/") }) {
            throw OutputFileError(path: path, reason: "it is in a system folder and neither a character device nor a FIFO")
        }
        try FileSet.makeDirectory(url.deletingLastPathComponent())
        guard let real = folder ?? Self.realFolder(url.deletingLastPathComponent().path) else {
            throw OutputFileError(path: path, reason: String(cString: strerror(errno)))
        }
        self = .file(folder: real, name: name)
    }

    /// `realpath(3)` of a folder, `nil` when it does not exist (yet).
    static func realFolder(_ path: String) -> String? {
        guard let real = realpath(path.isEmpty ? "." : path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// Where the file is committed: the folder's real path with the name, or the path given.
    var destination: String {
        switch self {
        case .file(let folder, let name): (folder as NSString).appendingPathComponent(name)
        case .device(let path): path
        case .descriptor(let fd): "/dev/fd/\(fd)"
        }
    }

    /// The descriptor a file `name` in the real folder `folder` names, open or not: `/dev/stdout`
    /// (1), `/dev/stderr` (2), and `N` in `/proc/self/fd` (`/dev/fd` resolves to it).
    static func descriptorNumber(folder: String, name: String) -> Int32? {
        if folder == "/dev" { return ["stdout": 1, "stderr": 2, "stdin": 0][name] }
        guard folder == "/proc/self/fd" || folder == "/proc/\(getpid())/fd" || folder == "/proc/thread-self/fd" else { return nil }
        return Int32(name)
    }
}
