import Harness
import Foundation

/// A minimal SVG chart (axes, ticks, labelled axes, legend, lines, step-filled histograms,
/// point markers and vertical reference lines) for the self-contained HTML report. Values are
/// given in plot units; callers take `log10` where an axis is logarithmic.
struct SVGChart {
    struct Series {
        enum Style { case line, dashed, histogram, points }
        var name: String
        var color: String
        var style: Style
        var points: [(x: Double, y: Double)]
    }

    struct Marker {
        var x: Double
        var label: String
        var color: String
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var x: ClosedRange<Double>
    var y: ClosedRange<Double>
    var xTicks: [(Double, String)]
    var yTicks: [(Double, String)]
    var series: [Series]
    var markers: [Marker] = []
    /// Where the legend goes: a corner the data leave empty, or in a row above the plot when
    /// no corner is sure to be empty.
    enum Corner { case topRight, topLeft, bottomLeft, above }
    var legend = Corner.topRight
    var width = 720.0
    var height = 420.0

    private let left = 78.0, right = 20.0, bottom = 58.0
    private var top: Double { legend == .above ? 58 : 40 }

    private func px(_ v: Double) -> Double { left + (v - x.lowerBound) / (x.upperBound - x.lowerBound) * (width - left - right) }
    private func py(_ v: Double) -> Double {
        let clamped = min(max(v, y.lowerBound), y.upperBound)
        return height - bottom - (clamped - y.lowerBound) / (y.upperBound - y.lowerBound) * (height - top - bottom)
    }
    private func f(_ v: Double) -> String { String(format: "%.1f", v) }

    var svg: String {
        var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
                   + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">",
                   "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
                   "<text x=\"\(f(width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>"]
        let (x0, x1, y0, y1) = (px(x.lowerBound), px(x.upperBound), py(y.lowerBound), py(y.upperBound))
        for (v, label) in xTicks {
            out.append("<line x1=\"\(f(px(v)))\" y1=\"\(f(y0))\" x2=\"\(f(px(v)))\" y2=\"\(f(y1))\" stroke=\"#e4e4e4\"/>")
            out.append("<text x=\"\(f(px(v)))\" y=\"\(f(y0 + 16))\" text-anchor=\"middle\">\(escape(label))</text>")
        }
        for (v, label) in yTicks {
            out.append("<line x1=\"\(f(x0))\" y1=\"\(f(py(v)))\" x2=\"\(f(x1))\" y2=\"\(f(py(v)))\" stroke=\"#e4e4e4\"/>")
            out.append("<text x=\"\(f(x0 - 6))\" y=\"\(f(py(v) + 4))\" text-anchor=\"end\">\(escape(label))</text>")
        }
        out.append("<rect x=\"\(f(x0))\" y=\"\(f(y1))\" width=\"\(f(x1 - x0))\" height=\"\(f(y0 - y1))\" fill=\"none\" stroke=\"#333\"/>")
        out.append("<text x=\"\(f((x0 + x1) / 2))\" y=\"\(f(height - 14))\" text-anchor=\"middle\">\(escape(xLabel))</text>")
        out.append("<text transform=\"translate(18 \(f((y0 + y1) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))</text>")
        for m in markers {
            out.append("<line x1=\"\(f(px(m.x)))\" y1=\"\(f(y0))\" x2=\"\(f(px(m.x)))\" y2=\"\(f(y1))\" stroke=\"\(m.color)\" stroke-dasharray=\"4 3\"/>")
            out.append("<text x=\"\(f(px(m.x) + 3))\" y=\"\(f(y1 + 14))\" fill=\"\(m.color)\">\(escape(m.label))</text>")
        }
        for s in series { out.append(render(s)) }
        // About 6.6 px per character at 12 px sans-serif, plus the swatch.
        let legendWidth = 40 + 6.6 * Double(series.map(\.name.count).max() ?? 0)
        for (k, s) in series.enumerated() {
            var ly = legend == .bottomLeft ? y0 - 12 - Double(series.count - 1 - k) * 18 : top + 18 + Double(k) * 18
            var lx = legend == .topRight ? x1 - legendWidth : x0 + 12
            if legend == .above { (lx, ly) = (x0 + Double(k) * legendWidth, top - 10) }
            let swatch = s.style == .points
                ? "<circle cx=\"\(f(lx + 10))\" cy=\"\(f(ly - 4))\" r=\"4\" fill=\"\(s.color)\"/>"
                : "<line x1=\"\(f(lx))\" y1=\"\(f(ly - 4))\" x2=\"\(f(lx + 20))\" y2=\"\(f(ly - 4))\" stroke=\"\(s.color)\" stroke-width=\"3\""
                    + (s.style == .dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>"
            out.append(swatch + "<text x=\"\(f(lx + 26))\" y=\"\(f(ly))\">\(escape(s.name))</text>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    private func render(_ s: Series) -> String {
        let pts = s.points.filter { $0.x.isFinite && $0.y.isFinite }
        switch s.style {
        case .line, .dashed:
            let d = pts.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            return "<polyline points=\"\(d)\" fill=\"none\" stroke=\"\(s.color)\" stroke-width=\"2\""
                + (s.style == .dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>"
        case .points:
            return pts.map { "<circle cx=\"\(f(px($0.x)))\" cy=\"\(f(py($0.y)))\" r=\"4.5\" fill=\"\(s.color)\"/>" }.joined()
        case .histogram:
            // Points are (left edge, value) of equal-width bins; draw the step outline, filled.
            guard let first = pts.first else { return "" }
            let w = pts.count > 1 ? pts[1].x - first.x : 1
            var d = "M\(f(px(first.x))),\(f(py(y.lowerBound)))"
            for p in pts { d += " L\(f(px(p.x))),\(f(py(p.y))) L\(f(px(p.x + w))),\(f(py(p.y)))" }
            d += " L\(f(px(pts.last!.x + w))),\(f(py(y.lowerBound))) Z"
            return "<path d=\"\(d)\" fill=\"\(s.color)\" fill-opacity=\"0.35\" stroke=\"\(s.color)\" stroke-width=\"1.5\"/>"
        }
    }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
