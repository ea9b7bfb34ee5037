import Foundation

/// Writes a run's reports into one directory: `gradcheck.json` and `gradcheck.md`, and with a
/// baseline `regression.json` and `regression.md`, all replaced together (`ReportFiles`).
public struct ReportWriter: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    public var jsonURL: URL { directory.appendingPathComponent("gradcheck.json") }
    public var markdownURL: URL { directory.appendingPathComponent("gradcheck.md") }

    public var regressionJSONURL: URL { directory.appendingPathComponent("regression.json") }
    public var regressionMarkdownURL: URL { directory.appendingPathComponent("regression.md") }

    var files: ReportFiles {
        ReportFiles(directory: directory, names: ["gradcheck.json", "gradcheck.md", "regression.json", "regression.md"])
    }

    /// Renders the files, then replaces them together; the regression pair only when
    /// `regression` is given.
    /// - Throws: `ReportError` naming the path that could not be created or written.
    public func write(_ report: Report, wallSeconds: [String: Double],
                      regression: RegressionComparison? = nil) throws(ReportError) {
        var contents: [Data] = []
        do {
            contents.append(try report.jsonData())
            contents.append(Data(MarkdownSummary(report: report, wallSeconds: wallSeconds).text.utf8))
            if let regression {
                contents.append(try Report.encoder.encode(regression))
                contents.append(Data(regression.markdown.utf8))
            }
        } catch {
            throw ReportError(path: directory.path, reason: "JSON encoding failed: \(error)")
        }
        var files = self.files
        files.names = Array(files.names.prefix(contents.count))
        try files.replace(with: contents)
        if regression == nil {
            // A comparison from an earlier run would read as this run's.
            unlink(regressionJSONURL.path)
            unlink(regressionMarkdownURL.path)
        }
    }

    /// Fails at once, before any trial, when the reports could not be written (`ReportFiles.probe`).
    public func probe() throws(ReportError) { try files.probe() }
}
