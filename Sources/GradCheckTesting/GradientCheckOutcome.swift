import Foundation
import GradientCheck
import Harness

/// What `checkGradient` found, and the one message a failing test shows.
public struct GradientCheckOutcome: Sendable {
    /// The checks made: at the given θ, and after the descent steps when asked for.
    public var checks: [(trainStep: Int, check: CheckResult)]
    /// The most severe verdict; `.inconclusive` when no element could be resolved.
    public var verdict: Verdict
    /// Whether a gate would pass this check: an acceptable verdict (`Verdict.isAcceptable`), and
    /// every check made (at θ, and after the descent steps asked for) resolved something.
    public var passed: Bool {
        verdict.isAcceptable && checks.allSatisfy { $0.check.verdict != .inconclusive } && missingCheck == nil
    }
    /// Why a check that was asked for did not run (a diverged descent), or `nil`.
    public var missingCheck: String?
    /// How each check was judged (`CheckSettings.oracleDescription`).
    public var judgedBy: String
    /// A one-line command that reproduces this check alone.
    public var replay: String
    /// The worst element: the most severe verdict, then the largest `|a − n|`/allowed (the
    /// ordering of `TensorResult.worst`, over every tensor of every check).
    public var worst: (label: String, element: ElementResult)? {
        var best: (label: String, element: ElementResult)?
        for (step, check) in checks {
            for tensor in check.reportedTensors {
                guard let w = tensor.worst else { continue }
                if let b = best, (b.element.verdict, b.element.errorToAllowed) >= (w.verdict, w.errorToAllowed) { continue }
                best = (TensorRecord.label(tensor.tensor.name, index: w.index, trainStep: step == 0 ? nil : step), w)
            }
        }
        return best
    }

    /// Elements by verdict over every check (fast mode's directions not counted).
    public var elementCounts: [Verdict: Int] {
        var counts: [Verdict: Int] = [:]
        for (_, check) in checks {
            for tensor in check.tensors { counts.merge(tensor.verdictCounts, uniquingKeysWith: +) }
        }
        return counts
    }

    /// The test failure's text: the verdict and how it was judged, the counts (INCONCLUSIVE
    /// among them), the worst element (tensor, index, θ, analytic, numerical, allowed, ratio),
    /// the checks' notes, and the replay command.
    public var message: String {
        let counts = Verdict.allCases.compactMap { v in elementCounts[v].map { "\(v.rawValue) \($0)" } }.joined(separator: ", ")
        let unresolved = checks.filter { $0.check.verdict == .inconclusive }.map(\.trainStep)
        let headline = missingCheck != nil ? ": the check after the descent steps did not run"
            : unresolved.isEmpty ? "" : unresolved == [0] && checks.count == 1 ? ": no element could be resolved"
            : ": the check " + unresolved.map { $0 == 0 ? "at θ" : "after \($0) steps" }.joined(separator: " and ")
                + " resolved no element"
        var lines = ["gradient check \(passed ? verdict.rawValue : verdict.isAcceptable ? "INCONCLUSIVE" : verdict.rawValue)\(headline) "
                     + "(judged by \(judgedBy))",
                     "elements" + (checks.count > 1 ? " (at θ and after \(checks[1].trainStep) steps)" : "") + ": "
                        + (counts.isEmpty ? "none" : counts)]
        if let (label, w) = worst {
            let direction = label.hasPrefix("direction")
            lines.append("worst \(label): " + (direction ? "" : "θ = \(Self.fmt(w.theta)), ")
                         + "analytic \(Self.fmt(w.analytic)), numerical \(Self.fmt(w.numerical)), "
                         + "allowed \(Self.fmt(w.allowed)), a/n \(Self.fmt(w.ratio)), \(w.verdict.rawValue)"
                         + (w.reason.map { " (\($0))" } ?? ""))
        }
        lines += checks.flatMap(\.check.notes).map { "note: \($0)" }
        if let missingCheck { lines.append("note: \(missingCheck)") }
        lines.append("replay: \(replay)")
        return lines.joined(separator: "\n")
    }

    /// The outcome of a check not run because `options` cannot be applied, its issue recorded;
    /// `nil` when they can.
    static func refusing(_ options: GradientCheckOptions,
                         at location: (fileID: String, filePath: StaticString, line: Int, column: Int)) -> GradientCheckOutcome? {
        guard let problem = options.invalidity else { return nil }
        IssueReporter.record("gradient check not run: invalid GradientCheckOptions: \(problem)", at: location)
        return GradientCheckOutcome(checks: [], verdict: .harnessError, judgedBy: "nothing", replay: "")
    }

    static func fmt(_ x: Double) -> String { x.isNaN ? "nan" : x.isFinite ? String(format: "%.6g", x) : "\(x)" }
}
