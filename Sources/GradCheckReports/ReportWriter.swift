import Foundation

/// Writes a run's reports into one directory: `gradcheck.json` and `gradcheck.md`.
public struct ReportWriter: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    public var jsonURL: URL { directory.appendingPathComponent("gradcheck.json") }
    public var markdownURL: URL { directory.appendingPathComponent("gradcheck.md") }

    /// Creates the directory if needed and replaces both files. Both are rendered and staged
    /// (`StagedFile`) before either replaces its old version, so a failed run leaves the
    /// previous pair of reports as it was.
    /// - Throws: `ReportError` naming the path that could not be created or written.
    public func write(_ report: Report, wallSeconds: [String: Double]) throws(ReportError) {
        let json: Data
        do { json = try report.jsonData() } catch {
            throw ReportError(path: jsonURL.path, reason: "JSON encoding failed: \(error)")
        }
        let markdown = Data(MarkdownSummary(report: report, wallSeconds: wallSeconds).text.utf8)
        try makeDirectory()
        let stagedJSON = try StagedFile.stage(json, for: jsonURL)
        let stagedMarkdown: StagedFile
        do { stagedMarkdown = try StagedFile.stage(markdown, for: markdownURL) } catch {
            stagedJSON.discard()
            throw error
        }
        do { try stagedJSON.commit() } catch {
            stagedMarkdown.discard()
            throw error
        }
        try stagedMarkdown.commit()
    }

    /// Creates the directory and stages and discards a probe file, so that a run that could
    /// not save its reports fails at once instead of after all its trials.
    /// - Throws: `ReportError` naming the directory.
    public func probe() throws(ReportError) {
        try makeDirectory()
        do {
            try StagedFile.stage(Data(), for: directory.appendingPathComponent("gradcheck.probe")).discard()
        } catch {
            throw ReportError(path: directory.path, reason: error.reason)
        }
    }

    /// `mkdir -p` with the system's own reason on failure (e.g. "Not a directory" when a
    /// component is a regular file), which Foundation's error text does not give.
    func makeDirectory() throws(ReportError) {
        var path = directory.path.hasPrefix("/") ? "" : "."
        for component in directory.pathComponents where component != "/" {
            path += "/" + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw ReportError(path: directory.path, reason: "cannot create \(path): \(String(cString: strerror(errno)))")
            }
        }
        var status = stat()
        guard stat(directory.path, &status) == 0 else {
            throw ReportError(path: directory.path, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw ReportError(path: directory.path, reason: "it exists and is not a directory")
        }
    }
}
