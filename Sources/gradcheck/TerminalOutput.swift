import Foundation
import GradCheckReports
import Harness
import GradientCheck

/// What the check prints: a header, each failing tensor with its replay command, a summary
/// line per dtype, and where the reports went.
final class TerminalOutput {
    let run: RunDescription
    let quiet: Bool
    let spelling = GradcheckSpelling()
    /// Failing trials printed in full (worst tensor, replay, minimal case: four lines each) per
    /// dtype: three with one dtype, two each with two, so that any failing run's terminal
    /// summary fits in 40 lines; the rest are counted and left to the reports.
    var shownFailingTrials: Int { min(3, 4 / run.dtypes.count) }
    private var failingTrials: [DType: Int] = [:]
    private var unshownCases: [DType: Int] = [:]
    private let progressLine: ProgressLine

    init(run: RunDescription, quiet: Bool) {
        self.run = run
        self.quiet = quiet
        progressLine = ProgressLine(enabled: !quiet && ProgressLine.canDraw)
    }

    /// `dtype: done/total trials` in place on a terminal's stderr (`ProgressLine`).
    func progress(_ dtype: DType, done: Int, total: Int) {
        progressLine.update(dtype.rawValue, done: done, total: total)
    }

    func header() {
        guard !quiet else { return }
        let what = run.trial.map { "trial \($0)" } ?? (run.trials == 1 ? "1 trial" : "\(run.trials) trials")
        print("gradcheck \(Tool.version): \(what) × \(run.dtypes.map(\.rawValue).joined(separator: ", ")), "
              + "\(run.options.layers) layers, seed \(run.options.seed)")
    }

    /// A failing trial's worst tensor and replay command, for the first `shownFailingTrials`
    /// of its dtype.
    func failures(in records: [TensorRecord]) {
        let failing = records.filter { !$0.verdict.isAcceptable }
        guard let first = failing.first, let r = TensorRecord.naming(records) else { return }
        let n = failingTrials[first.dtype, default: 0]
        failingTrials[first.dtype] = n + 1
        guard n < shownFailingTrials else { return }
        // Only before a line: an erased line is redrawn at the next trial, whatever the interval.
        progressLine.erase()
        let w = r.worst
        print("\(r.verdict.rawValue) \(r.dtype.rawValue) trial \(r.trial) \(r.worstLabel): "
              + "analytic \(Self.fmt(w.analytic)), numerical \(Self.fmt(w.numerical)), ratio \(Self.fmt(w.ratio)), "
              + "E \(Self.fmt(w.errorEstimate)), rel. error \(Self.fmt(w.relativeError))"
              + (failing.count > 1 ? "; \(failing.count) of \(records.count) tensors fail" : ""))
        print("  replay: \(spelling.replayCommand(run, trial: r.trial, dtype: r.dtype))")
    }

    /// The minimal case under its trial's failure lines, when those were shown: shapes,
    /// failing tensors, the worst element, and the command that replays it (its values are in
    /// the case file and the Markdown).
    func minimalCase(_ c: MinimalCase) {
        guard failingTrials[c.file.dtype, default: 0] <= shownFailingTrials else {
            unshownCases[c.file.dtype, default: 0] += 1
            return
        }
        progressLine.erase()
        let failing = c.failingTensors.map { "\($0.label) \($0.tensor.verdict.rawValue)" }.joined(separator: ", ")
        let cost = c.file.shrink.map { " (\($0.predicateCalls) checks\($0.budgetExhausted ? ", budget spent" : ""))" } ?? ""
        let worst = c.worst.map { label, w in
            "; worst \(label)\(w.index): analytic \(Self.fmt(w.analytic)), numerical \(Self.fmt(w.numerical)), ratio \(Self.fmt(w.ratio))"
        } ?? ""
        print("  minimal case: \(c.shapeChange)\(cost); failing: \(failing.isEmpty ? "none (the losses disagree)" : failing)\(worst)")
        print("    replay: \(spelling.replayCommand(caseFile: c.path))")
    }

    /// `… N more failing trials` before a dtype's summary, when some were not shown.
    func unshownFailures(_ dtype: DType) {
        let more = failingTrials[dtype, default: 0] - shownFailingTrials
        guard more > 0 else { return }
        progressLine.erase()
        let cases = unshownCases[dtype, default: 0]
        print("… \(more) more failing \(dtype.rawValue) trial\(more == 1 ? "" : "s")"
              + (cases > 0 ? " and \(cases) more minimal case\(cases == 1 ? "" : "s")" : "")
              + ": gradcheck.md lists the worst, gradcheck.json all")
    }

