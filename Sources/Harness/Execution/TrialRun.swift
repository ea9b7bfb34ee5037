import GradientCheck
import RealModule

extension TrialSpec {
    /// Builds this trial's network in `dtype`, wraps it in the planted bug if there is one, and
    /// checks it with `settings` (in their mode; fast mode's directions drawn from `trialSeed`);
    /// with `trainSteps > 0`, descends that many steps along the model's own analytic gradient
    /// and checks again (bugs that only show once the weights move off their initial scale).
    public func run(_ dtype: DType, settings: CheckSettings, planted: PlantedBug? = nil) -> TrialResult {
        dtype.dispatch(TrialCheck(spec: self, dtype: dtype, checker: settings.checker, planted: planted))
    }
}

/// `TrialSpec.run` in the dtype's static types.
struct TrialCheck: DTypeVisitor {
    let spec: TrialSpec
    let dtype: DType
    let checker: GradientChecker
    let planted: PlantedBug?

    func visit<Checked: Real & BinaryFloatingPoint & Sendable, Oracle: Real & BinaryFloatingPoint & Sendable>(
        _: Checked.Type, oracle _: Oracle.Type) -> TrialResult {
        let objective = spec.objective(Checked.self)
        guard let planted else {
            var model = objective
            return result(checking: &model)
        }
        var model = PlantedGradientScale(objective, factor: Checked(planted.scale), tensor: planted.tensor)
        return result(checking: &model)
    }

    func result<Model: GradientCheckable>(checking model: inout Model) -> TrialResult {
        // The network objective keeps the protocol's contract, so check cannot throw.
        var result = TrialResult(spec: spec, dtype: dtype, check: try! checker.check(&model, seed: spec.trialSeed))
        if spec.trainSteps > 0 {
            model.descend(steps: spec.trainSteps, learningRate: spec.learningRate)
            let loss = model.loss()
            if model.parameters.allSatisfy(\.isFinite) && loss.isFinite {
                result.trained = try! checker.check(&model, seed: spec.trialSeed)
            } else {
                result.descentNote = "\(spec.trainSteps) descent steps with α = \(spec.learningRate) diverged (L = \(loss)): "
                    + "no second check; lower --learning-rate"
            }
        }
        return result
    }
}
