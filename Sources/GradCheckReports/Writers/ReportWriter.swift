import DurableFiles
import Foundation
import Harness

/// Writes a run's reports into one directory as one set (`FileSet`, key `gradcheck`):
/// `gradcheck.json`, `gradcheck.md` and `gradcheck.html`, with a baseline `regression.json`
/// and `regression.md`, and the minimal failing cases in `cases/`. The whole set appears at
/// once, so a kill never leaves one run's report beside another's cases, and a run without a
/// baseline or without failures has no regression files or cases left from an earlier run.
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

    /// The folders each run replaces with everything in them: the current set's and `cases/`.
    public var replacedFolders: [URL] { [directory.appendingPathComponent(files.setLink), casesURL] }

    /// The names of the set: its files, then its folder.
    public static let setNames = ["gradcheck.json", "gradcheck.md", "gradcheck.html", "regression.json", "regression.md",
                                  MinimalCase.directoryName]

    var files: FileSet {
        FileSet(directory: directory, names: Array(Self.setNames.dropLast()), folders: [MinimalCase.directoryName], key: "gradcheck")
    }

    /// Where a run streams its `gradcheck.json` (`ReportStream`), staged until `write`.
    public func jsonStream(_ report: Report) throws(OutputFileError) -> ReportStream {
        try ReportStream(report: report, to: jsonURL)
    }

    /// Renders the other files, then replaces the set with them and `json`; the regression
    /// pair only when `regression` is given, the cases only when there are any.
    /// - Parameters:
    ///   - json: `gradcheck.json`, staged by the run's `ReportStream`.
    ///   - spelling: spells the replay commands the Markdown prints.
    /// - Throws: `OutputFileError` naming the path that could not be created or written; every
    ///   staged file, `json` included, is discarded, and the previous set stays.
    public func write(_ report: Report, json: StagedFile, wallSeconds: [String: Double], passesPerTrial: [String: Double] = [:],
                      regression: RegressionComparison? = nil, minimalCases: [MinimalCase] = [],
                      spelling: some CommandSpelling) throws(OutputFileError) {
        var contents: [(name: String, content: FileSet.Content)] = [("gradcheck.json", .staged(json))]
        do {
            var markdown = MarkdownSummary(report: report, wallSeconds: wallSeconds, minimalCases: minimalCases, spelling: spelling)
            markdown.passesPerTrial = passesPerTrial
            contents.append(("gradcheck.md", .bytes(Data(markdown.text.utf8))))
            contents.append(("gradcheck.html", .bytes(Data(CheckHTML(report: report, wallSeconds: wallSeconds, regression: regression,
                                                                     minimalCases: minimalCases, spelling: spelling).text.utf8))))
            if let regression {
                contents.append(("regression.json", .bytes(try regression.jsonData())))
                contents.append(("regression.md", .bytes(Data(regression.markdown.utf8))))
            }
            for c in minimalCases {
                contents.append(("\(MinimalCase.directoryName)/\(c.file.fileName)", .bytes(try c.file.jsonData())))
            }
        } catch {
            json.discard()
            throw OutputFileError(path: directory.path, reason: "JSON encoding failed: \(error)")
        }
        try files.replace(with: contents)
    }

    /// Fails at once, before any trial, when the reports could not be written (`FileSet.probe`),
    /// or when `cases/` holds a file gradcheck did not write: each run replaces the folder, and
    /// would delete it.
    public func probe() throws(OutputFileError) {
        try files.probe()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: casesURL.path)) ?? []
        let isCaseFile = { (name: String) -> Bool in
            var status = stat()
            return CaseFile.isCaseFileName(name) && lstat(self.casesURL.appendingPathComponent(name).path, &status) == 0
                && status.st_mode & S_IFMT == S_IFREG
        }
        if let foreign = entries.sorted().first(where: { !isCaseFile($0) }) {
            throw OutputFileError(path: casesURL.appendingPathComponent(foreign).path,
                                  reason: "gradcheck did not write it, and each run replaces \(MinimalCase.directoryName)/ "
                                      + "with its own cases: move it elsewhere")
        }
    }
}
