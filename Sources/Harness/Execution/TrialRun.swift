import GradientCheck
import RealModule

extension RunDescription {
    /// Checks `spec` in `dtype` as this run checks its trials (`settings(_:)`).
    public func rerun(_ spec: TrialSpec, _ dtype: DType) -> TrialResult {
        spec.run(dtype, settings: settings(dtype))
    }
}

extension TrialSpec {
    /// Builds this trial's network in `dtype`, wraps it in the settings' planted bug if there is
    /// one, and checks it with `settings` (in their mode; fast mode's directions drawn from
    /// `trialSeed`); with `trainSteps > 0`, descends that many steps along the model's own
    /// analytic gradient and checks again (bugs that only show once the weights move off their
    /// initial scale).
    public func run(_ dtype: DType, settings: CheckSettings) -> TrialResult {
        dtype.dispatch(TrialCheck(spec: self, dtype: dtype, settings: settings))
    }
}

/// `TrialSpec.run` in the dtype's static types.
struct TrialCheck: DTypeVisitor {
    let spec: TrialSpec
    let dtype: DType
    let settings: CheckSettings

    func visit<Checked: Real & BinaryFloatingPoint & Sendable>(_: Checked.Type) -> TrialResult {
        let objective = spec.objective(Checked.self)
        guard let planted = settings.planted else {
            var model = objective
            return result(checking: &model)
        }
        var model = PlantedGradientScale(objective, factor: Checked(planted.scale), tensor: planted.tensor,
                                         element: planted.element, scalesHessianVectorProduct: settings.order == 2)
        return result(checking: &model)
    }

    func result<Model: GradientCheckable>(checking model: inout Model) -> TrialResult {
        let checker = settings.checker
        // The network objective keeps the protocol's contract, so check cannot throw.
        var result = TrialResult(spec: spec, dtype: dtype, settings: settings,
                                 check: try! checker.check(&model, seed: spec.trialSeed))
        if spec.trainSteps > 0 {
            model.descend(steps: spec.trainSteps, learningRate: spec.learningRate)
            let loss = model.loss()
            if model.parameters.allSatisfy(\.isFinite) && loss.isFinite {
                result.trained = try! checker.check(&model, seed: spec.trialSeed)
            } else {
                result.descentNote = "\(spec.trainSteps) descent steps with α = \(spec.learningRate) diverged (L = \(loss.isNaN ? "nan" : "\(loss)")): "
                    + "no second check; lower the learning rate"
            }
        }
        return result
    }
}
