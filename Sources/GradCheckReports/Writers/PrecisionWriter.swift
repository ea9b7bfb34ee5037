import DurableFiles
import Foundation
import Harness

/// Writes `precision.json`, `precision.csv`, `precision.md` and `precision.html` into one
/// directory: all four are rendered and staged before any replaces its old version.
public struct PrecisionWriter: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    /// The four files, in the order they are staged.
    public static let names = ["precision.json", "precision.csv", "precision.md", "precision.html"]

    /// Where the file `name` (one of `names`) goes.
    public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// - Throws: `OutputFileError` naming the path that could not be written.
    public func write(_ report: PrecisionReport) throws(OutputFileError) {
        let json: Data
        do { json = try report.jsonData() } catch {
            throw OutputFileError(path: url(Self.names[0]).path, reason: "JSON encoding failed: \(error)")
        }
        let contents = [json, Data(PrecisionCSV.text(report.study.records).utf8),
                        Data(PrecisionMarkdown.text(report).utf8), Data(PrecisionHTML.text(report).utf8)]
        try files.replace(with: contents)
    }

    /// Fails at once, before the study runs, when the reports could not be written.
    public func probe() throws(OutputFileError) { try files.probe() }

    var files: FileSet { FileSet(directory: directory, names: Self.names, key: "precision") }
}
