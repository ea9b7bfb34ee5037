import Harness
import Foundation
import GradientCheck
import PrecisionStudy

/// `precision.md`: the measured figures in tables, each beside what theory predicts.
public enum PrecisionMarkdown {
    static func sci(_ x: Double) -> String { x.isFinite ? String(format: "%.2e", x) : "\(x)" }
    static func percent(_ x: Double) -> String { String(format: "%.2f %%", 100 * x) }

    static let backpropTheory = """
        Theory: each gradient element is a chain of sums and products, whose error is bounded by \
        `γ_n·(Σ|terms|)/|g|` with `γ_n = n·u/(1 − n·u)` and unit roundoff `u = ε/2` (Higham, *Accuracy \
        and Stability of Numerical Algorithms*, 2nd ed., §3.1). With short sums and no cancellation that \
        is about one ulp, so the median sits near ε/2…ε; the tail is elements whose terms cancel \
        (`|g|` ≪ `Σ|terms|`). Elements whose reference is exactly 0 (dead units), and elements whose backprop \
        value or reference is NaN or ±inf (an overflowing network: "non-finite"), are counted, not measured.
        """

    static let oracleTheory = """
        Theory: GSL's `gsl_deriv_central` is a 5-point rule (Richardson extrapolation of the 3-point \
        one), truncation O(h⁴). At the harness's step `h = (3ε)^(1/3)·max(|θ|, 1)` (chosen for the \
        3-point rule) its truncation is negligible and round-off dominates: `|n − g| ≈ c·ε·|L|/h`, \
        i.e. about `ε^(2/3)·|L|` (Double 3.7e-11, Float 2.4e-5) — the column "error/|L|". Relative \
        to the gradient it is larger by `|L|/|g|`. A larger step would make this oracle more accurate \
        (ε^(4/5) at h ~ ε^(1/5)); the harness keeps the 3-point step, where the error estimate is \
        conservative. "error/E" is the actual error over the oracle's own estimate: below 1 means \
        covered, and how far below says how conservative `E` is.
        """

    /// The whole file: backprop, oracle, sweep and breakdown tables, each with its theory.
    public static func text(_ report: PrecisionReport) -> String {
        let study = report.study
        var lines = ["# gradcheck precision study", "",
                     "Command: \(MarkdownTable.code(report.command))  ", "Reference: \(study.reference) backprop of the same network "
                     + "(the trial's values are Float-representable and widen exactly, so every dtype evaluates "
                     + "the same network up to the rounding of constants such as leaky ReLU's 1/100).", "",
                     "## Backprop error against the reference", ""]
        lines += MarkdownTable.lines(["dtype", "ε", "measured", "zero reference", "non-finite", "exact", "rel. median", "rel. p90", "rel. p99",
                        "rel. max", "ulp median", "ulp p90", "ulp p99", "ulp max"],
                       study.summaries.map { s in
                           let r = s.backpropRelative, u = s.backpropULP
                           return [s.dtype.rawValue, sci(s.epsilon), "\(s.elements)", "\(s.zeroReferenceElements)",
                                   "\(s.nonFiniteElements)", "\(s.exactElements)"] + [r.median, r.p90, r.p99, r.max, u.median, u.p90, u.p99, u.max].map(sci)
                       })
        lines += ["", backpropTheory, "", "## Finite-difference oracle (GSL `gsl_deriv_central`, evaluated in the dtype)", ""]
        lines += MarkdownTable.lines(["dtype", "non-finite", "rel. median", "rel. p90", "rel. p99", "rel. max", "error/\\|L\\| median",
                        "error/E median", "error/E p99", "error/E max", "error > E"],
                       study.summaries.map { s in
                           let r = s.finiteDifferenceRelative, e = s.errorToEstimate
                           return [s.dtype.rawValue, "\(s.nonFiniteDifferences)"] + [r.median, r.p90, r.p99, r.max, s.finiteDifferenceToLoss.median,
                                                        e.median, e.p99, e.max].map(sci) + [percent(s.estimateExceededFraction)]
                       })
        lines += ["", oracleTheory, "", "## Step-size sweep (3-point central difference)", ""]
        lines += MarkdownTable.lines(["dtype", "measured best h", "theory (3ε)^(1/3)", "error at best h", "theory ε^(2/3)", "elements swept",
                        "non-finite differences"],
                       study.sweeps.map { s in
                           [s.dtype.rawValue] + [s.bestH, s.theoreticalH, s.bestError, s.theoreticalError].map(sci)
                               + ["\(s.points.map(\.samples).max() ?? 0)", "\(s.points.map(\.nonFinite).reduce(0, +))"]
                       })
        lines += ["", "Median over the swept elements, at steps where at least \(Int(StepSweep.fullShare * 100)) % of them "
                  + "could be evaluated (below the dtype's resolution at |θ|, `θ ± h` rounds to θ). Left of the optimum "
                  + "round-off `ε·|L|/h` dominates (slope −1), right of it truncation `h²·|L‴|/6` (slope +2). The "
                  + "theory's `(3ε)^(1/3)` and `ε^(2/3)` assume `|L| ≈ |L′| ≈ |L‴|`; the optimum per element is "
                  + "`(3ε·|L|/|L‴|)^(1/3)` and its error `≈ ε^(2/3)·|L|^(2/3)·|L‴|^(1/3)/|L′|`, so measured values "
                  + "differ by these ratios (and by the loss's actual rounding, often below ε·|L|). A difference "
                  + "that is NaN or ±inf counts as an infinite error (\"non-finite differences\", over all steps); "
                  + "a step whose median is infinite is not drawn, and `nan` as the best h means no step had a "
                  + "finite median.", "",
                  "## Breakdowns (relative error, median and p99)", ""]
        lines += MarkdownTable.lines(["dimension", "value", "dtype", "elements", "backprop median", "backprop p99", "oracle elements",
                        "oracle median", "oracle p99"],
                       study.breakdowns.map { b in
                           [b.dimension, b.value, b.dtype.rawValue, "\(b.backpropRelative.count)",
                            sci(b.backpropRelative.median), sci(b.backpropRelative.p99), "\(b.finiteDifferenceRelative.count)",
                            sci(b.finiteDifferenceRelative.median), sci(b.finiteDifferenceRelative.p99)]
                       }, text: 3)
        lines += ["", "`saturated = yes`: the tensor's layer has at least one unit (in any row of the batch) with "
                  + "`f'(z) < \(SaturatedUnits.threshold)` (sigmoid, tanh, softplus); with the default initialisation such layers "
                  + "are rare, so mind the element counts. `fan-in`: the layer's input width. Pooled figures weight "
                  + "tensors by their size (W tensors dominate). Plots: `precision.html`."]
        return lines.joined(separator: "\n") + "\n"
    }
}
