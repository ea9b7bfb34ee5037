import Foundation
import Synchronization

/// Report files in one directory that are replaced as one set: after any kill, the directory
/// shows the whole previous set or the whole new one, never some files of each.
///
/// Each name is a symbolic link into the set's folder, `name → .<key>.set/name`, and
/// `.<key>.set` is itself a link to the folder of the current run, `.<key>.set-<pid>-<n>/`
/// (Kubernetes' `AtomicWriter` lays out volumes the same way). A run writes its files into a
/// new folder, fsyncs them, makes the links its names need, and then `rename(2)`s one link,
/// `.<key>.set`: the single atomic step that switches every name at once. The old folder is
/// removed after. A name the new set lacks is a link into it that resolves to nothing (absent),
/// and is removed after the switch.
///
/// A directory laid out before sets (regular files at the names) is first taken over as the
/// current set by hard links, each step keeping the old content visible (`adoptPlainFiles`).
/// What a killed run leaves (its folder, a temporary link) is removed by the next replace of
/// the same key. `KillPoint` names the steps, for the test that kills a run at each.
public struct FileSet: Sendable {
    public var directory: URL
    /// The files of the set, in the order `replace(with: [Data])` takes contents.
    public var names: [String]
    /// Folders of the set (`cases`): their files are given as `folder/file`.
    public var folders: [String]
    /// Names the set's link `.<key>.set`; one key per kind of set in a directory.
    public var key: String

    public init(directory: URL, names: [String], folders: [String] = [], key: String) {
        self.directory = directory
        self.names = names
        self.folders = folders
        self.key = key
    }

    /// Where a reader finds the file `name` (a link into the current set).
    public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Creates the directory and checks that no name is taken by something the set cannot
    /// replace: a directory at a file's name, or a file at a folder's name.
    public func prepare() throws(OutputFileError) {
        try Self.makeDirectory(directory)
        // `.<key>.set` must be gradcheck's: a link to one of its folders, or (a copy made with
        // `cp -rL`) a plain folder, taken over like plain files. A link elsewhere would make
        // the run remove whatever it names.
        var status = stat()
        if lstat(url(setLink).path, &status) == 0 {
            let kind = status.st_mode & S_IFMT
            if kind == S_IFLNK, let target = Self.readLink(url(setLink).path), !isOwnFolderName(target) {
                throw OutputFileError(path: url(setLink).path, reason: "it links to \(target), not to a folder of gradcheck's report set; "
                                          + "remove it")
            }
            if kind != S_IFLNK && kind != S_IFDIR {
                throw OutputFileError(path: url(setLink).path, reason: "it is not gradcheck's link to its report set; remove it")
            }
        }
        for name in names where !isSetLink(name) {
            try StagedFile.checkDestination(url(name))
            var status = stat()
            if lstat(url(name).path, &status) == 0 && ![S_IFREG, S_IFLNK].contains(status.st_mode & S_IFMT) {
                throw OutputFileError(path: url(name).path, reason: "it is not a regular file, and each run replaces the report set")
            }
        }
        for folder in folders where !isSetLink(folder) {
            var status = stat()
            if lstat(url(folder).path, &status) == 0 && status.st_mode & S_IFMT != S_IFDIR {
                throw OutputFileError(path: url(folder).path, reason: "it exists and is not a directory")
            }
        }
    }

    /// `prepare`, then creates and removes a folder where the set's folder would go: the
    /// directory accepts new entries.
    public func probe() throws(OutputFileError) {
        try prepare()
        let probe = url(".\(key).set-\(getpid())-probe").path
        guard mkdir(probe, 0o755) == 0 else {
            throw OutputFileError(path: directory.path, reason: String(cString: strerror(errno)))
        }
        rmdir(probe)
    }

    /// What a file of the set is made of: bytes in memory, or a file already staged beside its
    /// destination (`StagedWriter`, for a file too large to hold in memory).
    public enum Content: Sendable {
        case bytes(Data)
        case staged(StagedFile)
    }

    /// Replaces the set with these files, `names[k]` taking `contents[k]`.
    public func replace(with contents: [Data]) throws(OutputFileError) {
        try replace(with: zip(names, contents).map { ($0, .bytes($1)) })
    }

