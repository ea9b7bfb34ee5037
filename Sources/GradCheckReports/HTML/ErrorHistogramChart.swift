import Foundation
import GradientCheck
import Harness

extension CheckHTML {
    /// Share of elements per quarter decade of relative error, one series per dtype, with each
    /// dtype's machine epsilon marked.
    static func relativeErrorChart(_ summaries: [DTypeSummary]) -> String {
        chart(summaries.map { ($0.dtype, $0.relativeErrors) },
              title: "Relative error of every element",
              xLabel: "|a − n| / max(|a|, |n|) (log scale)",
              markers: summaries.map { .init(x: log10($0.dtype.epsilon), label: "ε \($0.dtype.rawValue)",
                                             color: PrecisionFigures.color($0.dtype)) })
    }

    /// Share of elements per quarter decade of `|a − n|`/allowed, one series per dtype, with
    /// the rule's limit 1 marked.
    static func errorToAllowedChart(_ summaries: [DTypeSummary]) -> String {
        chart(summaries.map { ($0.dtype, $0.errorsToAllowed) },
              title: "Error against what the rule allows, every element",
              xLabel: "|a − n| / allowed (log scale)",
              markers: [.init(x: 0, label: "allowed: FAIL beyond", color: "#c00")])
    }

    /// The histograms on one log axis spanning their occupied bins (and the markers); zeros and
    /// non-finite values, which have no place on it, are counted in the axis label, and values
    /// beyond `ErrorHistogram`'s range sit in its end bins.
    static func chart(_ histograms: [(DType, ErrorHistogram)], title: String, xLabel: String,
                      markers: [SVGChart.Marker]) -> String {
        let step = 1 / Double(ErrorHistogram.binsPerDecade)
        func x(_ k: Int) -> Double { Double(ErrorHistogram.lowestDecade) + Double(k) * step }
        let occupied = histograms.flatMap { _, h in h.counts.indices.filter { h.counts[$0] > 0 } }
        // The markers' labels run right of their line: room for them.
        let edges = occupied.map(x) + occupied.map { x($0) + step } + markers.map(\.x) + markers.map { $0.x + 2 }
        let low = ((edges.min() ?? -16) - 1).rounded(.down), high = ((edges.max() ?? 0) + 1).rounded(.up)
        let series = histograms.map { dtype, h -> SVGChart.Series in
            let total = Double(max(1, h.total))
            return .init(name: "\(dtype.rawValue) (\(h.total) elements)", color: PrecisionFigures.color(dtype), style: .histogram,
                         points: h.counts.indices.map { (x($0), 100 * Double(h.counts[$0]) / total) }
                            .filter { low...high ~= $0.x })
        }
        let top = min(100, max(5, (series.flatMap { $0.points.map(\.y) }.max() ?? 5) * 1.15))
        let apart = histograms.map { "\($0.0.rawValue): \($0.1.zeros) exact zeros, \($0.1.nonFinite) non-finite" }
        return SVGChart(
            title: title, xLabel: xLabel + "; not drawn: " + apart.joined(separator: "; "),
            yLabel: "share of elements (%)", x: low...high, y: 0...top,
            xTicks: PrecisionFigures.decadeTicks(low...high, every: high - low > 12 ? 2 : 1),
            yTicks: stride(from: 0.0, through: top, by: top > 40 ? 10 : 5).map { ($0, String(format: "%.0f", $0)) },
            series: series, markers: markers, legend: .above, width: 900
        ).svg
    }
}
