import Foundation

/// Writes a run's reports into one directory: `gradcheck.json` and `gradcheck.md`.
public struct ReportWriter: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    public var jsonURL: URL { directory.appendingPathComponent("gradcheck.json") }
    public var markdownURL: URL { directory.appendingPathComponent("gradcheck.md") }

    /// Creates the directory if needed, then writes both files atomically (JSON first).
    /// Both are rendered before either is written, so a rendering failure writes nothing.
    /// - Throws: `ReportError` naming the path that could not be created or written.
    public func write(_ report: Report, wallSeconds: [String: Double]) throws(ReportError) {
        let json: Data
        do { json = try report.jsonData() } catch {
            throw ReportError(path: jsonURL.path, reason: "JSON encoding failed: \(error)")
        }
        let markdown = Data(MarkdownSummary(report: report, wallSeconds: wallSeconds).text.utf8)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError(path: directory.path, reason: "cannot create the report directory (\(Self.reason(error)))")
        }
        try AtomicFile.write(json, to: jsonURL)
        try AtomicFile.write(markdown, to: markdownURL)
    }

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

extension ReportWriter {
    /// Creates the directory and writes and removes a probe file, so that a run that could
    /// not save its reports fails at once instead of after all its trials.
    /// - Throws: `ReportError` as `write` would.
    public func probe() throws(ReportError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError(path: directory.path, reason: "cannot create the report directory (\(Self.reason(error)))")
        }
        let probe = directory.appendingPathComponent(".gradcheck-probe-\(getpid())")
        try AtomicFile.write(Data(), to: probe)
        unlink(probe.path)
    }
}
