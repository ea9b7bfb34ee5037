import Harness
import Foundation
import GradCheckReports

/// What must hold for any bytes given as a report, baseline or case file: the libFuzzer target
/// `FuzzReports` and the replay tests of `Fuzz/FailCases/FuzzReports` call this.
public enum ReportInvariants {
    /// Parses `bytes` as a report and as a case file (rejection with an `InputFileError` is the
    /// clear-error path and fine). An accepted report must then go through everything that reads
    /// reports (Markdown, JUnit, regression comparison, bucket statistics, merging, re-encoding)
    /// without a crash, compare with itself without a regression, and survive its own
    /// re-encoding; an accepted case file must replay (build and check its trial) without a
    /// crash and survive its own re-encoding.
    /// - Returns: the violated invariants; empty when all held.
    public static func violations(_ bytes: [UInt8]) -> [String] {
        caseFileViolations(bytes) + reportViolations(bytes)
    }

    static func caseFileViolations(_ bytes: [UInt8]) -> [String] {
        guard let file = try? CaseFile.parse(Data(bytes), path: "fuzz-input") else { return [] }
        _ = file.check()
        do {
            let again = try CaseFile.parse(try file.jsonData(), path: "re-encoded")
            return try again.jsonData() == file.jsonData() ? [] : ["case file re-encoding is not stable"]
        } catch {
            return ["an accepted case file does not survive its own re-encoding: \(error)"]
        }
    }

    static func reportViolations(_ bytes: [UInt8]) -> [String] {
        guard let report = try? Report.parse(Data(bytes), role: "report", path: "fuzz-input") else { return [] }
        guard let records = try? Report.records(in: Data(bytes)) else {
            return ["an accepted report's records cannot be read again"]
        }
        var violations: [String] = []
        _ = MarkdownSummary(report: report, wallSeconds: [:], spelling: FuzzSpelling()).text
        _ = JUnitReport.xml(report, records: records, spelling: FuzzSpelling())
        let comparison = RegressionComparison(baseline: report, baselineRecords: records, now: report, nowRecords: records,
                                              factor: 10)
        if comparison.regressed { violations.append("a report regressed against itself: \(comparison.regressions.map(\.bucket))") }
        _ = comparison.markdown
        if let merged = try? Report.merge([report, report], spelling: FuzzSpelling()) {
            var sources = [RecordArray(records), RecordArray(records)]
            _ = try? Report.mergeRecords(&sources, into: RecordList())
            _ = merged
        }
        do {
            let data = try report.jsonData(records: records)
            let again = try Report.parse(data, role: "report", path: "re-encoded")
            if again != report { violations.append("re-reading changes the report") }
            if try again.jsonData(records: Report.records(in: data)) != data { violations.append("re-encoding is not stable") }
        } catch {
            violations.append("an accepted report does not survive its own re-encoding: \(error)")
        }
        return violations
    }
}
