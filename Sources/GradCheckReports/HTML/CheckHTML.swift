import Foundation
import GradientCheck
import Harness

/// `gradcheck.html`: the check run for a person, in one self-contained page (inline SVG and
/// CSS, no scripts, nothing fetched): the gate's verdict, verdict counts per dtype, histograms
/// of every element's relative error and `|a − n|`/allowed per dtype, the minimal failing
/// cases, the worst tensors (failing ones, else the largest errors among PASS tensors), and the
/// regression table when a baseline was given. Its size does not grow with the trial count:
/// it is drawn from the summaries and the digest, never from the records. The page is also
/// well-formed XML (XHTML syntax), so that a test reads it with an XML parser.
public struct CheckHTML {
    public var report: Report
    public var wallSeconds: [String: Double]
    public var regression: RegressionComparison?
    public var minimalCases: [MinimalCase]
    public var spelling: any CommandSpelling

    public init(report: Report, wallSeconds: [String: Double], regression: RegressionComparison? = nil,
                minimalCases: [MinimalCase] = [], spelling: some CommandSpelling) {
        self.report = report
        self.wallSeconds = wallSeconds
        self.regression = regression
        self.minimalCases = minimalCases
        self.spelling = spelling
    }

    /// The whole page, UTF-8 text.
    public var text: String {
        let gate = report.summaries.gateVerdict
        let passed = report.summaries.passesGate && regression?.regressed != true
        var body = ["<h1>gradcheck report</h1>",
                    "<p class=\"gate \(passed ? "pass" : "fail")\">Gate: \(gate.rawValue)"
                        + (regression?.regressed == true ? ", REGRESSION against the baseline" : "") + "</p>",
                    "<p>Command: <code>\(Self.escape(report.command))</code><br/>gradcheck \(Self.escape(report.tool.version)), "
                        + "report schema \(report.schemaVersion); every record is in <code>gradcheck.json</code>.</p>",
                    "<h2>Verdicts</h2>", verdictTable, oracleNotes]
        body += ["<h2>Error distributions</h2>",
                 "<p>Every compared element of every trial, whatever its verdict (fast mode's directions are not elements). "
                    + "Exact zeros and non-finite values cannot sit on a log axis; the captions count them.</p>",
                 figure(Self.relativeErrorChart(report.summaries),
                        "Relative error |a − n| / max(|a|, |n|) per element; dashed: each dtype's machine epsilon."),
                 figure(Self.errorToAllowedChart(report.summaries),
                        "|a − n| / allowed per element: at most 1 passes (dashed line); FAIL elements lie to its right.")]
        if !minimalCases.isEmpty { body += ["<h2>Minimal failing cases (\(minimalCases.count))</h2>", minimalCaseTable] }
        let digest = report.digest
        if digest.failingTensors > 0 {
            body += ["<h2>Worst failing tensors (\(digest.worstFailing.count) of \(digest.failingTensors))</h2>",
                     "<p>By |a − n|/allowed at the tensor's worst element; \(digest.failingTrialCount) failing trial(s) in all.</p>",
                     table(digest.worstFailing)]
        } else {
            body += ["<h2>Largest relative errors among PASS tensors</h2>", table(digest.largestPassing)]
        }
        if let regression { body += ["<h2>Regression against the baseline</h2>", regressionTable(regression)] }
        return """
        <!DOCTYPE html>
        <html lang="en" xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"/><title>gradcheck report</title>
        <style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}
        table{border-collapse:collapse;margin:1em 0;font-size:0.9em}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}
        td.l,th.l{text-align:left}th{background:#f3f3f3}figure{margin:1.5em 0}figcaption{color:#555;font-size:0.9em}
        .gate{font-size:1.4em;font-weight:bold;padding:6px 12px;display:inline-block}.pass{background:#e3f4e3}
        .fail{background:#fbe0e0}code{font-size:0.85em;word-break:break-all}</style></head><body>
        \(body.joined(separator: "\n"))
        </body></html>

        """
    }

    var verdictTable: String {
        var rows = [Self.row(["dtype", "trials", "parameters"] + Verdict.allCases.map(\.rawValue) + ["wall time"], header: true)]
        for s in report.summaries {
            let wall = wallSeconds[s.dtype.rawValue].map { String(format: "%.2f s", $0) } ?? "–"
            rows.append(Self.row(["\(s.dtype.rawValue) trials", "\(s.trials)", "\(s.parameters)"]
                                 + Verdict.allCases.map { "\(s.trialCount($0))" } + [wall]))
            rows.append(Self.row(["\(s.dtype.rawValue) elements", "", ""] + Verdict.allCases.map { "\(s.elementCount($0))" } + [""]))
        }
        return "<table>\(rows.joined())</table>"
    }

