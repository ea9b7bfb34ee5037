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

    /// Whether a CI gate passes: every dtype's verdict is acceptable and none is INCONCLUSIVE,
    /// since a dtype in which no trial resolved anything has tested nothing (exit 1, not 0).
    public var passesGate: Bool { allSatisfy { $0.verdict.isAcceptable && $0.verdict != .inconclusive } }

    /// The verdict the gate acts on, what the last line of a run prints: PASS when it passes;
    /// else the run's verdict when that fails, INCONCLUSIVE when only a dtype that resolved
    /// nothing stops it (a KINK or PASS in another dtype does not make the run pass).
    public var gateVerdict: Verdict {
        if passesGate { return .pass }
        return runVerdict.isAcceptable ? .inconclusive : runVerdict
    }

    /// The dtypes that resolved nothing (INCONCLUSIVE): each fails the gate on its own.
    public var unresolvedDTypes: [DType] { filter { $0.verdict == .inconclusive }.map(\.dtype) }
}

