import Foundation
import GradientCheck
import Harness

/// Reads a `gradcheck.json` line by line (`ReportJSON` gives the layout): line 1 at once, the
/// records one at a time (`RecordSource`), the summaries after the last record. Memory is that
/// of one line, whatever the report's size.
public final class ReportReader: RecordSource {
    let file: VersionedJSONFile
    let lines: LineReader
    let header: ReportJSON.Header
    /// The records and summaries of a report not laid out one record per line (re-written by
    /// another tool, e.g. `jq -c` or `jq .`): read at once, then handed out as the lines would be.
    private var whole: (records: ArraySlice<TensorRecord>, tail: ReportJSON.Tail)?
    /// The summaries, once every record is read.
    private(set) var tail: ReportJSON.Tail?
    private var lineNumber = 1
    private var previousHadComma: Bool?

    /// Opens the report at `url` and reads line 1.
    /// - Parameter role: what the file is for, named in errors (`baseline`, `report`).
    /// - Throws: `InputFileError` naming the file and the problem: missing or unreadable, empty,
    ///   not a gradcheck report, another schema version, fields missing or mistyped.
    public convenience init(url: URL, role: String) throws(InputFileError) {
        try self.init(lines: LineReader(path: url.path, role: role))
    }

    /// Reads `data` as a report file at `path`.
    public convenience init(data: Data, role: String, path: String) throws(InputFileError) {
        try self.init(lines: LineReader(data: data, path: path, role: role))
    }

    init(lines: LineReader) throws(InputFileError) {
        self.lines = lines
        file = VersionedJSONFile(role: lines.role, path: lines.path, noun: "report")
        guard let first = try lines.next(), !first.isEmpty else { throw file.fail("is empty") }
        let notJSON = file.fail("is not a JSON object (truncated, or not a gradcheck report)")
        let opened = Data(first) + Data("]}".utf8)
        // Line 1 of gradcheck's layout, or else a whole document: one line (`jq -c`), or
        // indented (`jq .`), read at once.
        var whole: Data?
        let object: [String: Any]
        if first.count >= ReportJSON.recordsOpening.utf8.count,
           first.suffix(ReportJSON.recordsOpening.utf8.count).elementsEqual(ReportJSON.recordsOpening.utf8),
           let parsed = try? JSONSerialization.jsonObject(with: opened) as? [String: Any] {
            object = parsed
        } else {
            // Only what can be a JSON object is read whole: not a binary file or a device.
            let start = first.drop { [0x20, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }
            guard start.first == UInt8(ascii: "{") else { throw notJSON }
            let data = Data(first) + Data("\n".utf8) + (try lines.rest())
            guard let parsed = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw notJSON }
            (object, whole) = (parsed, data)
        }
        if object["study"] != nil { throw file.fail("is a precision report (gradcheck precision), not a check report") }
        try file.checkVersion(of: object, expected: Report.schemaVersion)
        if let whole {
            header = try file.decode(ReportJSON.Header.self, from: whole)
            let records = try file.decode(ReportJSON.Records.self, from: whole).records
            self.whole = (records[...], try file.decode(ReportJSON.Tail.self, from: whole))
        } else {
            header = try file.decode(ReportJSON.Header.self, from: opened)
        }
    }

    /// The report as line 1 gives it (no summaries, no digest).
    var headerReport: Report {
        var report = Report(run: header.run, command: header.command, tolerances: [:])
        (report.schemaVersion, report.tool, report.seed, report.tolerances) = (header.schemaVersion, header.tool, header.seed, header.tolerances)
        return report
    }