    /// `  speed: …` under a dtype's summary line.
    func speed(_ t: Throughput) {
        guard !quiet else { return }
        let fastMode = (run.mode ?? .full) != .full
        var line = "  speed: \(String(format: "%.0f", t.trialsPerSecond)) trials/s on \(t.jobs) thread\(t.jobs == 1 ? "" : "s"), "
            // The second-order check differences the gradient: its evaluations are backprop passes.
            + "\(Self.threeDigits(t.evaluationsPerParameter)) \(run.order == 2 ? "gradient" : "loss") evaluations per parameter"
            // Fast mode's evaluations do not grow with the parameters: its cost is per trial.
            + (fastMode ? " (\(Self.threeDigits(t.evaluationsPerTrial)) per trial)" : "")
        if let passes = t.forwardBackwardPassesPerTrial, let fb = t.forwardBackwardSeconds {
            line += ", \(String(format: "%.0f", passes)) forward+backward passes per trial (one takes \(Self.fmt(fb * 1e6)) µs)"
        }
        print(line)
    }

    /// - Parameter checkedParameters: the parameters of the networks checked, once per check
    ///   (twice for a trial with `--train-steps`), as full mode's element count has them; in fast
    ///   mode `s.parameters` counts only the elements of escalated checks.
    func summary(_ s: DTypeSummary, checkedParameters: Int, wallSeconds: Double) {
        progressLine.erase()
        guard !quiet else { return }
        // PASS, KINK, FAIL and NON-FINITE always; the rarer verdicts when they occur.
        let counts = Verdict.allCases.filter { [.pass, .kink, .fail, .nonFinite].contains($0) || s.trialCount($0) > 0 }
            .map { "\($0.rawValue) \(s.trialCount($0))" }.joined(separator: ", ")
        let parameters = s.directionCounts == nil ? "\(s.parameters) parameters"
            : "\(checkedParameters) parameters (\(s.parameters) compared element by element)"
        // The regimes drawn, beside the count they are part of: a failing run's summary keeps to 40 lines.
        let regimes = [s.saturatedTrials > 0 ? "\(s.saturatedTrials) trial\(s.saturatedTrials == 1 ? "" : "s") in the saturation "
                       + "regime: weights or inputs ×8…32" : nil,
                       s.divergedDescents > 0 ? "\(s.divergedDescents) diverged during --train-steps" : nil].compactMap { $0 }
        print("\(s.dtype.rawValue): \(s.trials) trial\(s.trials == 1 ? "" : "s")"
              + (regimes.isEmpty ? "" : " (\(regimes.joined(separator: "; ")))") + ", \(parameters); trials \(counts); "
              + "\(String(format: "%.3f", wallSeconds)) s")
        print("  judged by \(s.oracle)")
        if let median = s.certified.quantile(0.5), let p99 = s.certified.quantile(0.99) {
            print("  PASS elements certify agreement to a relative \(Self.fmt(median)) (median), \(Self.fmt(p99)) (99th percentile) "
                  + "over \(s.certified.total) elements")
        }
        if s.directionCounts != nil {
            let counts = Verdict.allCases.filter { s.directionCount($0) > 0 }.map { "\($0.rawValue) \(s.directionCount($0))" }
            print("  fast mode: \(s.directions) directional derivatives (\(counts.joined(separator: ", "))); "
                  + "\(s.escalatedChecks ?? 0) check(s) escalated to the per-element check")
        }
        var elements: [String] = []
        if s.elementCount(.inconclusive) > 0 {
            let share = String(format: "%.2f %%", 100 * Double(s.elementCount(.inconclusive)) / Double(max(s.parameters, 1)))
            elements.append("\(s.elementCount(.inconclusive)) element\(s.elementCount(.inconclusive) == 1 ? " is" : "s are") INCONCLUSIVE "
                            + "(\(share); below resolution or saturated): not evidence either way"
                            + (s.trialCount(.inconclusive) > 0 ? "; \(s.trialCount(.inconclusive)) trial(s) resolved nothing at all" : ""))
        }
        if let n = s.unrecheckedFailures {
            elements.append("\(n) FAIL element\(n == 1 ? " was" : "s were") not rechecked: another element's recheck had "
                            + "already confirmed the FAIL of \(n == 1 ? "its" : "their") tensor")
        }
        if !elements.isEmpty { print("  " + elements.joined(separator: "; ")) }
        for obstacle in s.gateObstacles { print("  \(obstacle.message) (exit 1)") }
        if let trial = s.firstDivergedTrial { print("    replay: " + spelling.replayCommand(run, trial: trial, dtype: s.dtype)) }
        if s.worstErrorToAllowed > 0 && s.verdict.isAcceptable {
            print("  closest to failing: |a − n|/allowed = \(Self.fmt(s.worstErrorToAllowed)) (≤ 1 passes)")
        }
        if let trial = s.largestResolvedRelativeErrorTrial, let tensor = s.largestResolvedRelativeErrorTensor {
            print("  largest resolved relative error \(Self.fmt(s.largestResolvedRelativeError)) (trial \(trial), \(tensor)): "
                  + spelling.replayCommand(run, trial: trial, dtype: s.dtype))
        }
    }

