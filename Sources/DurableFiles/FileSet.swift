import Foundation
import Synchronization

/// A set of report files in one directory that are replaced together: all are staged
/// (`StagedFile`: written and fsynced beside their destination) before any is renamed into
/// place, so a failed write leaves the previous set as it was. The renames follow one another
/// within about a millisecond: a process killed (or a power loss) in that window leaves some
/// files old and some new, each complete. (`KillPoint` names these steps, for the test that
/// kills a run at each.)
public struct FileSet: Sendable {
    public var directory: URL
    public var names: [String]

    public init(directory: URL, names: [String]) {
        self.directory = directory
        self.names = names
    }

    public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Creates the directory and checks that no destination is taken by a directory (which
    /// `rename(2)` cannot replace), so that failures show before any work is done.
    public func prepare() throws(OutputFileError) {
        try Self.makeDirectory(directory)
        for name in names { try StagedFile.checkDestination(url(name)) }
    }

    /// `prepare`, then stages and discards a probe file: the directory accepts new files.
    public func probe() throws(OutputFileError) {
        try prepare()
        do {
            try StagedFile.stage(Data(), for: url("gradcheck.probe")).discard()
        } catch {
            throw OutputFileError(path: directory.path, reason: error.reason)
        }
    }

    /// What a file of the set is replaced with: bytes in memory, or a file already staged
    /// beside its destination (`StagedWriter`, for a file too large to hold in memory).
    public enum Content: Sendable {
        case bytes(Data)
        case staged(StagedFile)
    }

    /// Replaces every file with its `contents` (same order as `names`).
    public func replace(with contents: [Data]) throws(OutputFileError) {
        try replace(with: contents.map(Content.bytes))
    }

    /// Replaces every file with its `contents` (same order as `names`). The files are staged
    /// at once, so that their fsyncs overlap, and every directory is synced once, after the
    /// last rename: the renames follow one another without waiting for the disk. A failure
    /// discards every staged file, those given staged included.
    public func replace(with contents: [Content]) throws(OutputFileError) {
        let given = contents.compactMap { if case .staged(let file) = $0 { file } else { nil } }
        do { try prepare() } catch {
            given.forEach { $0.discard() }
            throw error
        }
        let outcomes = Mutex([Result<StagedFile, OutputFileError>?](repeating: nil, count: names.count))
        DispatchQueue.concurrentPerform(iterations: min(names.count, contents.count)) { k in
            let outcome = Result { () throws(OutputFileError) in
                switch contents[k] {
                case .bytes(let data): try StagedFile.stage(data, for: url(names[k]))
                case .staged(let file): file
                }
            }
            outcomes.withLock { $0[k] = outcome }
        }
        let results = outcomes.withLock { $0 }.compactMap { $0 }
        let staged = results.compactMap { try? $0.get() }
        for case .failure(let error) in results {
            staged.forEach { $0.discard() }
            throw error
        }
        KillPoint.staged.reached()
        defer {
            for directory in Set(staged.map(\.directory)) { StagedFile.syncDirectory(directory) }
        }
        for (k, file) in staged.enumerated() {
            do { try file.rename() } catch {
                staged[(k + 1)...].forEach { $0.discard() }
                throw error
            }
            if k < staged.count - 1 { KillPoint.renamed.reached() }
        }
    }

    /// `mkdir -p` with the system's own reason on failure (e.g. "Not a directory" when a
    /// component is a regular file), which Foundation's error text does not give.
    public static func makeDirectory(_ directory: URL) throws(OutputFileError) {
        var path = directory.path.hasPrefix("/") ? "" : "."
        for component in directory.pathComponents where component != "/" {
            path += "/" + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw OutputFileError(path: directory.path, reason: "cannot create \(path): \(String(cString: strerror(errno)))")
            }
        }
        var status = stat()
        guard stat(directory.path, &status) == 0 else {
            throw OutputFileError(path: directory.path, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw OutputFileError(path: directory.path, reason: "it exists and is not a directory")
        }
    }
}
