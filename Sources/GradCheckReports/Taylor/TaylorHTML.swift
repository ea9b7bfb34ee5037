import Foundation
import GradientCheck
import Harness

/// `taylor.html`: the summary and one log-log chart per trial of its remainders r₁, r₂, r₃
/// against ε, with r₂'s rounding floor and the points each order was fitted on. One
/// self-contained page (inline SVG, no scripts).
public enum TaylorHTML {
    /// Charts drawn: trials that did not pass first, then the rest in trial order. Each chart is
    /// a few kilobytes; the JSON has every trial's remainders, and `--trial N` draws any one.
    public static let maxCharts = 400

    public static func text(_ report: TaylorReport, spelling: some CommandSpelling) -> String {
        func row(_ cells: [String], header: Bool = false) -> String {
            "<tr>" + cells.map { header ? "<th>\(escape($0))</th>" : "<td>\(escape($0))</td>" }.joined() + "</tr>"
        }
        var summary = [row(["dtype", "trials", "PASS", "INCONCLUSIVE", "KINK", "FAIL", "NON-FINITE", "median order r₁", "r₂", "r₃",
                            "cost (f+b passes)"], header: true)]
        for s in report.summaries {
            summary.append(row([s.dtype.rawValue, "\(s.trials)"]
                               + [Verdict.pass, .inconclusive, .kink, .fail, .nonFinite].map { "\(s.count($0))" }
                               + s.medianOrders.map(TaylorMarkdown.order) + [String(format: "%.1f", s.meanForwardBackwardPasses)]))
        }
        let ordered = report.records.filter { $0.result.verdict != .pass } + report.records.filter { $0.result.verdict == .pass }
        let drawn = ordered.prefix(maxCharts)
        let charts = drawn.map { r in
            "<figure>\(chart(r, halvings: report.test.halvings))<figcaption>\(escape(caption(r)))<br><code>"
                + escape(spelling.replayCommand(report.run, trial: r.trial, dtype: r.dtype)) + "</code></figcaption></figure>"
        }
        let omitted = report.records.count - drawn.count
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>gradcheck Taylor test</title>
        <style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}
        table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
        th{background:#f3f3f3}.charts{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0;width:380px}
        figcaption{color:#555;font-size:0.8em;overflow-wrap:anywhere}</style></head><body>
        <h1>gradcheck Taylor test: \(report.verdictText)</h1>
        <p>Command: <code>\(escape(report.command))</code></p>
        <table>\(summary.joined())</table>
        <p>\(escape(TaylorMarkdown.rule(report.test)))</p>
        <p>\(escape(TaylorMarkdown.certifies(report.test)))</p>
        <p>\(escape(TaylorMarkdown.cost(report.test)))</p>
        <h2>Remainders per trial</h2>
        <p>Log-log: a right gradient makes r₂ a line of slope 2 and r₃ of slope 3 until they meet their rounding floors
        (dashed); a wrong one bends r₂ to slope 1 at small ε. Dots: the points each order was fitted on. A
        brown line: from there up, θ + εv lies across a ReLU kink from θ, and those ε are not fitted.
        \(omitted > 0 ? "Trials that did not pass first; \(drawn.count) of \(report.records.count) drawn, the rest are in taylor.json." : "")</p>
        <div class="charts">\(charts.joined(separator: "\n"))</div>
        </body></html>

        """
    }

    static func caption(_ r: TaylorRecord) -> String {
        "trial \(r.trial) \(r.dtype.rawValue): \(r.result.verdict.rawValue); "
            + r.result.fits.map { "r\($0.remainder) order \(TaylorMarkdown.order($0.order))" }.joined(separator: ", ")
            + "; widths \(r.widths.map(String.init).joined(separator: "-")), m \(r.m), \(r.loss.rawValue)"
            + (r.result.reason.map { ". \($0)" } ?? "")
    }

    /// The remainders of one trial, log10 units on both axes.
    static func chart(_ r: TaylorRecord, halvings: Int) -> String {
        let points = r.result.points
        func series(_ name: String, _ color: String, _ style: SVGChart.Series.Style,
                    _ value: (TaylorPoint) -> Double?, only: Set<Double>? = nil) -> SVGChart.Series {
            .init(name: name, color: color, style: style, points: points.compactMap { p in
                guard let v = value(p), v > 0, only?.contains(p.epsilon) ?? true else { return nil }
                return (log10(p.epsilon), log10(v))
            })
        }
        var all = [series("r₁", "#999999", .line, { $0.r1 }), series("r₂", "#1f78b4", .line, { $0.r2 }),
                   series("r₂ floor", "#1f78b4", .dashed, { $0.floor2 })]
        if r.result.curvature != nil {
            all.append(series("r₃", "#33a02c", .line, { $0.r3 }))
            all.append(series("r₃ floor", "#33a02c", .dashed, { $0.floor3 }))
        }
        for fit in r.result.fits where fit.remainder > 1 && fit.order != nil {
            let value: (TaylorPoint) -> Double? = fit.remainder == 2 ? { $0.r2 } : { $0.r3 }
            all.append(series("fit r\(fit.remainder == 2 ? "₂" : "₃")", fit.remainder == 2 ? "#1f78b4" : "#33a02c", .points, value,
                              only: Set(fit.fitted)))
        }
        let ys = all.flatMap { $0.points.map(\.y) }
        let y = PrecisionFigures.range(ys, below: 0.5, above: 0.5, empty: -20...0)
        let x = (-Double(halvings) * log10(2.0)).rounded(.down)...0
        var chart = SVGChart(title: "trial \(r.trial) \(r.dtype.rawValue): \(r.result.verdict.rawValue)", xLabel: "ε",
                             yLabel: "remainder", x: x, y: y, xTicks: PrecisionFigures.decadeTicks(x, every: 3),
                             yTicks: PrecisionFigures.decadeTicks(y, every: max(2, Int((y.upperBound - y.lowerBound) / 5))),
                             series: all.filter { !$0.points.isEmpty })
        // Points across a kink are left out of every fit: mark where they begin.
        if let kinked = points.last(where: \.crossesKink) {
            chart.markers = [.init(x: log10(kinked.epsilon), label: "kink crossed ≥ here", color: "#b15928")]
        }
        chart.legend = .topLeft
        (chart.width, chart.height) = (380, 260)
        return chart.svg
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
