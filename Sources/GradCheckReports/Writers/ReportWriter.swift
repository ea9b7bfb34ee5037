import DurableFiles
import Foundation
import Harness

/// Writes a run's reports into one directory: `gradcheck.json`, `gradcheck.md` and
/// `gradcheck.html`, and with a baseline `regression.json` and `regression.md`, all replaced
/// together (`FileSet`); the
/// minimal failing cases go to `cases/` first, so that the Markdown never names a missing one.
public struct ReportWriter: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    public var jsonURL: URL { directory.appendingPathComponent("gradcheck.json") }
    public var markdownURL: URL { directory.appendingPathComponent("gradcheck.md") }
    public var htmlURL: URL { directory.appendingPathComponent("gradcheck.html") }

    public var regressionJSONURL: URL { directory.appendingPathComponent("regression.json") }
    public var regressionMarkdownURL: URL { directory.appendingPathComponent("regression.md") }

    /// `cases/`, where the minimal failing cases go (`CaseFile`).
    public var casesURL: URL { directory.appendingPathComponent(MinimalCase.directoryName) }

    var files: FileSet {
        FileSet(directory: directory, names: ["gradcheck.json", "gradcheck.md", "gradcheck.html", "regression.json", "regression.md"])
    }

    /// Where a run streams its `gradcheck.json` (`ReportStream`), staged until `write`.
    public func jsonStream(_ report: Report) throws(OutputFileError) -> ReportStream {
        try ReportStream(report: report, to: jsonURL)
    }

    /// Renders the other files, then replaces them together with `json`; the regression pair
    /// only when `regression` is given.
    /// - Parameters:
    ///   - json: `gradcheck.json`, staged by the run's `ReportStream`.
    ///   - spelling: spells the replay commands the Markdown prints.
    /// - Throws: `OutputFileError` naming the path that could not be created or written; every
    ///   staged file, `json` included, is discarded.
    public func write(_ report: Report, json: StagedFile, wallSeconds: [String: Double], regression: RegressionComparison? = nil,
                      minimalCases: [MinimalCase] = [], spelling: some CommandSpelling) throws(OutputFileError) {
        do { try write(minimalCases) } catch {
            json.discard()
            throw error
        }
        var contents: [FileSet.Content] = [.staged(json)]
        do {
            contents.append(.bytes(Data(MarkdownSummary(report: report, wallSeconds: wallSeconds, minimalCases: minimalCases,
                                                        spelling: spelling).text.utf8)))
            contents.append(.bytes(Data(CheckHTML(report: report, wallSeconds: wallSeconds, regression: regression,
                                                  minimalCases: minimalCases, spelling: spelling).text.utf8)))
            if let regression {
                contents.append(.bytes(try regression.jsonData()))
                contents.append(.bytes(Data(regression.markdown.utf8)))
            }
        } catch {
            json.discard()
            throw OutputFileError(path: directory.path, reason: "JSON encoding failed: \(error)")
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

    /// Fails at once, before any trial, when the reports could not be written (`FileSet.probe`),
    /// or when `cases/` is taken by a file.
    public func probe() throws(OutputFileError) {
        try files.probe()
        var status = stat()
        if stat(casesURL.path, &status) == 0 && status.st_mode & S_IFMT != S_IFDIR {
            throw OutputFileError(path: casesURL.path, reason: "it exists and is not a directory")
        }
    }

    /// Replaces the case files together, then removes the case files in `cases/` that this run
    /// did not write (and `cases/` itself if that empties it): an earlier run's case would read
    /// as this run's.
    func write(_ cases: [MinimalCase]) throws(OutputFileError) {
        let names = cases.map(\.file.fileName)
        if !cases.isEmpty {
            let contents: [Data]
            do { contents = try cases.map { try $0.file.jsonData() } } catch {
                throw OutputFileError(path: casesURL.path, reason: "JSON encoding failed: \(error)")
            }
            try FileSet(directory: casesURL, names: names).replace(with: contents)
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: casesURL.path)) ?? []
        for name in entries where CaseFile.isCaseFileName(name) && !names.contains(name) {
            unlink(casesURL.appendingPathComponent(name).path)
        }
        rmdir(casesURL.path)
    }
}
