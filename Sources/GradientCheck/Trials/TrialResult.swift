/// One trial checked in one dtype: at its drawn θ, and again after `trainSteps` steps of
/// gradient descent when the run asks for them.
public struct TrialResult: Sendable, Equatable {
    public var spec: TrialSpec
    public var dtype: DType
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

    public init(spec: TrialSpec, dtype: DType, check: CheckResult, trained: CheckResult? = nil) {
        self.spec = spec
        self.dtype = dtype
        self.check = check
        self.trained = trained
    }
}

extension TrialSpec {
    /// Builds this trial's network in `dtype` and checks it with `checker` (in its `mode`, fast
    /// mode's directions drawn from `trialSeed`); with
    /// `trainSteps > 0`, descends that many steps along the model's own analytic gradient and
    /// checks again (bugs that only show once the weights move off their initial scale).
    ///
    /// Concrete per dtype so that the generic network code is specialised here.
    /// - Parameters:
    ///   - plantedGradientScale: when not 1, the analytic gradient is multiplied by it
    ///     (`PlantedGradientScale`), to prove that a gate fails on a bug of that size.
    ///   - plantedTensor: restricts that bug to the tensor of this name (`W2`).
    public func run(_ dtype: DType, checker: GradientChecker, plantedGradientScale: Double = 1,
                    plantedTensor: String? = nil) -> TrialResult {
        // The network objective always satisfies the protocol's contract, so check cannot throw.
        switch dtype {
        case .float:
            var objective = PlantedGradientScale(objective(Float.self), factor: Float(plantedGradientScale),
                                                 tensor: plantedTensor)
            return result(dtype, checking: &objective, with: checker)
        case .double:
            var objective = PlantedGradientScale(objective(Double.self), factor: plantedGradientScale,
                                                 tensor: plantedTensor)
            return result(dtype, checking: &objective, with: checker)
        }
    }

    func result<Model: GradientCheckable>(_ dtype: DType, checking model: inout Model,
                                          with checker: GradientChecker) -> TrialResult {
        var result = TrialResult(spec: self, dtype: dtype, check: try! checker.check(&model, seed: trialSeed))
        if trainSteps > 0 {
            model.descend(steps: trainSteps, learningRate: learningRate)
            let loss = model.loss()
            if model.parameters.allSatisfy(\.isFinite) && loss.isFinite {
                result.trained = try! checker.check(&model, seed: trialSeed)
            } else {
                result.descentNote = "\(trainSteps) descent steps with α = \(learningRate) diverged (L = \(loss)): "
                    + "no second check; lower --learning-rate"
            }
        }
        return result
    }
}
