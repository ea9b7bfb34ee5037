import Foundation
import GradientCheck
import Harness

/// The human-readable report: a verdict table per dtype, the minimal failing cases, element
/// verdicts by tensor kind, the 20 worst failing tensors and a replay command for each of the
/// first 20 failing trials (the rest counted, and in the JSON), and the ten largest errors
/// among passing tensors. Its size does not grow with the number of failures.
public struct MarkdownSummary {
    public var report: Report
    /// Wall time per dtype name, seconds (not in the JSON: it is not deterministic).
    public var wallSeconds: [String: Double]
    /// Per dtype name, the time per trial in the dtype's forward+backward passes (not in the
    /// JSON either); empty when passes were not timed (`--quiet`).
    public var passesPerTrial: [String: Double] = [:]
    /// The failing trials that were shrunk (not in the JSON, so that shard reports still merge
    /// into the unsharded run's bytes; the case files hold them).
    public var minimalCases: [MinimalCase]
    /// Spells the replay commands.
    public var spelling: any CommandSpelling

    public init(report: Report, wallSeconds: [String: Double], minimalCases: [MinimalCase] = [],
                spelling: some CommandSpelling) {
        self.report = report
        self.wallSeconds = wallSeconds
        self.minimalCases = minimalCases
        self.spelling = spelling
    }

