import DurableFiles
import Foundation
import Harness

/// Writes `sensitivity.json`, `sensitivity.md` and `sensitivity.svg` into one directory: all
/// three are rendered and staged before any replaces its old version (`FileSet`).
public struct SensitivityWriter: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    public static let names = ["sensitivity.json", "sensitivity.md", "sensitivity.svg"]

    /// Where the file `name` (one of `names`) goes.
    public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// - Throws: `OutputFileError` naming the path that could not be written.
    public func write(_ report: SensitivityReport) throws(OutputFileError) {
        let json: Data
        do { json = try report.jsonData() } catch {
            throw OutputFileError(path: url(Self.names[0]).path, reason: "JSON encoding failed: \(error)")
        }
        try files.replace(with: [json, Data(report.markdown.utf8), Data(SensitivityFigure.svg(report).utf8)])
    }

    /// Fails at once, before the study runs, when the reports could not be written.
    public func probe() throws(OutputFileError) { try files.probe() }

    var files: FileSet { FileSet(directory: directory, names: Self.names, key: "sensitivity") }
}
