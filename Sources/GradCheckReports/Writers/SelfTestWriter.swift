import DurableFiles
import Foundation
import Harness

/// Writes `selftest.json` and `selftest.md` into one directory: both are rendered and staged
/// before either replaces its old version (`FileSet`).
public struct SelfTestWriter: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    public static let names = ["selftest.json", "selftest.md"]

    /// Where the file `name` (one of `names`) goes.
    public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// - Throws: `OutputFileError` naming the path that could not be written.
    /// - Parameter spelling: spells the survivors' reproducing commands in the Markdown.
    public func write(_ report: SelfTestReport, spelling: some CommandSpelling) throws(OutputFileError) {
        let json: Data
        do { json = try report.jsonData() } catch {
            throw OutputFileError(path: url(Self.names[0]).path, reason: "JSON encoding failed: \(error)")
        }
        try files.replace(with: [json, Data(report.markdown(spelling: spelling).utf8)])
    }

    /// Fails at once, before any trial, when the reports could not be written.
    public func probe() throws(OutputFileError) { try files.probe() }

    var files: FileSet { FileSet(directory: directory, names: Self.names, key: "selftest") }
}
