import Foundation

/// Writes a run's reports into one directory: `gradcheck.json` and `gradcheck.md`, replaced
/// together (`ReportFiles`).
public struct ReportWriter: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    public var jsonURL: URL { directory.appendingPathComponent("gradcheck.json") }
    public var markdownURL: URL { directory.appendingPathComponent("gradcheck.md") }

    var files: ReportFiles { ReportFiles(directory: directory, names: ["gradcheck.json", "gradcheck.md"]) }

    /// Renders both files, then replaces them together.
    /// - Throws: `ReportError` naming the path that could not be created or written.
    public func write(_ report: Report, wallSeconds: [String: Double]) throws(ReportError) {
        let json: Data
        do { json = try report.jsonData() } catch {
            throw ReportError(path: jsonURL.path, reason: "JSON encoding failed: \(error)")
        }
        let markdown = Data(MarkdownSummary(report: report, wallSeconds: wallSeconds).text.utf8)
        try files.replace(with: [json, markdown])
    }

    /// Fails at once, before any trial, when the reports could not be written (`ReportFiles.probe`).
    public func probe() throws(ReportError) { try files.probe() }
}
