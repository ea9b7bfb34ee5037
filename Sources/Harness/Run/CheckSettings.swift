import GradientCheck

/// How a run checks one dtype: the tolerance, the step and the mode, resolved once from the
/// dtype's defaults and the run's overrides, and the planted bug the harness wraps each model in.
/// Every check of the run, every rerun and shrink of its trials, and the reports use these
/// values (`TrialResult.settings`, `CheckRun`); nothing downstream builds a checker of its own.
public struct CheckSettings: Sendable, Equatable {
    /// `Tolerance.defaults(epsilon:)` of the checked type, with `--atol` and `--rtol` applied.
    public var tolerance: Tolerance
    /// The relative step (`StepSize`): `StepSize.defaultRelativeStep(epsilon:)` of the type the
    /// oracle evaluates the loss in.
    public var relativeStep: Double
    public var mode: CheckMode
    /// The test hook of a run that proves its gate fails (`PlantedGradientScale`); `nil` checks
    /// the model as it is.
    public var planted: PlantedBug?

    /// The defaults of `dtype` in `mode`: what the self-test and the precision study check with.
    public static func defaults(_ dtype: DType, mode: CheckMode = .full) -> CheckSettings {
        CheckSettings(tolerance: .defaults(epsilon: dtype.epsilon),
                      relativeStep: StepSize.defaultRelativeStep(epsilon: dtype.oracleEpsilon), mode: mode, planted: nil)
    }

    /// The checker these settings describe.
    public var checker: GradientChecker { GradientChecker(tolerance: tolerance, relativeStep: relativeStep, mode: mode) }
}

extension RunDescription {
    /// This run's settings for `dtype`: the overrides in, the resolved values out.
    public func settings(_ dtype: DType) -> CheckSettings {
        var settings = CheckSettings.defaults(dtype, mode: mode ?? .full)
        if let atol { settings.tolerance.atol = atol }
        if let rtol { settings.tolerance.rtol = rtol }
        settings.planted = planted
        return settings
    }
}
