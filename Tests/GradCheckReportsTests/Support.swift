import DurableFiles
import Foundation
import GradCheckReports
@testable import gradcheck
import GradientCheck
import Harness

/// The CLI's own spelling, so that the commands in rendered reports are the real ones.
let spelling = GradcheckSpelling()

/// A report with its records in memory (a run never holds them; tests of small runs do): the
/// report's fields read through it, and changing a record rebuilds the digest.
@dynamicMemberLookup
struct Checked {
    var report: Report
    var records: [TensorRecord] {
        didSet {
            report.digest = ReportDigest()
            report.digest.add(records)
        }
    }

    /// `run` checked the way the CLI checks it (no shrinking).
    init(checking run: RunDescription) {
        let list = RecordList()
        report = CheckRun(run: run, jobs: 1, shrinkBudget: 0, reportDirectory: URL(fileURLWithPath: "reports"), timesPasses: false)
            .perform(Silent(), sink: list).report(command: spelling.command(for: run))
        records = list.records
    }

    /// The bytes of a report file (`Report.parse`) with its records.
    init(parsing data: Data) throws {
        report = try Report.parse(data, role: "report", path: "test")
        records = try Report.records(in: data)
    }

    subscript<T>(dynamicMember path: WritableKeyPath<Report, T>) -> T {
        get { report[keyPath: path] }
        set { report[keyPath: path] = newValue }
    }

    /// The shards merged (`Report.merge`, `Report.mergeRecords`).
    static func merge(_ shards: [Checked]) throws -> Checked {
        var merged = shards[0]
        merged.report = try Report.merge(shards.map(\.report), spelling: spelling)
        var sources = shards.map { RecordArray($0.records) }
        let list = RecordList()
        merged.report.digest = try Report.mergeRecords(&sources, into: list)
        merged.records = list.records
        return merged
    }

    /// `gradcheck.json` as `ReportStream` writes it.
    func jsonData() throws -> Data { try report.jsonData(records: records) }

    /// The JUnit XML.
    var junit: String { JUnitReport.xml(report, records: records, spelling: spelling) }
}

/// A check run that prints nothing.
struct Silent: CheckRunObserver {
    func checked(_ result: TrialResult, records: [TensorRecord], done: Int, total: Int) {}
    func shrunk(_ minimal: MinimalCase) {}
    func finished(_ summary: DTypeSummary, throughput: Throughput) {}
}

extension ReportWriter {
    /// Writes `checked` as a run would: its records streamed to `gradcheck.json`, then the rest.
    func write(_ checked: Checked, wallSeconds: [String: Double], regression: RegressionComparison? = nil,
               spelling: some CommandSpelling) throws(OutputFileError) {
        let stream = try jsonStream(checked.report)
        stream.add(checked.records)
        try write(checked.report, json: stream.finish(checked.report), wallSeconds: wallSeconds, regression: regression,
                  spelling: spelling)
    }
}

extension RegressionComparison {
    /// `now` compared with `baseline`, both in memory.
    init(_ baseline: Checked, _ now: Checked, factor: Double) {
        self.init(baseline: baseline.report, baselineRecords: baseline.records, now: now.report, nowRecords: now.records,
                  factor: factor)
    }
}
