import Foundation

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
    }

    /// Throws a usage failure (64) naming both options when two of them name one file, or
    /// when a file lies inside a folder the command replaces whole.
    /// - Parameters:
    ///   - inputs: files the command reads (they may not be written).
    ///   - outputs: files the command writes.
    ///   - folders: folders the command replaces with everything in them (a report set's); the
    ///     outputs named by the folder's own option are its files.
    static func check(inputs: [Named], outputs: [Named], folders: [Named] = []) throws {
        let all = outputs.map { ($0, true) } + inputs.map { ($0, false) }
        let keys = all.map { resolved($0.0.path) }
        for a in all.indices where all[a].1 {
            for b in all.indices where b != a && (b > a || !all[b].1) && keys[a] == keys[b] {
                let (x, y) = (all[a].0, all[b].0)
                throw ExitCodes.usageFailure("\(x.option) and \(y.option) both name \(keys[a]); "
                                             + (all[b].1 ? "two outputs would overwrite each other."
                                                         : "a command must not overwrite its own input."))
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