    /// Replaces the set with exactly these files (names from `names`, or `folder/file`): the
    /// set's other names are absent afterwards.
    ///
    /// The files are written into a new folder at once, so that their fsyncs overlap. A failure
    /// before the switch removes the new folder and every staged file given, and leaves the old
    /// set as it was.
    public func replace(with files: [(name: String, content: Content)]) throws(OutputFileError) {
        let given = files.compactMap { if case .staged(let file) = $0.content { file } else { nil } }
        let folder = url(".\(key).set-\(getpid())-\(Self.serial.add(1, ordering: .relaxed).newValue)")
        // Replaces of one directory take turns (flock(2) on the directory): a run never sees
        // another's switch half done, nor removes a folder another is still writing (a process
        // in another PID namespace looks dead to kill(2)). The lock ends with the process.
        var lock: Int32 = -1
        defer { if lock >= 0 { close(lock) } }
        do throws(OutputFileError) {
            try prepare()
            lock = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if lock >= 0 { while flock(lock, LOCK_EX) != 0 && errno == EINTR {} }
            removeLeftovers()
            // A fresh folder of our own: an entry of that name (a killed process with this pid,
            // or a planted link) is removed first, and mkdir(2) must create it.
            removeOwnFolder(folder.lastPathComponent)
            guard mkdir(folder.path, 0o755) == 0 else {
                throw OutputFileError(path: folder.path, reason: String(cString: strerror(errno)))
            }
            try write(files, into: folder)
        } catch {
            given.forEach { $0.discard() }
            removeOwnFolder(folder.lastPathComponent)
            throw error
        }
        KillPoint.staged.reached()
        let previous: String?
        let present = Set(files.map { String($0.name.split(separator: "/")[0]) })
        do {
            try adoptPlainFiles()
            previous = currentFolder

            for name in names + folders where present.contains(name) { try link(name, to: "\(setLink)/\(name)") }
            try link(setLink, to: folder.lastPathComponent)
        } catch {
            removeOwnFolder(folder.lastPathComponent)
            throw error
        }
        StagedFile.syncDirectory(directory.path)
        KillPoint.swapped.reached()
        // A name the new set lacks: its link into this set resolves to nothing, and a link to
        // another set's file (merge's regression.json) would read as this run's.
        for name in names + folders where !present.contains(name) {
            if let target = Self.readLink(url(name).path), target.hasPrefix("."), target.contains(".set/") { unlink(url(name).path) }
        }
        if let previous, previous != folder.lastPathComponent { removeOwnFolder(previous) }
        StagedFile.syncDirectory(directory.path)
    }

    /// The link whose target is the current set's folder.
    public var setLink: String { ".\(key).set" }

    /// The current set's folder name, `nil` before the first set (or when the link is not
    /// gradcheck's, which `prepare` refuses).
    var currentFolder: String? { Self.readLink(url(setLink).path).flatMap { isOwnFolderName($0) ? $0 : nil } }

    /// Whether `name` is one of the entries a replace of this key makes: `.<key>.set-<pid>-<what>`.
    func isOwnFolderName(_ name: String) -> Bool {
        let prefix = ".\(key).set-"
        guard name.hasPrefix(prefix) else { return false }
        let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[0].allSatisfy(\.isNumber)
            && (parts[1].allSatisfy(\.isNumber) || ["adopted", "retired", "copied", "probe", "link"].contains(String(parts[1])))
            && !parts[1].isEmpty
    }

    /// Removes one of the set's own entries in `directory` (a folder, or a temporary link), never
    /// anything else: the name must be the set's and the entry not a link to a folder.
    func removeOwnFolder(_ name: String) {
        guard isOwnFolderName(name) else { return }
        var status = stat()
        guard lstat(url(name).path, &status) == 0 else { return }
        if status.st_mode & S_IFMT == S_IFDIR {
            try? FileManager.default.removeItem(atPath: url(name).path)
        } else {
            unlink(url(name).path)
        }
    }

    /// Whether `name` is the set's link for it (`name → .<key>.set/name`).
    func isSetLink(_ name: String) -> Bool { Self.readLink(url(name).path) == "\(setLink)/\(name)" }

