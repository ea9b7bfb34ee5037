import Foundation
import GradientCheck
import PrecisionStudy

/// `precision.md`: the measured figures in tables, each beside what theory predicts.
public enum PrecisionMarkdown {
    static func sci(_ x: Double) -> String { x.isFinite ? String(format: "%.2e", x) : "\(x)" }

    public static func text(_ report: PrecisionReport) -> String {
        let study = report.study
        var lines = ["# gradcheck precision study", "",
                     "Command: `\(report.command)`  ", "Reference: \(study.reference) backprop of the same network "
                     + "(Float values widen exactly, so all dtypes see one function).", "",
                     "## Backprop error against the reference", "",
                     "| dtype | ε | elements | exact | rel. median | rel. p90 | rel. p99 | rel. max | ulp median | ulp p90 | ulp p99 | ulp max |",
                     "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for s in study.summaries {
            let r = s.backpropRelative, u = s.backpropULP
            lines.append("| \(s.dtype.rawValue) | \(sci(s.epsilon)) | \(s.elements) | \(s.exactElements) | \(sci(r.median)) | "
                         + "\(sci(r.p90)) | \(sci(r.p99)) | \(sci(r.max)) | \(sci(u.median)) | \(sci(u.p90)) | \(sci(u.p99)) | \(sci(u.max)) |")
        }
        lines += ["", "Theory: each gradient element is a chain of sums and products; its forward error is "
                  + "bounded by `γ_n·(Σ|terms|)/|g|` with `γ_n = nε/(1 − nε)` (Higham, *Accuracy and Stability of "
                  + "Numerical Algorithms*, §3.1), so typical errors are a few ε (a few ulps), and large relative "
                  + "errors appear only where terms cancel (`|g|` ≪ `Σ|terms|`), i.e. in the tail.", "",
                  "## Finite-difference oracle (GSL `gsl_deriv_central`, evaluated in the dtype)", "",
                  "| dtype | rel. median | rel. p90 | rel. p99 | rel. max | actual error > estimate |",
                  "|---|---:|---:|---:|---:|---:|"]
        for s in study.summaries {
            let r = s.finiteDifferenceRelative
            lines.append("| \(s.dtype.rawValue) | \(sci(r.median)) | \(sci(r.p90)) | \(sci(r.p99)) | \(sci(r.max)) | "
                         + String(format: "%.3f %%", 100 * s.estimateExceededFraction) + " |")
        }
        lines += ["", "Theory: the step balances truncation and round-off, so the oracle is accurate to about "
                  + "`ε^(2/3)` (Double ≈ 3.7e-11, Float ≈ 2.4e-5) relative to the loss's scale, far above backprop's "
                  + "own error: the oracle, not backprop, limits what a gradient check can resolve. Its estimate `E` "
                  + "(with the Float round-off term) should cover the actual error; the last column is how often it "
                  + "did not.", "",
                  "## Step-size sweep (3-point central difference)", "",
                  "| dtype | measured best h | theory h* = (3ε)^(1/3) | error at best h | theory ε^(2/3) |",
                  "|---|---:|---:|---:|---:|"]
        for s in study.sweeps {
            lines.append("| \(s.dtype.rawValue) | \(sci(s.bestH)) | \(sci(s.theoreticalH)) | \(sci(s.bestError)) | \(sci(s.theoreticalError)) |")
        }
        lines += ["", "Median over the sampled elements. Left of the optimum round-off `ε·|L|/h` dominates "
                  + "(slope −1), right of it truncation `h²·|L‴|/6` (slope +2).", "",
                  "## Breakdowns (relative error, median and p99)", "",
                  "| dimension | value | dtype | backprop median | backprop p99 | oracle median | oracle p99 |",
                  "|---|---|---|---:|---:|---:|---:|"]
        for b in study.breakdowns {
            lines.append("| \(b.dimension) | \(b.value) | \(b.dtype.rawValue) | \(sci(b.backpropRelative.median)) | "
                         + "\(sci(b.backpropRelative.p99)) | \(sci(b.finiteDifferenceRelative.median)) | "
                         + "\(sci(b.finiteDifferenceRelative.p99)) |")
        }
        lines += ["", "`saturated`: the layer has units with `σ'(z) < \(SaturatedUnits.threshold)` (sigmoid, tanh). "
                  + "`fan-in`: the layer's input width. Plots: `precision.html`."]
        return lines.joined(separator: "\n") + "\n"
    }
}
