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
        try checkDestinations()
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

    /// Creates the directory, checks that neither report path is taken by something that a
    /// rename cannot replace, and stages and discards a probe file, so that a run that could not
    /// save its reports fails at once instead of after all its trials.
    /// - Throws: `ReportError` naming the directory or the blocked path.
    public func probe() throws(ReportError) {
        try makeDirectory()
        try checkDestinations()
        do {
            try StagedFile.stage(Data(), for: directory.appendingPathComponent("gradcheck.probe")).discard()
        } catch {
            throw ReportError(path: directory.path, reason: error.reason)
        }
    }

    /// Both files are replaced by `rename(2)`, which cannot replace a directory; finding that
    /// before staging keeps a run from replacing one report and not the other.
    func checkDestinations() throws(ReportError) {
        for url in [jsonURL, markdownURL] {
            var status = stat()
            if lstat(url.path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR {
                throw ReportError(path: url.path, reason: "it is a directory")
            }
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
