import GradientCheck

/// How fast a dtype's trials ran, for the summary: trials per second, loss evaluations per
/// parameter, and the cost of a trial in units of one forward+backward pass of its network.
///
/// The cost unit makes runs on different machines and shapes comparable: a full element-wise
/// check with GSL's 5-point rule needs 4 evaluations per parameter (8 when GSL tries its
/// second step), so its cost grows with the parameter count P, where a directional check
/// costs a few passes whatever P. Timing figures vary from run to run and stay out of the JSON.
public struct Throughput: Sendable {
    public var trials = 0
    /// Parameters of the networks checked (one count per check: the elements a full check
    /// compares, of which fast mode compares only the directions), and the loss evaluations
    /// spent on the differences (`CheckResult.lossEvaluations`).
    public var parameters = 0
    public var lossEvaluations = 0
    /// Wall-clock seconds of the dtype's trials, and the worker threads they ran on.
    public var seconds = 0.0
    public var jobs = 1
    /// Mean seconds of one `lossAndGradient()` (forward + backward pass) over sampled trials.
    public var forwardBackwardSeconds: Double?

    public init() {}

    /// Counts one trial's checks.
    public mutating func add(_ result: TrialResult) {
        trials += 1
        for (_, check) in result.checks {
            parameters += result.spec.parameters.count
            lossEvaluations += check.lossEvaluations
        }
    }

    public var trialsPerSecond: Double { seconds > 0 ? Double(trials) / seconds : .infinity }
    /// Loss evaluations per parameter checked (4 to 8 for a full check, far fewer in fast mode).
    public var evaluationsPerParameter: Double { parameters > 0 ? Double(lossEvaluations) / Double(parameters) : 0 }
    /// Loss evaluations per trial, all its checks together: fast mode's cost, which does not grow
    /// with the parameters.
    public var evaluationsPerTrial: Double { trials > 0 ? Double(lossEvaluations) / Double(trials) : 0 }

    /// Thread-seconds per trial over the forward+backward time; `nil` before that is measured.
    public var forwardBackwardPassesPerTrial: Double? {
        guard let forwardBackwardSeconds, forwardBackwardSeconds > 0, trials > 0 else { return nil }
        return seconds * Double(min(jobs, trials)) / Double(trials) / forwardBackwardSeconds
    }
}
