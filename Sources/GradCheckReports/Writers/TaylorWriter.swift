import DurableFiles
import Foundation
import Harness

/// Writes `taylor.json`, `taylor.md` and `taylor.html` into one directory as one set
/// (`FileSet`): all three are rendered and staged before any replaces its old version.
public struct TaylorWriter: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    /// The three files, in the order they are staged.
    public static let names = ["taylor.json", "taylor.md", "taylor.html"]

    /// Where the file `name` (one of `names`) goes.
    public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// - Throws: `OutputFileError` naming the path that could not be written.
    public func write(_ report: TaylorReport, spelling: some CommandSpelling) throws(OutputFileError) {
        let json: Data
        do { json = try report.jsonData() } catch {
            throw OutputFileError(path: url(Self.names[0]).path, reason: "JSON encoding failed: \(error)")
        }
        try files.replace(with: [json, Data(TaylorMarkdown.text(report, spelling: spelling).utf8),
                                 Data(TaylorHTML.text(report, spelling: spelling).utf8)])
    }

    /// Fails at once, before the trials run, when the reports could not be written.
    public func probe() throws(OutputFileError) { try files.probe() }

    var files: FileSet { FileSet(directory: directory, names: Self.names, key: "taylor") }
}
