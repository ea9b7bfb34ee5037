import Harness
import GradientCheck
import PrecisionStudy

/// `precision.html`: one self-contained page (inline SVG, no scripts or external files) with
/// the three plots, the summary, sweep and breakdown tables, and the theory.
public enum PrecisionHTML {
    /// The whole page, UTF-8 text.
    public static func text(_ report: PrecisionReport) -> String {
        let study = report.study
        func row(_ cells: [String], header: Bool = false) -> String {
            "<tr>" + cells.map { header ? "<th>\($0)</th>" : "<td>\($0)</td>" }.joined() + "</tr>"
        }
        let sci = PrecisionMarkdown.sci
        var summary = [row(["dtype", "ε", "measured", "zero reference", "non-finite", "backprop rel. median", "p99", "ulp median",
                            "ulp p99", "oracle rel. median", "oracle error/|L|", "oracle error/E p99", "error > E"], header: true)]
        for s in study.summaries {
            summary.append(row([s.dtype.rawValue, sci(s.epsilon), "\(s.elements)", "\(s.zeroReferenceElements)",
                                "\(s.nonFiniteElements)",
                                sci(s.backpropRelative.median), sci(s.backpropRelative.p99), sci(s.backpropULP.median),
                                sci(s.backpropULP.p99), sci(s.finiteDifferenceRelative.median),
                                sci(s.finiteDifferenceToLoss.median), sci(s.errorToEstimate.p99),
                                PrecisionMarkdown.percent(s.estimateExceededFraction)]))
        }
        var sweep = [row(["dtype", "measured best h", "theory (3ε)^(1/3)", "error at best h", "theory ε^(2/3)",
                          "non-finite differences"], header: true)]
        for s in study.sweeps {
            sweep.append(row([s.dtype.rawValue, sci(s.bestH), sci(s.theoreticalH), sci(s.bestError), sci(s.theoreticalError),
                              "\(s.points.map(\.nonFinite).reduce(0, +))"]))
        }
        var breakdowns = [row(["dimension", "value", "dtype", "elements", "backprop median", "backprop p99",
                               "oracle median", "oracle p99"], header: true)]
        for b in study.breakdowns {
            breakdowns.append(row([b.dimension, b.value, b.dtype.rawValue, "\(b.backpropRelative.count)",
                                   sci(b.backpropRelative.median), sci(b.backpropRelative.p99),
                                   sci(b.finiteDifferenceRelative.median), sci(b.finiteDifferenceRelative.p99)]))
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>gradcheck precision study</title>
        <style>body{font-family:sans-serif;max-width:900px;margin:2em auto;color:#222}
        table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
        th{background:#f3f3f3}figure{margin:1.5em 0}figcaption{color:#555;font-size:0.9em}</style></head><body>
        <h1>gradcheck precision study</h1>
        <p>Command: <code>\(report.command)</code><br>Reference: \(study.reference) backprop of the same network.</p>
        <table>\(summary.joined())</table>
        <p>\(PrecisionMarkdown.backpropTheory)</p>
        <figure>\(PrecisionFigures.histogram(study))<figcaption>Distribution of backprop's relative error per
        gradient element (elements with a zero reference left out; exact and non-finite ones counted under the axis). Each
        dtype peaks near its machine epsilon (dashed), with the median just below it; the right tail is
        cancellation.</figcaption></figure>
        <p>\(PrecisionMarkdown.oracleTheory)</p>
        <figure>\(PrecisionFigures.stepSweep(study))<figcaption>Central-difference error against the step:
        round-off falls as 1/h on the left, truncation rises as h² on the right; the dashed lines are the
        theoretical optimum (3ε)^(1/3), the dots the measured best. An error of 1 means the loss did not change at
        all in the dtype. Steps where θ ± h rounds to θ for more than a tenth of the elements are not drawn.</figcaption></figure>
        <table>\(sweep.joined())</table>
        <figure>\(PrecisionFigures.depth(study))<figcaption>Median relative error by layer: backprop (solid)
        and the finite-difference oracle (dashed).</figcaption></figure>
        <h2>Breakdowns</h2>
        <table>\(breakdowns.joined())</table>
        <p>One row per trial × tensor × dtype: <code>precision.csv</code>.</p>
        </body></html>

        """
    }
}
