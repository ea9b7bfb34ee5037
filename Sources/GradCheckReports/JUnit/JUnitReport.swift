import Foundation
import GradientCheck
import Harness

/// JUnit XML for CI systems (GitHub Actions test reporters, GitLab, Jenkins): one
/// `<testsuite>` per dtype, one `<testcase>` per trial, a `<failure>` per failing trial whose
/// message is the worst element and whose text lists every failing tensor and the replay
/// command, and a `<failure>` for each obstacle to the gate (`DTypeSummary.gateObstacles`: a
/// dtype that resolved nothing, checks after `--train-steps` that never ran), so the failure
/// count is non-zero whenever the run exits 1. No timestamps or durations, so the file
/// is deterministic like the JSON.
/// Schema: the de-facto Jenkins/Ant JUnit format (testsuites › testsuite › testcase › failure).
public enum JUnitReport {
    /// The XML of `report` and its `records`, in memory (tests, fuzzing; `write` streams).
    /// - Parameter spelling: spells each failing trial's replay command.
    public static func xml(_ report: Report, records: [TensorRecord], spelling: some CommandSpelling) -> String {
        var out = ""
        var source = RecordArray(records)
        try! generate(report, records: &source, spelling: spelling) { out += $0 }
        return out
    }

    /// Emits the XML line by line, reading each dtype's records once, in report order: the
    /// counts in the opening tags come from the summaries, so nothing is held back.
    static func generate(_ report: Report, records: inout some RecordSource, spelling: some CommandSpelling,
                         emit: (String) -> Void) throws {
        func line(_ text: String) { emit(text + "\n") }
        line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        let totalTests = report.summaries.reduce(0) { $0 + $1.trials + $1.gateObstacles.count }
        let totalFailures = report.summaries.reduce(0) { $0 + failures($1) }
        line("<testsuites name=\"gradcheck\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\">")
        var pending = try records.next()
        for summary in report.summaries {
            let suite = "gradcheck.\(summary.dtype.rawValue)"
            let obstacles = summary.gateObstacles
            line("  <testsuite name=\"\(suite)\" tests=\"\(summary.trials + obstacles.count)\" "
                 + "failures=\"\(failures(summary))\" errors=\"0\" skipped=\"0\">")
            for obstacle in obstacles {
                line("    <testcase classname=\"\(suite)\" name=\"\(escape(obstacle.name))\">")
                line("      <failure type=\"INCONCLUSIVE\" message=\"\(escape(obstacle.message))\">\(escape(obstacle.message))</failure>")
                line("    </testcase>")
            }
            while let first = pending, first.dtype == summary.dtype {
                var trial = [first]
                pending = try records.next()
                while let r = pending, r.trialKey == first.trialKey {
                    trial.append(r)
                    pending = try records.next()
                }
                testcase(trial, suite: suite, report: report, spelling: spelling).forEach(line)
            }
            line("  </testsuite>")
        }
        line("</testsuites>")
    }

    /// One trial's `<testcase>`, from its records.
    static func testcase(_ records: [TensorRecord], suite: String, report: Report, spelling: some CommandSpelling) -> [String] {
        let r0 = records[0]
        let net = r0.widths.map(String.init).joined(separator: "-") + " m=\(r0.m) "
            + r0.activations.map(\.rawValue).joined(separator: ",") + " \(r0.loss.rawValue)"
        let name = "trial \(r0.trial) (\(net))"
        let failing = records.filter { !$0.verdict.isAcceptable }
        guard let worst = TensorRecord.naming(records) else {
            return ["    <testcase classname=\"\(suite)\" name=\"\(escape(name))\"/>"]
        }
        let replay = spelling.replayCommand(report.run, trial: r0.trial, dtype: r0.dtype)
        let details = failing.map { r in
            "\(r.verdict.rawValue) \(r.worstLabel): analytic \(r.worst.analytic), numerical \(r.worst.numerical), "
                + "ratio \(r.worst.ratio), E \(r.worst.errorEstimate), rel. error \(r.worst.relativeError)"
        } + ["replay: \(replay)"]
        let message = "\(worst.verdict.rawValue) \(worst.worstLabel): analytic \(worst.worst.analytic), "
            + "numerical \(worst.worst.numerical), ratio \(worst.worst.ratio) — replay: \(replay)"
        return ["    <testcase classname=\"\(suite)\" name=\"\(escape(name))\">",
                "      <failure type=\"\(worst.verdict.rawValue)\" message=\"\(escape(message))\">"
                    + escape(details.joined(separator: "\n")) + "</failure>",
                "    </testcase>"]
    }

    /// The failures a dtype's suite reports: its failing trials, and one more per obstacle to the
    /// gate (`DTypeSummary.gateObstacles`), so that a run that exits 1 never reads `failures="0"`.
    static func failures(_ summary: DTypeSummary) -> Int {
        summary.failedTrials.count + summary.gateObstacles.count
    }

    /// XML 1.0 escaping for attribute values and text (§2.4, §3.3.3); characters XML 1.0 does
    /// not allow at all (C0 controls other than tab, newline, return; §2.2) become U+FFFD.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
