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

extension RunDescription {
    /// The mean time of one forward+backward pass (`lossAndGradient()`) in `dtype` over up to
    /// `sample` of this run's trials, spread over the run. Each trial's time is the fastest of
    /// 3 rounds of at least 100 µs, so that neither the clock's resolution nor a preempted
    /// round distorts it.
    public func forwardBackwardSeconds(_ dtype: DType, sample: Int = 16) -> Double {
        let indices = trialIndices
        let step = max(1, indices.count / sample)
        let picked = stride(from: 0, to: indices.count, by: step).prefix(sample).map { indices[$0] }
        let total = picked.reduce(0.0) { sum, index in
            sum + dtype.dispatch(PassTime(spec: TrialGenerator.trial(index, options: options)))
        }
        return total / Double(max(picked.count, 1))
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
