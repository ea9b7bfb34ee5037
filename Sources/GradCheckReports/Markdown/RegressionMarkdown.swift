import Foundation
import Harness

extension RegressionComparison {
    /// `regression.md`: one table, regressions first.
    public var markdown: String {
        func sci(_ x: Double?) -> String { x.map { $0.isFinite ? String(format: "%.3g", $0) : "\($0)" } ?? "–" }
        var lines = ["# gradcheck regression report", "",
                     "Baseline: \(MarkdownTable.code(baselineCommand))  ", "Now: \(MarkdownTable.code(command))  ",
                     "Per bucket, the p99 over its tensors of each tensor's median relative error and median "
                     + "|a − n|/allowed. A bucket regresses when either grows more than \(sci(factor))×, or a "
                     + "tensor's verdict worsens to one that fails the gate (FAIL, NONDETERMINISTIC, NON-FINITE, HARNESS-ERROR).", "",
                     regressed ? "**\(regressions.count) bucket(s) regressed.**" : "No regression.", "",
                     "| bucket | tensors | baseline p99 rel. error | now | factor | baseline p99 err/allowed | now | factor | worsened | verdict |",
                     "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in rows {
            lines.append("| \(r.bucket) | \(r.now?.tensors ?? r.baseline?.tensors ?? 0) | \(sci(r.baseline?.relativeError.p99)) | "
                         + "\(sci(r.now?.relativeError.p99)) | \(sci(r.relativeErrorFactor)) | "
                         + "\(sci(r.baseline?.errorToAllowed.p99)) | \(sci(r.now?.errorToAllowed.p99)) | "
                         + "\(sci(r.errorToAllowedFactor)) | \(r.worsened) | \(r.regressed ? "REGRESSED" : "ok") |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
