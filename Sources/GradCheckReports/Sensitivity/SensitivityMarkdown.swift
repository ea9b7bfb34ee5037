import Foundation
import GradientCheck
import Harness

extension SensitivityReport {
    /// `sensitivity.md`: the minimum detectable error per dtype, oracle and placement, then the
    /// detection rate at every size, with the counts behind it.
    public var markdown: String {
        var lines = ["# gradcheck self-test: detection power", "",
                     "Command: \(MarkdownTable.code(command))  ",
                     SelfTestTrialsLine.text(options, budget: "\(trials) per size, dtype, oracle and placement", mode: mode), "",
                     "Each trial's analytic gradient is scaled by 1 + s: every element (uniform), or one element of one "
                     + "tensor drawn per trial (one-element). A trial detects the error when its verdict fails the gate. "
                     + "Trials in which the plant changes no gradient value (a zero element, or 1 + s rounded to 1 in "
                     + "Float) cannot tell and are not counted, nor are trials whose correct network already fails.", "",
                     "## Minimum detectable error", "",
                     "The smallest relative error s that at least \(Self.percent(detectionLevel)) of the trials "
                     + "detect, at that size and every larger one; none when even the largest size is detected less "
                     + "often.", ""] + (coarseNote.map { [$0, ""] } ?? [])
        lines += MarkdownTable.lines(["dtype", "oracle", "placement", "minimum detectable", "judged by"],
                                     curves.map { c in
                                         [c.dtype.rawValue, c.oracle.rawValue, c.placement.rawValue,
                                          c.minimumDetectable.map(Self.size) ?? "none",
                                          c.judgedBy]
                                     }, text: 5)
        lines += ["", "## Detection rate by size", "",
                  "Trials that failed the gate, of the trials that could tell (detected/counted); – where no trial "
                  + "could tell (1 + s rounds to 1 in the dtype).", ""]
        let sizes = curves.first?.points.map(\.size) ?? []
        lines += MarkdownTable.lines(["dtype", "oracle", "placement"] + sizes.map(Self.size),
                                     curves.map { c in
                                         [c.dtype.rawValue, c.oracle.rawValue, c.placement.rawValue]
                                             + c.points.map { p in
                                                 p.rate.map { "\(Self.percent($0)) (\(p.detected)/\(p.active - p.unattributed))" } ?? "–"
                                             }
                                     }, text: 3)
        let unattributed = curves.flatMap(\.points).map(\.unattributed).reduce(0, +)
        lines += ["", "Trials not counted because the correct network already failed: \(unattributed).",
                  "The relative error planted is 1 + s rounded to the dtype, minus 1 (`planted` in sensitivity.json)."]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A warning when too few trials stand behind each point for a rate to be told from 100 %.
    public var coarseNote: String? {
        let needed = Int((1 / (1 - detectionLevel)).rounded())
        guard trials < needed else { return nil }
        return "Only \(trials) trial\(trials == 1 ? "" : "s") per point: a rate of \(Self.percent(detectionLevel)) needs at least "
            + "\(needed) to mean anything, so these minimum detectable errors are coarse (use --trials \(needed) or more)."
    }

    /// "1e-04".
    public static func size(_ s: Double) -> String { String(format: "%.0e", s) }
    /// "99.5 %".
    public static func percent(_ r: Double) -> String { String(format: "%g %%", (r * 1000).rounded() / 10) }
}
