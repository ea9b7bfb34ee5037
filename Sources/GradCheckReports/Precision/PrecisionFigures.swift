import Harness
import Foundation
import GradientCheck
import PrecisionStudy

/// The study's three plots as SVG: the error histogram, the step-size V-curves, error vs depth.
public enum PrecisionFigures {
    static func color(_ dtype: DType) -> String { dtype == .float ? "#d95f02" : "#1b9e77" }

    /// Ticks at the whole decades in `range` (log10 units). A range with a non-finite bound has
    /// none, and bounds beyond ±400 (past any Float80 ratio stored as Double) are clamped there,
    /// so no bound traps on its conversion to an integer.
    static func decadeTicks(_ range: ClosedRange<Double>, every: Int = 2) -> [(Double, String)] {
        guard range.lowerBound.isFinite, range.upperBound.isFinite else { return [] }
        let low = Int(max(-400, min(400, range.lowerBound.rounded(.up))))
        let high = Int(max(-400, min(400, range.upperBound.rounded(.down))))
        return stride(from: low, through: high, by: 1).filter { $0 % every == 0 }.map { (Double($0), "1e\($0)") }
    }

    /// The plot range of `ys` (log10 units): their finite values only, widened by `below` and
    /// `above` decades; `empty` when none is finite (an overflowing network has no curve).
    static func range(_ ys: [Double], below: Double, above: Double, empty: ClosedRange<Double>) -> ClosedRange<Double> {
        let finite = ys.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return empty }
        return (low - below).rounded(.down)...(high + above).rounded(.up)
    }

    /// Share of elements per quarter decade of backprop relative error, Float and Double overlaid,
    /// with each dtype's machine epsilon marked.
    public static func histogram(_ study: PrecisionStudyResult) -> String {
        let series = study.histograms.map { h -> SVGChart.Series in
            let total = Double(max(1, h.counts.reduce(0, +) + h.exact + h.nonFinite))
            return .init(name: h.dtype.rawValue, color: color(h.dtype), style: .histogram,
                         points: zip(h.edges, h.counts).map { ($0, 100 * Double($1) / total) })
        }
        let top = max(5, (series.flatMap { $0.points.map(\.y) }.max() ?? 5) * 1.1)
        return SVGChart(
            title: "Backprop relative error against the \(study.reference) reference",
            xLabel: "relative error |g − g_ref| / |g_ref| (log scale); not drawn: exact "
                + study.histograms.map { "\($0.dtype.rawValue) \($0.exact)" }.joined(separator: ", ")
                + "; non-finite " + study.histograms.map { "\($0.dtype.rawValue) \($0.nonFinite)" }.joined(separator: ", "),
            yLabel: "share of gradient elements (%)",
            x: -20...1, y: 0...top, xTicks: decadeTicks(-20...1),
            yTicks: stride(from: 0.0, through: top, by: top > 40 ? 10 : 5).map { ($0, String(format: "%.0f", $0)) },
            series: series,
            markers: study.summaries.map { .init(x: log10($0.epsilon), label: "ε \($0.dtype.rawValue)", color: color($0.dtype)) }
        ).svg
    }

    /// Median relative error of the 3-point central difference against the step, per dtype,
    /// with the theoretical optimum `h* = (3ε)^(1/3)` marked and the measured best as a dot.
    public static func stepSweep(_ study: PrecisionStudyResult) -> String {
        var series: [SVGChart.Series] = []
        for s in study.sweeps {
            series.append(.init(name: "\(s.dtype.rawValue): median error", color: color(s.dtype), style: .line,
                                points: s.fullPoints.filter { $0.median > 0 && $0.median.isFinite }
                                    .map { (log10($0.h), log10($0.median)) }))
            series.append(.init(name: "\(s.dtype.rawValue): measured best h", color: color(s.dtype), style: .points,
                                points: [(log10(s.bestH), log10(s.bestError))]))
        }
        let y = range(series.flatMap { $0.points.map(\.y) }, below: 1, above: 2, empty: -13...2)
        return SVGChart(
            title: "Step-size sweep: central-difference error vs h (the V)",
            xLabel: "step h relative to max(|θ|, 1) (log scale)", yLabel: "median relative error (log scale)",
            x: -12...0, y: y, xTicks: decadeTicks(-12...0, every: 1), yTicks: decadeTicks(y),
            series: series,
            markers: study.sweeps.map { .init(x: log10($0.theoreticalH), label: "h* \($0.dtype.rawValue)", color: color($0.dtype)) },
            legend: .bottomLeft
        ).svg
    }

    /// Median relative error per layer (1 = input side), backprop solid, oracle dashed.
    public static func depth(_ study: PrecisionStudyResult) -> String {
        let layers = study.breakdowns.filter { $0.dimension == "layer" }
        var series: [SVGChart.Series] = []
        for dtype in study.summaries.map(\.dtype) {
            let rows = layers.filter { $0.dtype == dtype }
            series.append(.init(name: "\(dtype.rawValue) backprop", color: color(dtype), style: .line,
                                points: rows.compactMap { r in Double(r.value).map { ($0, log10(max(r.backpropRelative.median, 1e-30))) } }))
            series.append(.init(name: "\(dtype.rawValue) finite difference", color: color(dtype), style: .dashed,
                                points: rows.compactMap { r in Double(r.value).map { ($0, log10(max(r.finiteDifferenceRelative.median, 1e-30))) } }))
        }
        let maxLayer = max(2, layers.compactMap { Double($0.value) }.max() ?? 2)
        // Room above the data for the legend.
        let y = range(series.flatMap { $0.points.map(\.y) }, below: 1, above: 4, empty: -19...4)
        return SVGChart(
            title: "Median relative error by layer", xLabel: "layer (1 = nearest the input)",
            yLabel: "median relative error (log scale)", x: 0.8...(maxLayer + 0.2), y: y,
            xTicks: (1...Int(maxLayer)).map { (Double($0), "\($0)") }, yTicks: decadeTicks(y),
            series: series
        ).svg
    }
}
