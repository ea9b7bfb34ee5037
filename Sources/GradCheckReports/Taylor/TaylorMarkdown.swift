import Foundation
import GradientCheck
import Harness

/// `taylor.md`: what the test certifies, the per-dtype summary, the trials that did not pass
/// with the commands that rerun them, and the cost.
public enum TaylorMarkdown {
    /// Trials listed under "Not PASS"; the JSON has them all.
    static let listed = 50

    public static func text(_ report: TaylorReport, spelling: some CommandSpelling) -> String {
        let t = report.test
        var lines = ["# gradcheck Taylor test", "",
                     "Command: \(MarkdownTable.code(report.command))  ",
                     "Remainders along a random unit direction v per trial, ε = 2⁻¹ … 2⁻\(superscript(t.halvings)); "
                     + report.run.dtypes.map { "\($0.rawValue) evaluated in \(TaylorReport.evaluationType($0))" }.joined(separator: ", ")
                     + ".", "",
                     "**Verdict: \(report.passes ? "PASS" : "FAIL")**. " + rule(t), ""]
        lines += MarkdownTable.lines(["dtype", "trials", "PASS", "INCONCLUSIVE", "KINK", "FAIL", "NON-FINITE", "HARNESS-ERROR",
                                      "median order r₁", "r₂", "r₃", "lowest passing r₂", "r₃",
                                      "median smallest resolved ε, r₂", "r₃", "cost (f+b passes)"],
                                     report.summaries.map { s in
                                         [s.dtype.rawValue, "\(s.trials)"]
                                             + [Verdict.pass, .inconclusive, .kink, .fail, .nonFinite, .harnessError].map { "\(s.count($0))" }
                                             + s.medianOrders.map(order) + s.lowestPassingOrders.map(order)
                                             + s.medianSmallestResolved.map(epsilon)
                                             + [String(format: "%.1f", s.meanForwardBackwardPasses)]
                                     })
        lines += ["", certifies(t), "", cost(t)]
        let notPassing = report.records.filter { $0.result.verdict != .pass }
        if !notPassing.isEmpty {
            lines += ["", "## Not PASS (\(notPassing.count))", ""]
            lines += MarkdownTable.lines(["trial", "dtype", "verdict", "r₂ order", "r₃ order", "why", "rerun"],
                                         notPassing.prefix(listed).map { r in
                                             ["\(r.trial)", r.dtype.rawValue, r.result.verdict.rawValue,
                                              order(r.result.fit(2)?.order), order(r.result.fit(3)?.order),
                                              (r.result.reason ?? "").replacingOccurrences(of: "|", with: "\\|"),
                                              MarkdownTable.code(spelling.replayCommand(report.run, trial: r.trial, dtype: r.dtype),
                                                                 inTable: true)]
                                         }, text: 3)
            if notPassing.count > listed { lines += ["", "\(notPassing.count - listed) more in `taylor.json`."] }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func rule(_ t: TaylorTest) -> String {
        "A trial passes when the fitted order of r₂ (and of r₃ where H·v is given) is at least its expected order "
        + "(2, 3) less \(t.margin); it fails when the order is at most the order a wrong derivative gives (1, 2) plus "
        + "\(t.margin); between the two it is INCONCLUSIVE. Orders are least-squares slopes of log r against log ε over "
        + "the \(t.window) smallest ε at which the remainder exceeds \(Int(t.resolution)) × its rounding floor (the "
        + "running error bounds of the losses and of the dtype's gᵀv and vᵀHv); ε whose point θ + εv lies across a "
        + "ReLU kink from θ are left out, and a kink within the smallest ε is KINK."
    }

    static func certifies(_ t: TaylorTest) -> String {
        "A PASS certifies that gᵀv agrees with the derivative of L along v to within about \(Int(t.resolution)) × the "
        + "dtype's running error bound on gᵀv (a wrong g shows as r₂ of order 1 once ε·|δᵀv| exceeds that), and, with r₃, "
        + "that vᵀHv does likewise. It sees one direction per trial: an error orthogonal to v is invisible to it; the "
        + "element-wise check (gradcheck check) sees every element."
    }

    static func cost(_ t: TaylorTest) -> String {
        "Cost per trial: \(t.halvings + 1) losses in the wider type and one running error bound of the loss, one backprop "
        + "and its bound, one R-operator pass (H·v) and its bound; counted in forward-and-backward passes, a forward pass "
        + "as ½ and an R-operator pass as 2 (a Float80 or running-error pass takes longer than the dtype's: the terminal "
        + "gives the time per trial in the dtype's passes)."
    }

    static func order(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "–" }
    static func epsilon(_ x: Double?) -> String { x.map { "2^\(Int(Foundation.log2($0)))" } ?? "–" }

    static func superscript(_ n: Int) -> String {
        let digits = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(n).map { digits[Int(String($0))!] }.joined()
    }
}
