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
                     "**Verdict: \(report.verdictText)**. " + rule(t), ""]
        lines += MarkdownTable.lines(["dtype", "trials", "PASS", "INCONCLUSIVE", "KINK", "FAIL", "NON-FINITE", "HARNESS-ERROR",
                                      "median order r₁", "r₂", "r₃", "lowest passing r₂", "r₃",
                                      "median smallest resolved ε, r₂", "r₃", "cost (f+b passes)",
                                      "dtype's rounding of gᵀv / its bound, largest"],
                                     report.summaries.map(row))
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

    /// One dtype's row of the summary table.
    static func row(_ s: TaylorSummary) -> [String] {
        let verdicts: [Verdict] = [.pass, .inconclusive, .kink, .fail, .nonFinite, .harnessError]
        var cells = [s.dtype.rawValue, "\(s.trials)"]
        cells += verdicts.map { "\(s.count($0))" }
        cells += s.medianOrders.map(order)
        cells += s.lowestPassingOrders.map(order)
        cells += s.medianSmallestResolved.map(epsilon)
        cells.append(String(format: "%.1f", s.meanForwardBackwardPasses))
        cells.append(s.largestSlopeRoundingToBound.map { String(format: "%.3g", $0) } ?? "–")
        return cells
    }

    static func rule(_ t: TaylorTest) -> String {
        "A trial passes when the fitted order of r₂ (and of r₃ where H·v is given) is at least its expected order "
        + "(2, 3) less \(t.margin); it fails when the order is at most the order a wrong derivative gives (1, 2) plus "
        + "\(t.margin); between the two it is INCONCLUSIVE. Orders are least-squares slopes of log r against log ε over "
        + "the \(t.window) smallest ε at which the remainder exceeds \(Int(t.resolution)) × its rounding floor (the "
        + "running error bounds of the losses and of the tested gᵀv and vᵀHv), and must lie on a straight line; a FAIL "
        + "must hold at smaller ε too. ε whose point θ + εv lies across a ReLU kink from θ are left out, and a kink within "
        + "the smallest ε is KINK. g and H·v are the network's code run again in \(referenceName); each dtype's own gᵀv "
        + "and vᵀHv must lie within its running error bound of them, else the trial FAILs."
    }

    static func certifies(_ t: TaylorTest) -> String {
        "A PASS certifies that the code's gᵀv agrees with the derivative of L along v to within about "
        + "\(Int(t.resolution)) × its \(referenceName) running error bound (a wrong g shows as r₂ of order 1 once ε·|δᵀv| "
        + "exceeds that), with r₃ that vᵀHv does likewise, and that the dtype's values are that code's up to the dtype's "
        + "rounding bound. It sees one direction per trial: an error orthogonal to v is invisible to it; the element-wise "
        + "check (gradcheck check) sees every element."
    }

    static func cost(_ t: TaylorTest) -> String {
        "Cost per trial: \(t.halvings + 1) losses in \(referenceName) and one running error bound of the loss; backprop "
        + "and the R-operator (H·v) in the dtype with their bounds, and again in \(referenceName) with theirs; counted in "
        + "forward-and-backward passes, a forward pass "
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
