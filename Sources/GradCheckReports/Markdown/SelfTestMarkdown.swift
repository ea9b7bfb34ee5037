import Foundation
import GradientCheck
import Harness
import Mutations

extension SelfTestReport {
    /// `selftest.md`: the kill rate, the outcome table, what exposed each kill, the survivors
    /// with the commands that repeat them, and the catalogue.
    /// - Parameter spelling: spells the survivors' reproducing commands.
    public func markdown(spelling: some CommandSpelling) -> String {
        var lines = ["# gradcheck self-test: the mutant catalogue", "",
                     "Command: \(MarkdownTable.code(command))  ",
                     SelfTestTrialsLine.text(options, budget: "at most \(trials) per mutant and dtype", mode: mode), ""]
        lines += judgedBy.flatMap { [$0 + ".", ""] }
        lines += ["**Kill rate: \(killRateText)**", "",
                  "A mutant is caught at the first trial whose verdict is not acceptable while the correct "
                  + "network's verdict on the same trial is. \"active/drawn\": of the trials drawn, how many the "
                  + "bug changed the gradient (or, for an order-2 bug, H·v) in; the others cannot expose it. "
                  + (taylor == nil ? "The element is the failing tensor's worst."
                     : "The remainder is the one whose fitted order failed (r₂: the gradient, r₃: H·v)."), ""]
        let table = tableRows
        lines += MarkdownTable.lines(table.header.map(Self.escaped), table.rows.map { $0.map(Self.escaped) }, text: 3)
        lines += ["", "## What exposed each kill", ""]
        lines += MarkdownTable.lines(["mutant", "dtype", "verdict", "loss", "activations", "widths", "m", "λ"],
                                         outcomes.compactMap { o in
                                             o.kill.map { k in
                                                 [o.mutant.rawValue, o.dtype.rawValue, k.verdict.rawValue, k.loss.rawValue,
                                                  k.activations.map(\.rawValue).joined(separator: ", "),
                                                  k.widths.map(String.init).joined(separator: "-"), "\(k.m)",
                                                  String(format: "%g", k.weightDecay)]
                                             }
                                         }, text: 6)
        if !survivors.isEmpty {
            lines += ["", "## Survivors", ""]
            lines += survivors.map { "- \($0.mutant.rawValue) (\($0.dtype.rawValue)): \(MarkdownTable.code(spelling.command(for: reproduction(of: $0))))" }
        }
        lines += ["", "## The catalogue", ""]
        lines += MarkdownTable.lines(["mutant", "bug", "exposed by"],
                                         Mutant.allCases.map { [$0.rawValue, $0.summary, $0.exposure].map(Self.escaped) },
                                         text: 3)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A table cell: `|` escaped so that it does not end the cell.
    static func escaped(_ cell: String) -> String { cell.replacingOccurrences(of: "|", with: "\\|") }
}

extension SelfTestReport {
    /// "42/42 (100 %)".
    public var killRateText: String {
        "\(killed)/\(outcomes.count) (\(String(format: "%g", (killRate * 1000).rounded() / 10)) %)"
    }

    /// The catalogue table, one row per outcome: mutant, dtype, whether and where it was caught.
    public var tableRows: (header: [String], rows: [[String]]) {
        guard taylor == nil else { return taylorTableRows }
        let header = ["mutant", "dtype", "caught", "trial", "active/drawn", "tensor", "element", "ratio a/n", "|a − n|/allowed"]
        let rows = outcomes.map { o -> [String] in
            let counts = "\(o.activeTrials)/\(o.trialsDrawn)"
            guard let k = o.kill else { return [o.mutant.rawValue, o.dtype.rawValue, "NO", "–", counts, "", "", "", ""] }
            return [o.mutant.rawValue, o.dtype.rawValue, "yes", "\(k.trial)", counts, k.tensor,
                    "[" + k.index.map(String.init).joined(separator: ", ") + "]",
                    Self.figure(k.ratio), Self.figure(k.errorToAllowed)]
        }
        return (header, rows)
    }

    /// The table of a Taylor self-test: the failing remainder and its fitted order (`Kill.init(spec:taylor:correct:)`).
    var taylorTableRows: (header: [String], rows: [[String]]) {
        let header = ["mutant", "order", "dtype", "caught", "trial", "active/drawn", "remainder", "fitted order", "expected"]
        let rows = outcomes.map { o -> [String] in
            let head = [o.mutant.rawValue, "\(o.mutant.order)", o.dtype.rawValue]
            let counts = "\(o.activeTrials)/\(o.trialsDrawn)"
            guard let k = o.kill else { return head + ["NO", "–", counts, "", "", ""] }
            return head + ["yes", "\(k.trial)", counts, k.tensor, String(format: "%.3f", k.analytic), String(format: "%g", k.numerical)]
        }
        return (header, rows)
    }

    static func figure(_ x: Double) -> String { x.isFinite ? String(format: "%.4g", x) : "\(x)" }
}
