import Foundation
import GradCheckReports
import Harness

/// The one check every subcommand makes before it writes: no output may be one of its inputs,
/// another output, or the same file under another name. Paths are compared after resolving
/// `..` and symlinks with `realpath(3)` (of the file when it exists, else of its folder, with
/// the file name appended: no truncation up to PATH_MAX). A second hard link is another path:
/// outputs are renamed into place, which leaves the other link's file as it was (and a run
/// killed while keeping `.prev` leaves `.prev` a link of the baseline, which the next run
/// must accept).
enum PathCollisions {
    /// A path as the user gave it, with the option that named it.
    struct Named {
        var option: String
        var path: String
        /// The link of the report set this output belongs to (`.regression.set` for merge's
        /// regression files): that set is its own, not another's.
        var ownSet: String? = nil
    }

    /// Throws a usage failure (64) naming both options when two of them name one file, or
    /// when a file lies inside a folder the command replaces whole.
    /// - Parameters:
    ///   - inputs: files the command reads (they may not be written).
    ///   - outputs: files the command writes.
    ///   - folders: folders the command replaces with everything in them (a report set's); the
    ///     outputs named by the folder's own option are its files.
    ///   - reportDirectories: folders the command puts a report set in; they may not lie inside one.
    static func check(inputs: [Named], outputs: [Named], folders: [Named] = [], reportDirectories: [Named] = []) throws {
        let all = outputs.map { ($0, true) } + inputs.map { ($0, false) }
        let keys = all.map { resolved($0.0.path) }
        for a in all.indices where all[a].1 {
            // Writing twice to /dev/null (or a terminal) loses nothing.
            for b in all.indices where b != a && (b > a || !all[b].1) && keys[a] == keys[b] && !isCharacterDevice(keys[a]) {
                let (x, y) = (all[a].0, all[b].0)
                throw ExitCodes.usageFailure("\(x.option) and \(y.option) both name \(keys[a]); "
                                             + (all[b].1 ? "two outputs would overwrite each other."
                                                         : "a command must not overwrite its own input."))
            }
        }
        // A file of a report set, or anything inside one's folder, is replaced or removed by the
        // next run of that set: no other output may go there (the set's own files excepted).
        let setFiles = outputs.filter { named in !reportDirectories.contains { $0.option == named.option } }
        for named in setFiles + reportDirectories {
            if let folder = reportSetFolder(containing: named.path, except: named.ownSet) {
                throw ExitCodes.usageFailure("\(named.option) names \(named.path), which is part of the report set in \(folder): "
                                             + "each run there replaces it; choose a path outside the set.")
            }
        }
        for folder in folders {
            let prefix = resolved(folder.path) + "/"
            // The set's own files lie inside it, named by the folder's own option.
            if let (named, key) = zip(all.map(\.0), keys).first(where: { $0.1.hasPrefix(prefix) && $0.0.option != folder.option }) {
                throw ExitCodes.usageFailure("\(named.option) names \(key), inside \(folder.path), which \(folder.option) "
                                             + "replaces with everything in it on each run; keep the file elsewhere.")
            }
        }
    }

    /// The folder of the report set that `path` belongs to: a link into `.<key>.set/`, or a
    /// path through a `.<key>.set…` folder (after resolving links); `nil` otherwise.
    static func reportSetFolder(containing path: String, except ownSet: String? = nil) -> String? {
        let url = URL(fileURLWithPath: path)
        func isOwn(_ text: Substring) -> Bool { ownSet.map { text.hasPrefix($0) } ?? false }
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path),
           target.range(of: #"^\.[A-Za-z]+\.set/"#, options: .regularExpression) != nil, !isOwn(Substring(target)) {
            return url.deletingLastPathComponent().path
        }
        // A name of a set (or anything under one), whether or not the current set has it.
        // Standardized first: deleting the last component of `a/..` appends another `..`.
        var entry = url.standardizedFileURL
        while entry.pathComponents.count > 1 {
            let parent = entry.deletingLastPathComponent()
            for (link, names) in setNames where names.contains(entry.lastPathComponent) {
                var status = stat()
                if lstat(parent.appendingPathComponent(link).path, &status) == 0 { return parent.path }
            }
            entry = parent
        }
        let components = resolved(path).split(separator: "/")
        guard let k = components.firstIndex(where: {
            $0.range(of: #"^\.[A-Za-z]+\.set(-[0-9]+-[a-z0-9]+)?$"#, options: .regularExpression) != nil && !isOwn($0)
        })
        else { return nil }
        return "/" + components[..<k].joined(separator: "/")
    }

    /// Each kind of report set's link and the names it owns (`FileSet`).
    static let setNames: [(link: String, names: [String])] = [
        (".gradcheck.set", ReportWriter.setNames), (".precision.set", PrecisionWriter.names),
        (".selftest.set", SelfTestWriter.names), (".sensitivity.set", SensitivityWriter.names),
    ]

    static func isCharacterDevice(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFCHR
    }

    /// `realpath` of the file, or of its folder with the file's name appended.
    static func resolved(_ path: String) -> String {
        if let whole = realpath(path, nil) {
            defer { free(whole) }
            return String(cString: whole)
        }
        let url = URL(fileURLWithPath: path)
        guard let folder = realpath(url.deletingLastPathComponent().path, nil) else { return url.standardizedFileURL.path }
        defer { free(folder) }
        return (String(cString: folder) as NSString).appendingPathComponent(url.lastPathComponent)
    }
}