    /// Regressed buckets shown on the terminal, the largest growth first; regression.md lists all.
    static let shownRegressions = 2

    func regressions(_ comparison: RegressionComparison) {
        let regressed = comparison.regressions
        if regressed.isEmpty {
            if !quiet { print("baseline: no regression (\(comparison.rows.count) buckets compared)") }
        } else {
            print("REGRESSION in \(regressed.count) bucket(s) against the baseline"
                  + (regressed.count > Self.shownRegressions ? "; the \(Self.shownRegressions) largest (regression.md lists all):" : ":"))
            for r in regressed.prefix(Self.shownRegressions) {
                print("  \(r.bucket): p99 rel. error ×\(Self.fmt(r.relativeErrorFactor)), p99 |a − n|/allowed ×\(Self.fmt(r.errorToAllowedFactor))"
                      + (r.worsened > 0 ? ", \(r.worsened) tensor(s) now failing" : ""))
            }
        }
    }

    func footer(_ summaries: [DTypeSummary], writer: ReportWriter, regression: Bool, junit: String?) {
        let verdict = summaries.gateVerdict
        // --quiet prints failures: a gate that does not pass says why even then.
        if !quiet || verdict != .pass {
            // Only an obstacle makes the gate's verdict INCONCLUSIVE (`gateVerdict`): say which.
            print("verdict: \(verdict.rawValue)" + (verdict == .inconclusive
                ? " (\(summaries.flatMap(\.gateObstacles).map(\.short).joined(separator: "; ")): exit 1)" : ""))
        }
        let paths = [writer.jsonURL, writer.markdownURL, writer.htmlURL] + (regression ? [writer.regressionJSONURL, writer.regressionMarkdownURL] : [])
        print("reports: " + paths.map(\.relativePath).joined(separator: ", ") + (junit.map { ", \($0)" } ?? ""))
    }

    /// Three significant digits in fixed notation, whole numbers from 100 on: `0.00273`, `0.100`,
    /// `4.02`, `16.2`, `660` (a per-parameter figure of fast mode on a large network would read
    /// `0.00` in `%.2f`).
    static func threeDigits(_ x: Double) -> String {
        guard x.isFinite, x > 0 else { return String(format: "%.2f", x) }
        return String(format: "%.*f", max(0, 2 - Int(log10(x).rounded(.down))), x)
    }

    /// Six significant digits; `nan` (whatever its sign bit: 0/0 is `-nan` on x86), `inf`, `-inf`.
    static func fmt(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        return x.isFinite ? String(format: "%.6g", x) : "\(x)"
    }
}

/// The check run's progress, printed as it comes (`CheckRun`).
extension TerminalOutput: CheckRunObserver {
    func checked(_ result: TrialResult, records: [TensorRecord], done: Int, total: Int) {
        failures(in: records)
        progress(result.dtype, done: done, total: total)
    }

    func shrunk(_ minimal: MinimalCase) { minimalCase(minimal) }

    func finished(_ summary: DTypeSummary, throughput: Throughput) {
        unshownFailures(summary.dtype)
        self.summary(summary, checkedParameters: throughput.parameters, wallSeconds: throughput.seconds)
        if !quiet { speed(throughput) }
    }
}
