import DurableFiles
import Foundation
import GradientCheck
import Harness

/// The layout of `gradcheck.json` (schema `Report.schemaVersion`): one JSON document that is
/// also read and written line by line, so that neither side holds the records:
///
///     {"command":…,"run":…,"schemaVersion":4,"seed":…,"tolerances":…,"tool":…,"records":[
///     {record},
///     …
///     {record}
///     ],"summaries":[…]}
///
/// Line 1 is the run (its keys sorted), then one `TensorRecord` per line in report order (each
/// but the last ends in a comma), then the summaries, which are known only at the end. Keys
/// inside every object are sorted; the bytes depend on the run alone, not on `--jobs`.
enum ReportJSON {
    /// What line 1 holds.
    struct Header: Codable {
        var schemaVersion: Int
        var tool: Tool
        var command: String
        var seed: UInt64
        var run: RunDescription
        var tolerances: [String: Tolerance]
    }

    /// The records of a report that is one JSON object (`ReportReader`).
    struct Records: Codable {
        var records: [TensorRecord]
    }

    /// What the last line holds.
    struct Tail: Codable {
        var summaries: [DTypeSummary]
    }

    static let recordsOpening = #","records":["#
    static let tailOpening = "],"

    /// Line 1 with its newline.
    static func header(_ report: Report) throws -> Data {
        var data = try JSONCoding.encoder.encode(Header(schemaVersion: report.schemaVersion, tool: report.tool,
                                                        command: report.command, seed: report.seed, run: report.run,
                                                        tolerances: report.tolerances))
        data.removeLast()  // the closing brace: the records follow
        data.append(contentsOf: (recordsOpening + "\n").utf8)
        return data
    }

    /// `record` as its line, without the comma and newline that separate it from the next.
    static func line(_ record: TensorRecord) -> [UInt8] {
        var json = JSONBytes()
        json.record(record)
        return json.bytes
    }

    /// The closing lines, after the last record's line.
    static func tail(_ report: Report, afterRecords: Bool) throws -> Data {
        var data = Data(((afterRecords ? "\n" : "") + tailOpening).utf8)
        var summaries = try JSONCoding.encoder.encode(Tail(summaries: report.summaries))
        summaries.removeFirst()  // the opening brace: the summaries continue the document
        data.append(summaries)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}

/// `gradcheck.json` written as a run goes (`RecordSink`): line 1 at once, each record as it
/// comes, the summaries at `finish`; into a file staged beside the destination, which the
/// caller commits with the other reports (`FileSet`), so nothing replaces the old report until
/// the run is complete.
public final class ReportStream: RecordSink {
    let file: StagedWriter
    private var records = 0

    /// Stages the file and writes line 1: everything of `report` but its summaries.
    /// - Throws: `OutputFileError` naming `url`.
    public init(report: Report, to url: URL) throws(OutputFileError) {
        file = try StagedWriter(for: url)
        do { file.write(try ReportJSON.header(report)) } catch {
            throw OutputFileError(path: url.path, reason: "JSON encoding failed: \(error)")
        }
    }

    public func add(_ records: [TensorRecord]) {
        for r in records {
            if self.records > 0 { file.write(",\n".utf8) }
            file.write(ReportJSON.line(r))
            self.records += 1
        }
    }

    /// Writes `report`'s summaries and closes the document.
    /// - Returns: the complete file, staged, for the caller to commit or discard.
    public func finish(_ report: Report) throws(OutputFileError) -> StagedFile {
        do { file.write(try ReportJSON.tail(report, afterRecords: records > 0)) } catch {
            file.discard()
            throw OutputFileError(path: file.destination, reason: "JSON encoding failed: \(error)")
        }
        return try file.finish()
    }
}

extension Report {
    /// The bytes `ReportStream` writes for this report and `records`, in memory: for reports
    /// small enough to hold (tests, fuzzing).
    public func jsonData(records: [TensorRecord]) throws -> Data {
        var data = try ReportJSON.header(self)
        for (k, r) in records.enumerated() {
            if k > 0 { data.append(contentsOf: ",\n".utf8) }
            data.append(contentsOf: ReportJSON.line(r))
        }
        data.append(try ReportJSON.tail(self, afterRecords: !records.isEmpty))
        return data
    }
}