    /// What judged each dtype, what its PASS elements certify, what was not resolved, and what
    /// stops the gate although no verdict fails (`DTypeSummary.gateObstacles`).
    var oracleNotes: String {
        let notes = report.summaries.map { s -> String in
            var line = "<b>\(s.dtype.rawValue)</b>: judged by \(Self.escape(s.oracle))."
            if let median = s.certified.quantile(0.5), let p99 = s.certified.quantile(0.99) {
                line += " Its \(s.certified.total) PASS elements certify agreement to a relative \(Self.sci(median)) (median), "
                    + "\(Self.sci(p99)) (99th percentile)."
            }
            if s.elementCount(.inconclusive) > 0 {
                line += " \(s.elementCount(.inconclusive)) element(s) INCONCLUSIVE: below what the dtype resolves, not evidence."
            }
            if let n = s.unrecheckedFailures { line += " \(n) FAIL element(s) not rechecked (their tensor's FAIL was confirmed)." }
            for obstacle in s.gateObstacles { line += " <b>Not a pass</b>: \(Self.escape(obstacle.message))." }
            return "<li>\(line)</li>"
        }
        return "<ul>\(notes.joined())</ul>"
    }

    func figure(_ svg: String, _ caption: String) -> String {
        "<figure>\(svg)<figcaption>\(Self.escape(caption))</figcaption></figure>"
    }

    func table(_ records: [TensorRecord]) -> String {
        var rows = [Self.row(["trial", "dtype", "net", "tensor", "verdict", "worst index", "analytic", "numerical", "allowed",
                              "|a − n|/allowed", "ratio", "rel. error", "replay"], header: true)]
        for r in records {
            let w = r.worst
            let net = r.widths.map(String.init).joined(separator: "-") + " m=\(r.m) "
                + r.activations.map(\.rawValue).joined(separator: ",") + " \(r.loss.rawValue)"
            rows.append(Self.row(["\(r.trial)", r.dtype.rawValue, "<span>\(Self.escape(net))</span>", Self.escape(r.label),
                                  Self.escape(r.verdictText), "\(w.index)", Self.sci(w.analytic), Self.sci(w.numerical),
                                  Self.sci(w.allowed), Self.sci(w.errorToAllowed), Self.escape(MarkdownSummary.ratio(w.ratio)),
                                  Self.sci(w.relativeError),
                                  "<code>\(Self.escape(spelling.replayCommand(report.run, trial: r.trial, dtype: r.dtype)))</code>"],
                                 left: [2, 3, 4, 12]))
        }
        return records.isEmpty ? "<p>None.</p>" : "<table>\(rows.joined())</table>"
    }

    var minimalCaseTable: String {
        var rows = [Self.row(["dtype", "trial", "original → minimal", "failing tensors", "worst element", "analytic", "numerical",
                              "ratio", "replay"], header: true)]
        for c in minimalCases {
            let failing = c.failingTensors.map { "\($0.label) \($0.tensor.verdict.rawValue)" }.joined(separator: ", ")
            let w = c.worst
            rows.append(Self.row([c.file.dtype.rawValue, "\(c.file.spec.index)", Self.escape(c.shapeChange), Self.escape(failing),
                                  w.map { Self.escape("\($0.label)\($0.element.index)") } ?? "–",
                                  w.map { Self.sci($0.element.analytic) } ?? "–", w.map { Self.sci($0.element.numerical) } ?? "–",
                                  w.map { Self.escape(MarkdownSummary.ratio($0.element.ratio)) } ?? "–",
                                  "<code>\(Self.escape(spelling.replayCommand(caseFile: c.path)))</code>"], left: [2, 3, 4, 8]))
        }
        return "<table>\(rows.joined())</table>"
    }

    func regressionTable(_ comparison: RegressionComparison) -> String {
        var rows = [Self.row(["bucket", "tensors", "p99 rel. error before", "now", "growth", "p99 |a − n|/allowed before", "now",
                              "growth", "now failing", "regressed"], header: true)]
        for r in comparison.rows {
            rows.append(Self.row([Self.escape(r.bucket.description), "\(r.now?.tensors ?? 0)",
                                  r.baseline.map { Self.sci($0.relativeError.p99) } ?? "–", r.now.map { Self.sci($0.relativeError.p99) } ?? "–",
                                  "×" + Self.sci(r.relativeErrorFactor),
                                  r.baseline.map { Self.sci($0.errorToAllowed.p99) } ?? "–", r.now.map { Self.sci($0.errorToAllowed.p99) } ?? "–",
                                  "×" + Self.sci(r.errorToAllowedFactor), "\(r.worsened)", r.regressed ? "<b>yes</b>" : "no"],
                                 left: [0]))
        }
        return "<p>A bucket regresses when a p99 grows by more than ×\(Self.sci(comparison.factor)) or a tensor now fails; "
            + "baseline: <code>\(Self.escape(comparison.baselineCommand))</code>.</p><table>\(rows.joined())</table>"
    }

    static func row(_ cells: [String], header: Bool = false, left: Set<Int> = []) -> String {
        let tag = header ? "th" : "td"
        return "<tr>" + cells.enumerated().map { k, c in
            "<\(tag)\(left.contains(k) || (header && k == 0) ? " class=\"l\"" : "")>\(c)</\(tag)>"
        }.joined() + "</tr>"
    }

    static func sci(_ x: Double) -> String { MarkdownSummary.sci(x) }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
