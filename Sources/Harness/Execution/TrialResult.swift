import GradientCheck

/// One trial checked in one dtype: at its drawn θ, and again after `trainSteps` steps of
/// gradient descent when the run asks for them.
public struct TrialResult: Sendable, Equatable {
    public var spec: TrialSpec
    public var dtype: DType
    /// What it was checked with.
    public var settings: CheckSettings
    /// The check at the drawn θ.
    public var check: CheckResult
    /// The check after `TrialOptions.trainSteps` gradient-descent steps on the trial's batch;
    /// `nil` without training.
    public var trained: CheckResult?
    /// Why there is no check after descent although one was asked for: the descent diverged
    /// (θ or `L` non-finite), a learning-rate problem rather than a gradient verdict.
    public var descentNote: String?

    /// Both checks, each with the number of descent steps taken before it (0, then k).
    public var checks: [(trainStep: Int, check: CheckResult)] {
        [(0, check)] + (trained.map { [(spec.trainSteps, $0)] } ?? [])
    }

    /// The checks' verdicts aggregated (`Verdict.aggregate`).
    public var verdict: Verdict {
        Verdict.aggregate(checks.map(\.check.verdict))
    }

    public init(spec: TrialSpec, dtype: DType, settings: CheckSettings, check: CheckResult, trained: CheckResult? = nil) {
        self.spec = spec
        self.dtype = dtype
        self.settings = settings
        self.check = check
        self.trained = trained
    }
}
