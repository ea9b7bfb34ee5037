import Foundation
import GradientCheck
import Harness

/// `sensitivity.svg`: detection rate (%) against the planted relative error (log scale), one
/// line per dtype and oracle, solid for the uniform plant and dashed for one element; the
/// detection level as a grey dashed line.
public enum SensitivityFigure {
    public static func svg(_ report: SensitivityReport) -> String {
        let sizes = report.curves.flatMap(\.points).map(\.size).filter { $0 > 0 && $0.isFinite }
        let low = (sizes.min().map(log10) ?? -9).rounded(.down), high = (sizes.max().map(log10) ?? -1).rounded(.up)
        // Room on the left, where no size is planted, for the legend: every curve rises across
        // the middle, so no corner inside the data is empty.
        let x = (low - 2.8)...(high + 0.2)
        let level = SVGChart.Series(name: "detection level \(SensitivityReport.percent(report.detectionLevel))", color: "#999999",
                                    style: .dashed, points: [(low - 0.2, 100 * report.detectionLevel), (x.upperBound, 100 * report.detectionLevel)])
        let curves = report.curves.map { c in
            SVGChart.Series(name: "\(c.dtype.rawValue), \(c.oracle.rawValue) oracle, \(c.placement.rawValue)",
                            color: color(c.dtype, c.oracle), style: c.placement == .uniform ? .line : .dashed,
                            points: c.points.compactMap { p in p.rate.map { (log10(p.size), 100 * $0) } }.sorted { $0.x < $1.x })
        }
        return SVGChart(
            title: "Detection power: trials failing the gate vs planted relative error",
            xLabel: "planted relative error s (log scale); \(report.trials) trials per point",
            yLabel: "trials detected (%)", x: x, y: 0...105,
            xTicks: stride(from: low, through: high, by: 1).map { ($0, "1e\(Int($0))") },
            yTicks: stride(from: 0.0, through: 100, by: 20).map { ($0, String(format: "%.0f", $0)) },
            series: curves + [level], legend: .topLeft, width: 900
        ).svg
    }

    /// One colour per dtype and oracle: Float judged by Double orange, Float judged natively purple.
    static func color(_ dtype: DType, _ oracle: OracleChoice) -> String {
        switch (dtype, dtype.judgingType(oracle) == dtype) {
        case (.float, false): "#d95f02"
        case (.float, true): "#7570b3"
        case (.double, _): "#1b9e77"
        }
    }
}
