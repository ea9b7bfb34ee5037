import Foundation

/// Writes `selftest.json` and `selftest.md` into one directory: both are rendered and staged
/// before either replaces its old version (`ReportFiles`).
public struct SelfTestWriter: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    public static let names = ["selftest.json", "selftest.md"]

    /// Where the file `name` (one of `names`) goes.
    public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// - Throws: `ReportError` naming the path that could not be written.
    public func write(_ report: SelfTestReport) throws(ReportError) {
        let json: Data
        do { json = try report.jsonData() } catch {
            throw ReportError(path: url(Self.names[0]).path, reason: "JSON encoding failed: \(error)")
        }
        try files.replace(with: [json, Data(report.markdown.utf8)])
    }

    /// Fails at once, before any trial, when the reports could not be written.
    public func probe() throws(ReportError) { try files.probe() }

    var files: ReportFiles { ReportFiles(directory: directory, names: Self.names) }
}