    /// The next record; `nil` once the summaries' line is read.
    /// - Throws: `InputFileError` naming the line of a bad record, or a file that ends early.
    public func next() throws(InputFileError) -> TensorRecord? {
        guard tail == nil else { return nil }
        if let (records, end) = whole {
            guard let r = records.first else {
                tail = end
                return nil
            }
            whole!.records = records.dropFirst()
            return r
        }
        guard let line = try lines.next() else { throw file.fail("ends before its summaries (truncated)") }
        lineNumber += 1
        let at = InputFileError(role: file.role, path: "\(file.path):\(lineNumber)", problem: "")
        func fail(_ problem: String) -> InputFileError { var e = at; e.problem = problem; return e }
        if line.starts(with: ReportJSON.tailOpening.utf8) {
            if previousHadComma == true { throw fail("the last record ends with a comma") }
            let object = Data("{".utf8) + Data(line.dropFirst(ReportJSON.tailOpening.utf8.count))
            do { tail = try JSONCoding.decoder.decode(ReportJSON.Tail.self, from: object) } catch let error as DecodingError {
                throw fail("is not a valid report's end: \(VersionedJSONFile.describe(error))")
            } catch { throw fail("is not a valid report's end: \(error)") }
            while let rest = try lines.next() {
                lineNumber += 1
                if !rest.allSatisfy({ $0 == UInt8(ascii: " ") }) {
                    throw InputFileError(role: file.role, path: "\(file.path):\(lineNumber)", problem: "follows the report's end")
                }
            }
            return nil
        }
        if previousHadComma == false { throw fail("follows a record that does not end with a comma") }
        if !lines.lastLineEnded { throw fail("is cut off: the file ends inside a record (truncated)") }
        let hasComma = line.last == UInt8(ascii: ",")
        previousHadComma = hasComma
        do { return try JSONCoding.decoder.decode(TensorRecord.self, from: Data(hasComma ? line.dropLast() : line)) } catch let error as DecodingError {
            throw fail("is not a valid record: \(VersionedJSONFile.describe(error))")
        } catch { throw fail("is not a valid record: \(error)") }
    }

    /// Reads every record, checking each against the run and the order a run writes them
    /// (`RecordOrder`), and the summaries against the run.
    /// - Returns: the whole report, its digest made from the records.
    func validatedReport() throws(InputFileError) -> Report {
        var report = headerReport
        if let problem = report.runInconsistency { throw file.fail("is inconsistent: \(problem)") }
        var order = RecordOrder(run: report.run)
        while let r = try next() {
            if let problem = order.add(r) { throw file.fail("is inconsistent: \(problem)") }
            report.digest.add(r)
        }
        if let problem = order.finish() { throw file.fail("is inconsistent: \(problem)") }
        report.summaries = tail!.summaries
        if let problem = report.summaryInconsistency(order) { throw file.fail("is inconsistent: \(problem)") }
        return report
    }
}

extension Report {
    /// Reads and validates a report written by gradcheck, one record at a time.
    /// - Parameter role: what the file is for, named in errors (`baseline`, `report`).
    /// - Throws: `InputFileError` naming the file (and line) and the problem: missing or
    ///   unreadable, empty, not a JSON report (e.g. truncated), another schema version, fields
    ///   missing or mistyped, records that do not fit the run or its summaries.
    public static func load(_ url: URL, role: String) throws(InputFileError) -> Report {
        try ReportReader(url: url, role: role).validatedReport()
    }

    /// Validates and decodes the bytes of a report file (`load` without the file system).
    public static func parse(_ data: Data, role: String, path: String) throws(InputFileError) -> Report {
        try ReportReader(data: data, role: role, path: path).validatedReport()
    }

    /// The records of the report at `url`, read again one at a time (after `load`).
    public static func records(at url: URL, role: String) throws(InputFileError) -> ReportReader {
        try ReportReader(url: url, role: role)
    }

    /// Every record of a report's bytes, for reports small enough to hold (tests, fuzzing).
    public static func records(in data: Data, role: String = "report", path: String = "report") throws(InputFileError) -> [TensorRecord] {
        let reader = try ReportReader(data: data, role: role, path: path)
        var records: [TensorRecord] = []
        while let r = try reader.next() { records.append(r) }
        return records
    }
}
