import Foundation
import GradCheckReports
import GradientCheck

/// What the check prints: a header, each failing tensor with its replay command, a summary
/// line per dtype, and where the reports went.
final class TerminalOutput {
    let run: RunDescription
    let quiet: Bool
    /// Failing tensors printed per dtype before the rest are left to the reports.
    static let failureLines = 20
    private var failuresPrinted: [DType: Int] = [:]

    init(run: RunDescription, quiet: Bool) {
        self.run = run
        self.quiet = quiet
    }

    func header() {
        guard !quiet else { return }
        let what = run.trial.map { "trial \($0)" } ?? (run.trials == 1 ? "1 trial" : "\(run.trials) trials")
        print("gradcheck \(Report.toolVersion): \(what) × \(run.dtypes.map(\.rawValue).joined(separator: ", ")), "
              + "\(run.options.layers) layers, seed \(run.options.seed)")
    }

    func failures(in records: [TensorRecord]) {
        for r in records where !r.verdict.isAcceptable {
            let n = failuresPrinted[r.dtype, default: 0]
            failuresPrinted[r.dtype] = n + 1
            if n > Self.failureLines { continue }
            if n == Self.failureLines { print("… further \(r.dtype.rawValue) failures are in the reports"); continue }
            let w = r.worst
            print("\(r.verdict.rawValue) \(r.dtype.rawValue) trial \(r.trial) \(r.label)\(w.index): "
                  + "analytic \(fmt(w.analytic)), numerical \(fmt(w.numerical)), ratio \(fmt(w.ratio)), "
                  + "E \(fmt(w.errorEstimate)), rel. error \(fmt(w.relativeError))")
            print("  replay: \(run.replayCommand(trial: r.trial, dtype: r.dtype))")
        }
    }

    func summary(_ s: DTypeSummary, wallSeconds: Double) {
        guard !quiet else { return }
        // PASS, KINK, FAIL and NON-FINITE always; the rarer verdicts when they occur.
        let counts = Verdict.allCases.filter { [.pass, .kink, .fail, .nonFinite].contains($0) || s.trialCount($0) > 0 }
            .map { "\($0.rawValue) \(s.trialCount($0))" }.joined(separator: ", ")
        print("\(s.dtype.rawValue): \(s.trials) trial\(s.trials == 1 ? "" : "s"), \(s.parameters) parameters; trials \(counts); "
              + "\(String(format: "%.2f", wallSeconds)) s")
        if s.saturatedTrials > 0 {
            print("  \(s.saturatedTrials) trial\(s.saturatedTrials == 1 ? "" : "s") in the saturation regime (weights or inputs ×8…32)")
        }
        if s.elementCount(.inconclusive) > 0 {
            print("  \(s.elementCount(.inconclusive)) element\(s.elementCount(.inconclusive) == 1 ? " is" : "s are") INCONCLUSIVE "
                  + "(below resolution or saturated): not evidence either way"
                  + (s.trialCount(.inconclusive) > 0 ? "; \(s.trialCount(.inconclusive)) trial(s) resolved nothing at all" : ""))
        }
        if s.verdict == .inconclusive { print("  no \(s.dtype.rawValue) trial resolved anything: this run tests nothing (exit 1)") }
        if s.worstErrorToAllowed > 0 && s.verdict.isAcceptable {
            print("  closest to failing: |a − n|/allowed = \(fmt(s.worstErrorToAllowed)) (≤ 1 passes)")
        }
        if let trial = s.worstTrial, let tensor = s.worstTensor {
            print("  worst relative error \(fmt(s.worstRelativeError)) (trial \(trial), \(tensor)): "
                  + run.replayCommand(trial: trial, dtype: s.dtype))
        }
    }

    func regressions(_ comparison: RegressionComparison, writer: ReportWriter) {
        let regressed = comparison.regressions
        if regressed.isEmpty {
            if !quiet { print("baseline: no regression (\(comparison.rows.count) buckets compared)") }
        } else {
            print("REGRESSION in \(regressed.count) bucket(s) against the baseline:")
            for r in regressed.prefix(10) {
                print("  \(r.bucket): p99 rel. error ×\(fmt(r.relativeErrorFactor)), p99 |a − n|/allowed ×\(fmt(r.errorToAllowedFactor))"
                      + (r.worsened > 0 ? ", \(r.worsened) tensor(s) now failing" : ""))
            }
        }
        print("regression: \(writer.regressionJSONURL.relativePath), \(writer.regressionMarkdownURL.relativePath)")
    }

    func footer(_ summaries: [DTypeSummary], writer: ReportWriter, junit: String?) {
        if !quiet { print("verdict: \(summaries.passesGate ? "PASS" : summaries.runVerdict.rawValue)") }
        print("reports: \(writer.jsonURL.relativePath), \(writer.markdownURL.relativePath)" + (junit.map { ", \($0)" } ?? ""))
    }

    private func fmt(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : "\(x)" }

}
