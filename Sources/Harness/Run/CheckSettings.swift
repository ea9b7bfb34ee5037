import GradientCheck

/// How a run checks one dtype: the tolerance, the step and the mode, resolved once from the
/// dtype's defaults and the run's overrides. Every check of the run, every rerun and shrink of
/// its trials, and every report uses these values; nothing downstream rebuilds them.
public struct CheckSettings: Sendable, Equatable {
    /// `Tolerance.defaults(epsilon:)` of the checked type, with `--atol` and `--rtol` applied.
    public var tolerance: Tolerance
    /// The requested step relative to `max(|θ|, 1)`: `StepSize.defaultRelativeStep(epsilon:)` of
    /// the type the oracle evaluates the loss in.
    public var relativeStep: Double
    public var mode: CheckMode

    /// The checker these settings describe.
    public var checker: GradientChecker { GradientChecker(tolerance: tolerance, relativeStep: relativeStep, mode: mode) }
}

extension RunDescription {
    /// This run's settings for `dtype`: the overrides in, the resolved values out.
    public func settings(_ dtype: DType) -> CheckSettings {
        var tolerance = Tolerance.defaults(epsilon: dtype.epsilon)
        if let atol { tolerance.atol = atol }
        if let rtol { tolerance.rtol = rtol }
        return CheckSettings(tolerance: tolerance, relativeStep: StepSize.defaultRelativeStep(epsilon: dtype.oracleEpsilon),
                             mode: mode ?? .full)
    }
}