    /// The whole file, UTF-8 text.
    public var text: String {
        var lines = ["# gradcheck report", "",
                     "Command: \(MarkdownTable.code(report.command))  ",
                     "Tool: gradcheck \(report.tool.version), report schema \(report.schemaVersion)", "",
                     "| dtype | trials | parameters | " + Verdict.allCases.map(\.rawValue).joined(separator: " | ")
                        + " | largest resolved rel. error | wall time | cost per trial (f+b passes) |",
                     "|---|---:|---:|" + String(repeating: "---:|", count: Verdict.allCases.count + 3)]
        for s in report.summaries {
            let wall = wallSeconds[s.dtype.rawValue].map { String(format: "%.2f s", $0) } ?? "–"
            let passes = passesPerTrial[s.dtype.rawValue].map { String(format: "%.0f", $0) } ?? "–"
            lines.append("| \(s.dtype.rawValue) | \(s.trials) | \(s.parameters) | "
                         + Verdict.allCases.map { "\(s.trialCount($0))" }.joined(separator: " | ")
                         + " | \(Self.sci(s.largestResolvedRelativeError)) | \(wall) | \(passes) |")
        }
        if report.run.order == 2 {
            lines += ["", "**Second order**: each element is an entry of `H·v` (Pearlmutter's R-operator), compared with "
                      + "GSL's central difference of the backprop gradient along the trial's unit direction `v`."]
        }
        lines += ["", "Trial counts; a trial takes its most severe tensor verdict, and is INCONCLUSIVE only when "
                  + "no element of it could be resolved (e.g. every ReLU unit dead, every unit saturated). "
                  + "Tolerance rule per element: `|a − n| ≤ atol + rtol·max(|a|,|n|) + κ·E + B`, `B` the running error "
                  + "bound of `a` when the wider oracle judges (0 otherwise). Cost: the time per trial over the time of one "
                  + "forward+backward pass of the dtype.", ""]
        for s in report.summaries {
            var line = "\(s.dtype.rawValue): judged by \(s.oracle)."
            if let median = s.certified.quantile(0.5), let p99 = s.certified.quantile(0.99) {
                line += " Its \(s.certified.total) PASS elements certify agreement to a relative \(Self.sci(median)) "
                    + "(median) and \(Self.sci(p99)) (99th percentile): `allowed/max(|a|,|n|)`."
            }
            lines += [line, ""]
        }
        for s in report.summaries {
            lines += s.gateObstacles.flatMap { ["**Not a pass** (exit 1): \($0.message).", ""] }
        }
        for s in report.summaries where s.saturatedTrials > 0 {
            lines += ["\(s.dtype.rawValue): \(s.saturatedTrials) of \(s.trials) trials in the saturation regime "
                      + "(weights or inputs ×8, 16 or 32).", ""]
        }
        for s in report.summaries where s.elementCount(.inconclusive) > 0 {
            lines += ["\(s.dtype.rawValue): \(s.elementCount(.inconclusive)) of \(s.parameters) elements are INCONCLUSIVE "
                      + "(below what the dtype and step resolve, or saturated units): they are not evidence either way.", ""]
        }
        for s in report.summaries {
            guard let n = s.unrecheckedFailures else { continue }
            lines += ["\(s.dtype.rawValue): \(n) FAIL element(s) were not rechecked in \(referenceName): another element's "
                      + "recheck had already confirmed their tensor's FAIL, which a recheck could not undo; each keeps the "
                      + "verdict of the rule (`rechecked: false` in the JSON).", ""]
        }
        for s in report.summaries where s.directionCounts != nil {
            lines += ["\(s.dtype.rawValue): fast mode, \(s.directions) directional derivatives ("
                      + Verdict.allCases.filter { s.directionCount($0) > 0 }.map { "\($0.rawValue) \(s.directionCount($0))" }
                        .joined(separator: ", ")
                      + "); \(s.escalatedChecks ?? 0) check(s) escalated to the per-element check, whose elements the "
                      + "parameters column counts. Directional rule: `|a − n| ≤ atol + rtol·max(Σ|g_i u_i|, |n|) + κ·E` "
                      + "for `a = gᵀu`.", ""]
        }
        for dtype in report.run.dtypes {
            guard let t = report.tolerances[dtype.rawValue] else { continue }
            lines.append("- \(dtype.rawValue): atol = \(Self.sci(t.atol)), rtol = \(Self.sci(t.rtol)), κ = \(t.kappa)")
        }
        if !minimalCases.isEmpty { lines += ["", "## Minimal failing cases (\(minimalCases.count))", ""] + minimalCaseTable }
        lines += ["", "## Element verdicts by tensor kind", ""] + kindTable
        lines += failingSection

        let passing = report.digest.largestPassing
        lines += ["", "## Largest relative errors among PASS tensors", "",
                  "Sorted by the tensor's largest relative error among resolved elements "
                  + "(`max(|a|,|n|)` above the allowed error); the element columns show the one "
                  + "closest to failing (largest `|a − n|`/allowed).", ""]
        lines += table(passing)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The worst failing tensors (largest `|a − n|`/allowed at their worst element, non-finite
    /// first), then one replay command per failing trial, each list cut at
    /// `ReportDigest.shownFailures` so that the file stays readable (under 100 KB) however many
    /// trials fail; the rest are counted and left to the JSON.
    var failingSection: [String] {
        let digest = report.digest
        var lines = ["", "## Failing tensors (\(digest.failingTensors))", ""]
        guard digest.failingTensors > 0 else { return lines + ["None."] }
        let worst = digest.worstFailing
        lines += ["The \(worst.count) worst by `|a − n|`/allowed at the tensor's worst element"
                  + (digest.failingTensors > worst.count ? "; all \(digest.failingTensors) are in gradcheck.json" : "") + ".", ""]
        lines += table(worst)
        let shown = digest.failingTrials
        lines += ["", "### Failing trials (\(digest.failingTrialCount))", "",
                  "One command per trial replays it alone"
                  + (digest.failingTrialCount > shown.count ? "; the first \(shown.count) in trial order, "
                     + "\(digest.failingTrialCount - shown.count) more in gradcheck.json." : "."), ""]
        lines += shown.map { key in
            "- \(key.dtype.rawValue) trial \(key.trial): \(MarkdownTable.code(spelling.replayCommand(report.run, trial: key.trial, dtype: key.dtype)))"
        }
        return lines
    }

    /// Element counts by verdict per dtype and tensor kind (`W`, `b`; `directions` in fast mode).
    var kindTable: [String] {
        let counts = report.digest.kindCounts
        guard !counts.isEmpty else { return ["None."] }
        return ["| dtype | kind | " + Verdict.allCases.map(\.rawValue).joined(separator: " | ") + " |",
                "|---|---|" + String(repeating: "---:|", count: Verdict.allCases.count)]
            + counts.keys.sorted().map { key in
                "| \(key) | " + Verdict.allCases.map { "\(counts[key]![$0.rawValue] ?? 0)" }.joined(separator: " | ") + " |"
            }
    }

    func table(_ records: [TensorRecord]) -> [String] {
        var lines = ["| trial | dtype | net | tensor | verdict | largest resolved rel. error | worst index | analytic | numerical | allowed | ratio | E | replay |",
                     "|---:|---|---|---|---|---:|---|---:|---:|---:|---:|---:|---|"]
        for r in records {
            let net = r.widths.map(String.init).joined(separator: "-") + " m=\(r.m) "
                + r.activations.map(\.rawValue).joined(separator: ",") + " \(r.loss.rawValue)"
            let w = r.worst
            lines.append("| \(r.trial) | \(r.dtype.rawValue) | \(net) | \(r.label) | \(r.verdictText) | "
                         + "\(Self.sci(r.largestResolvedRelativeError)) | \(w.index) | \(Self.sci(w.analytic)) | \(Self.sci(w.numerical)) | "
                         + "\(Self.sci(w.allowed)) | "
                         + "\(Self.ratio(w.ratio)) | \(Self.sci(w.errorEstimate)) | "
                         + "\(MarkdownTable.code(spelling.replayCommand(report.run, trial: r.trial, dtype: r.dtype), inTable: true)) |")
        }
        return lines
    }

    /// The shrunk cases, then the values of the small ones.
    var minimalCaseTable: [String] {
        var lines = ["Each failing trial shrunk to a smaller one that fails the same way (same verdict, same "
                     + "worst tensor); the case files replay it element by element.", "",
                     "| dtype | trial | original → minimal | failing tensors | worst element | analytic | numerical | ratio | checks | replay |",
                     "|---|---:|---|---|---|---:|---:|---:|---:|---|"]
        for c in minimalCases {
            let failing = c.failingTensors.map { "\($0.label) \($0.tensor.verdict.rawValue)" }.joined(separator: ", ")
            let worst = c.worst
            let calls = c.file.shrink.map { "\($0.predicateCalls)" + ($0.budgetExhausted ? " (budget spent)" : "") } ?? "–"
            lines.append("| \(c.file.dtype.rawValue) | \(c.file.spec.index) | \(c.shapeChange) | \(failing) | "
                         + "\(worst.map { "\($0.label)\($0.element.index)" } ?? "–") | \(worst.map { Self.sci($0.element.analytic) } ?? "–") | "
                         + "\(worst.map { Self.sci($0.element.numerical) } ?? "–") | \(worst.map { Self.sci($0.element.ratio) } ?? "–") | "
                         + "\(calls) | \(MarkdownTable.code(spelling.replayCommand(caseFile: c.path), inTable: true)) |")
        }
        let small = minimalCases.compactMap { c in c.values.map { "- \(c.file.dtype.rawValue) trial \(c.file.spec.index): `\($0)`" } }
        if !small.isEmpty { lines += ["", "Values of the cases with at most \(MinimalCase.valueLimit) parameters:", ""] + small }
        return lines
    }

    /// Three significant digits; `nan` whatever its sign bit (0/0 is `-nan` on x86), `inf`, `-inf`.
    static func sci(_ x: Double) -> String { x.isNaN ? "nan" : x.isFinite ? String(format: "%.3g", x) : "\(x)" }

    /// `a/n` with its distance from 1 when three digits would print 1: a FAIL the wider oracle
    /// finds at 1e-5 must not read "ratio 1" ("1 + 1.0e-04", "1 − 2.3e-06").
    static func ratio(_ r: Double) -> String {
        guard r.isFinite, r != 1, abs(r - 1) < 5e-3 else { return sci(r) }
        return "1 \(r > 1 ? "+" : "−") " + String(format: "%.1e", abs(r - 1))
    }
}
