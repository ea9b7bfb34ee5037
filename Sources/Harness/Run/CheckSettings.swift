import GradientCheck

/// How a run checks one dtype: the oracle, the tolerance, the step and the mode, resolved once from the
/// dtype's defaults and the run's overrides, and the planted bug the harness wraps each model in.
/// Every check of the run, every rerun and shrink of its trials, and the reports use these
/// values (`TrialResult.settings`, `CheckRun`); nothing downstream builds a checker of its own.
public struct CheckSettings: Sendable, Equatable {
    /// `Tolerance.defaults(epsilon:)` of the type the loss is differentiated in
    /// (`DType.judgingEpsilon`), with `--atol` and `--rtol` applied. With the wider oracle the
    /// rule adds each element's running error bound (`Tolerance`).
    public var tolerance: Tolerance
    /// The relative step (`StepSize`): `StepSize.defaultRelativeStep(epsilon:)` of the type the
    /// oracle evaluates the loss in.
    public var relativeStep: Double
    public var mode: CheckMode
    /// Which loss the numerical side differentiates (`OracleChoice`, `--oracle`).
    public var oracle: OracleChoice
    /// The test hook of a run that proves its gate fails (`PlantedGradientScale`); `nil` checks
    /// the model as it is.
    public var planted: PlantedBug?
    /// 1: the gradient is checked; 2: `H·v` (`GradientChecker.order`).
    public var order = 1

    /// The defaults of `dtype` in `mode` with `oracle`: what the self-test and the precision
    /// study check with.
    public static func defaults(_ dtype: DType, mode: CheckMode = .full, oracle: OracleChoice = .wider) -> CheckSettings {
        let epsilon = dtype.judgingEpsilon(oracle)
        return CheckSettings(tolerance: .defaults(epsilon: epsilon), relativeStep: StepSize.defaultRelativeStep(epsilon: epsilon),
                             mode: mode, oracle: oracle, planted: nil)
    }

    /// The checker these settings describe.
    public var checker: GradientChecker {
        GradientChecker(tolerance: tolerance, relativeStep: relativeStep, mode: mode, oracle: oracle, order: order)
    }

    /// What judged `dtype` under these settings, for reports: e.g. "Double central differences
    /// of the Double-evaluated loss, with Float backprop's running error bound".
    public func oracleDescription(_ dtype: DType) -> String {
        let judging = dtype.judgingType(oracle)
        if order == 2 {
            let name = judging.rawValue.capitalized
            return "H·v (second order) against \(name) central differences of the \(name) backprop gradient along v"
                + (judging == dtype ? " (native)" : ", with \(dtype.rawValue.capitalized) H·v's running error bound (wider)")
        }
        guard judging != dtype else { return "\(dtype.rawValue.capitalized) central differences of the \(dtype.rawValue.capitalized) loss (native)" }
        return "\(judging.rawValue.capitalized) central differences of the \(judging.rawValue.capitalized)-evaluated loss, "
            + "with \(dtype.rawValue.capitalized) backprop's running error bound (wider)"
    }
}

extension CheckSettings {
    /// Per dtype, what judges it under `oracle` at the defaults: "float: judged by Double
    /// central differences …", one line each, for the self-test's terminal header and report.
    public static func judgedBy(_ dtypes: [DType], oracle: OracleChoice) -> [String] {
        dtypes.map { "\($0.rawValue): judged by " + defaults($0, oracle: oracle).oracleDescription($0) }
    }
}

extension RunDescription {
    /// This run's settings for `dtype`: the overrides in, the resolved values out.
    public func settings(_ dtype: DType) -> CheckSettings {
        var settings = CheckSettings.defaults(dtype, mode: mode ?? .full, oracle: oracle ?? .wider)
        if let atol { settings.tolerance.atol = atol }
        if let rtol { settings.tolerance.rtol = rtol }
        settings.planted = planted
        settings.order = order ?? 1
        return settings
    }

    /// The tolerance each dtype of the run is checked with, as its report records them.
    public var tolerances: [DType: Tolerance] {
        Dictionary(uniqueKeysWithValues: dtypes.map { ($0, settings($0).tolerance) })
    }
}
