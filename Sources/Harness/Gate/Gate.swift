import GradientCheck

/// The gate: what a run's verdicts and its regression comparison mean for CI. The CLI maps
/// each outcome to its exit code (`ExitCodes.swift` in `Sources/gradcheck`).
public enum GateOutcome: Sendable, Equatable {
    /// Every dtype's verdict is acceptable and resolved something, and nothing regressed.
    case pass
    /// A FAIL, NONDETERMINISTIC, NON-FINITE or HARNESS-ERROR, or a dtype in which nothing could
    /// be resolved: the gradient is not shown right.
    case gradientMismatch
    /// The verdicts pass, but a bucket's error grew past the factor against the baseline.
    case regression

    /// The outcome of a run with these summaries and, when it was compared, this comparison; a
    /// gradient mismatch wins over a regression.
    public init(_ summaries: [DTypeSummary], regression: RegressionComparison?) {
        if !summaries.passesGate {
            self = .gradientMismatch
        } else if regression?.regressed == true {
            self = .regression
        } else {
            self = .pass
        }
    }
}

extension Array where Element == DTypeSummary {
    /// The run's verdict: the most severe of its dtypes' (PASS for none).
    public var runVerdict: Verdict { map(\.verdict).max() ?? .pass }

    /// Whether a CI gate passes: every dtype's verdict is acceptable and nothing stops it
    /// (`DTypeSummary.gateObstacles`): a dtype in which no trial resolved anything has tested
    /// nothing, and a trial whose `--train-steps` descent diverged never had the check after
    /// training that was asked for (exit 1, not 0).
    public var passesGate: Bool { allSatisfy { $0.verdict.isAcceptable && $0.gateObstacles.isEmpty } }

    /// The verdict the gate acts on, what the last line of a run prints: PASS when it passes;
    /// else the run's verdict when that fails, INCONCLUSIVE when only an obstacle stops it
    /// (a KINK or PASS in another dtype does not make the run pass).
    public var gateVerdict: Verdict {
        if passesGate { return .pass }
        return runVerdict.isAcceptable ? .inconclusive : runVerdict
    }

}

/// Something that stops the gate although no verdict fails it.
public struct GateObstacle: Sendable, Equatable {
    /// What was not shown, as a short test name (JUnit's `<testcase name>`).
    public var name: String
    /// One line: what happened, and what to change.
    public var message: String
    /// A few words for the `verdict:` line.
    public var short: String
}

extension DTypeSummary {
    /// What stops the gate in this dtype although no verdict fails it:
    /// - nothing resolved: every trial INCONCLUSIVE, so the run tests nothing;
    /// - diverged descents: `--train-steps` asked for a check after training, and in these
    ///   trials θ or L became non-finite first, so that check never ran.
    public var gateObstacles: [GateObstacle] {
        var obstacles: [GateObstacle] = []
        if verdict == .inconclusive {
            obstacles.append(GateObstacle(name: "resolved anything", message: "no \(dtype.rawValue) trial resolved any element: "
                                          + "the run tests nothing in this dtype", short: "nothing resolved in \(dtype.rawValue)"))
        }
        if divergedDescents > 0 {
            obstacles.append(GateObstacle(name: "checks after --train-steps", message: "\(divergedDescents) \(dtype.rawValue) "
                                          + "trial\(divergedDescents == 1 ? "'s" : "s'") check after --train-steps never ran: "
                                          + "the descent diverged (θ or L non-finite)"
                                          + (firstDivergedTrial.map { ", first in trial \($0)" } ?? "") + "; lower --learning-rate",
                                          short: "\(divergedDescents) \(dtype.rawValue) check(s) after training never ran"))
        }
        return obstacles
    }
}
