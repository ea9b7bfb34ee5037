/// How `checkGradient` checks: the rule's tolerances, the oracle, the mode, a check after
/// training steps, and the dtype of a built-in network. The defaults are the CLI's.
public struct GradientCheckOptions: Sendable {
    /// Override the dtype's default `atol` and `rtol` of the rule
    /// `|a − n| ≤ atol + rtol·max(|a|, |n|) + κ·E + B` (`Tolerance.defaults(epsilon:)`).
    public var atol: Double?
    public var rtol: Double?
    /// What judges a Float model: `.wider` (the default) the same model evaluated in Double
    /// when it offers one (`GradientCheckable.widerModel()`), `.native` its own central differences.
    public var oracle: OracleChoice
    /// `.full` compares every element; `.fast(directions:)` a few directional derivatives,
    /// and every element only when one of them does not pass.
    public var mode: CheckMode
    /// Descend this many gradient steps of `learningRate` along the model's own gradient, then
    /// check again (bugs that show only once the weights move); 0 checks at the given θ only.
    public var trainSteps: Int
    public var learningRate: Double
    /// The dtype a built-in `Network` is checked in (its values rounded to Float for `.float`);
    /// a `GradientCheckable` model is checked in its own `Scalar`.
    public var dtype: DType

    public init(atol: Double? = nil, rtol: Double? = nil, oracle: OracleChoice = .wider, mode: CheckMode = .full,
                trainSteps: Int = 0, learningRate: Double = TrialOptions.defaultLearningRate, dtype: DType = .double) {
        (self.atol, self.rtol, self.oracle, self.mode) = (atol, rtol, oracle, mode)
        (self.trainSteps, self.learningRate, self.dtype) = (trainSteps, learningRate, dtype)
    }

    /// The checker for a model of `Scalar`, with the overrides applied to its dtype's defaults.
    func checker<Scalar: BinaryFloatingPoint>(_: Scalar.Type) -> GradientChecker {
        var tolerance = Tolerance.defaults(epsilon: Double(Scalar.ulpOfOne))
        if let atol { tolerance.atol = atol }
        if let rtol { tolerance.rtol = rtol }
        return GradientChecker(tolerance: tolerance, mode: mode, oracle: oracle)
    }
}