    /// Writes every file into `folder` and fsyncs it and its subfolders.
    func write(_ files: [(name: String, content: Content)], into folder: URL) throws(OutputFileError) {
        let outcomes = Mutex([OutputFileError?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { k in
            let destination = folder.appendingPathComponent(files[k].name)
            let outcome = Result { () throws(OutputFileError) in
                try Self.makeDirectory(destination.deletingLastPathComponent())
                let staged: StagedFile
                switch files[k].content {
                case .bytes(let data): staged = try StagedFile.stage(data, for: destination)
                case .staged(let file): staged = file
                }
                try staged.move(to: destination.path)
            }
            if case .failure(let error) = outcome { outcomes.withLock { $0[k] = error } }
        }
        if let error = outcomes.withLock({ $0 }).compactMap({ $0 }).first { throw error }
        for sub in Set(files.map { folder.appendingPathComponent($0.name).deletingLastPathComponent().path }) {
            StagedFile.syncDirectory(sub)
        }
        StagedFile.syncDirectory(folder.path)
    }

    /// Points `name` at `target` by renaming a new link over it (atomic), unless it already does.
    func link(_ name: String, to target: String) throws(OutputFileError) {
        if Self.readLink(url(name).path) == target { return }
        let temporary = url(".\(key).set-\(getpid())-link").path
        unlink(temporary)
        guard symlink(target, temporary) == 0, rename(temporary, url(name).path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputFileError(path: url(name).path, reason: reason)
        }
    }

    /// Takes over a directory written before sets: its regular files at the set's names (and
    /// the files in its folders) become the current set by hard links into a folder, then each
    /// name is replaced by its link (`rename(2)` over the file: the content seen stays the same).
    /// A folder is moved aside before its link takes its place, so between those two steps it is
    /// absent rather than mixed.
    func adoptPlainFiles() throws(OutputFileError) {
        guard currentFolder == nil else { return }
        // A set copied with its links followed (`cp -rL`): `.<key>.set` is a plain folder, and
        // the names are plain files beside it. Set it aside; the names are taken over below.
        if Self.isDirectory(url(setLink).path) {
            let copied = ".\(key).set-\(getpid())-copied"
            removeOwnFolder(copied)
            guard rename(url(setLink).path, url(copied).path) == 0 else {
                throw OutputFileError(path: url(setLink).path, reason: String(cString: strerror(errno)))
            }
            defer { removeOwnFolder(copied) }
            try adoptPlainFiles()
            return
        }
        let plain = names.filter { Self.isRegularFile(url($0).path) }
        let plainFolders = folders.filter { Self.isDirectory(url($0).path) }
        guard !plain.isEmpty || !plainFolders.isEmpty else { return }
        let adopted = url(".\(key).set-\(getpid())-adopted")
        removeOwnFolder(adopted.lastPathComponent)
        try Self.makeDirectory(adopted)
        func fail(_ path: String) -> OutputFileError { OutputFileError(path: path, reason: String(cString: strerror(errno))) }
        for name in plain where Foundation.link(url(name).path, adopted.appendingPathComponent(name).path) != 0 {
            throw fail(url(name).path)
        }
        for folder in plainFolders {
            try Self.makeDirectory(adopted.appendingPathComponent(folder))
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? []
            for entry in entries where Self.isRegularFile(url(folder).appendingPathComponent(entry).path) {
                let source = url(folder).appendingPathComponent(entry).path
                if Foundation.link(source, adopted.appendingPathComponent(folder).appendingPathComponent(entry).path) != 0 {
                    throw fail(source)
                }
            }
        }
        StagedFile.syncDirectory(adopted.path)
        try link(setLink, to: adopted.lastPathComponent)
        for name in plain { try link(name, to: "\(setLink)/\(name)") }
        for folder in plainFolders {
            let retired = url(".\(key).set-\(getpid())-retired")
            removeOwnFolder(retired.lastPathComponent)
            guard rename(url(folder).path, retired.path) == 0 else { throw fail(url(folder).path) }
            try link(folder, to: "\(setLink)/\(folder)")
            removeOwnFolder(retired.lastPathComponent)
        }
        StagedFile.syncDirectory(directory.path)
    }

    /// Removes `.<key>.set-<pid>-…` entries of processes that no longer exist (what a killed
    /// run leaves: its folder, a temporary link), never the current set's folder.
    func removeLeftovers() {
        let prefix = ".\(key).set-"
        let current = currentFolder
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for entry in entries where isOwnFolderName(entry) && entry != current {
            guard let pid = Int32(entry.dropFirst(prefix.count).prefix { $0 != "-" }), pid != getpid(),
                  kill(pid, 0) != 0 && errno == ESRCH else { continue }
            removeOwnFolder(entry)
        }
    }

    /// Distinguishes the folders of several sets replaced by one process.
    static let serial = Atomic<Int>(0)

    /// The target of the symbolic link at `path`, `nil` when it is not one.
    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
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
