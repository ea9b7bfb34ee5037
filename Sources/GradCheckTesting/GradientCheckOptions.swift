import Harness

/// How `checkGradient` checks: the rule's tolerances, the oracle, the mode, a check after
/// training steps, and the dtype of a built-in network. The defaults are the CLI's.
public struct GradientCheckOptions: Sendable {
    /// Override the dtype's default `atol` and `rtol` of the rule
    /// `|a − n| ≤ atol + rtol·max(|a|, |n|) + κ·E + B` (`Tolerance.defaults(epsilon:)`), each
    /// finite and ≥ 0. An element certifies something only when its allowed error is below
    /// 1/20 of `max(|a|, |n|)` (`ElementResult.isResolved`): with `rtol ≥ 0.05` no element can,
    /// and the check is INCONCLUSIVE, which fails.
    public var atol: Double?
    public var rtol: Double?
    /// What judges a Float model: `.wider` (the default) the same model evaluated in Double
    /// when it offers one (`GradientCheckable.widerModel()`), `.native` its own central differences.
    public var oracle: OracleChoice
    /// `.full` compares every element; `.fast(directions:)` a few directional derivatives,
    /// and every element only when one of them does not pass.
    public var mode: CheckMode
    /// Descend this many gradient steps (`0...10_000`) of `learningRate` (finite, > 0) along the
    /// model's own gradient, then check again (bugs that show only once the weights move); 0
    /// checks at the given θ only. The check after the steps must run and resolve something,
    /// or the check fails (a diverged descent is a learning-rate problem to fix, not a pass).
    public var trainSteps: Int
    public var learningRate: Double
    /// The dtype a built-in `Network` is checked in (its values rounded to Float for `.float`);
    /// `nil`, the default, is the network's own `Scalar`. A `GradientCheckable` model is always
    /// checked in its own `Scalar`.
    public var dtype: DType?

    public init(atol: Double? = nil, rtol: Double? = nil, oracle: OracleChoice = .wider, mode: CheckMode = .full,
                trainSteps: Int = 0, learningRate: Double = TrialOptions.defaultLearningRate, dtype: DType? = nil) {
        (self.atol, self.rtol, self.oracle, self.mode) = (atol, rtol, oracle, mode)
        (self.trainSteps, self.learningRate, self.dtype) = (trainSteps, learningRate, dtype)
    }

    /// Why these options cannot be applied, or `nil`; the CLI refuses the same values.
    public var invalidity: String? {
        for (name, value) in [("atol", atol), ("rtol", rtol)] {
            if let value, !(value.isFinite && value >= 0) { return "\(name) must be a finite number ≥ 0, got \(value)" }
        }
        if case .fast(let k) = mode, !(1...CheckMode.maxDirections).contains(k) {
            return "fast mode needs 1...\(CheckMode.maxDirections) directions, got \(k)"
        }
        guard (0...RunDescription.maxTrainSteps).contains(trainSteps) else {
            return "trainSteps must be in 0...\(RunDescription.maxTrainSteps), got \(trainSteps)"
        }
        guard learningRate.isFinite && learningRate > 0 else { return "learningRate must be a finite number > 0, got \(learningRate)" }
        return nil
    }

    /// The checker for a model of `Scalar`, with the overrides applied to its dtype's defaults.
    func checker<Scalar: BinaryFloatingPoint>(_: Scalar.Type) -> GradientChecker {
        var tolerance = Tolerance.defaults(epsilon: Double(Scalar.ulpOfOne))
        if let atol { tolerance.atol = atol }
        if let rtol { tolerance.rtol = rtol }
        return GradientChecker(tolerance: tolerance, mode: mode, oracle: oracle)
    }
}
