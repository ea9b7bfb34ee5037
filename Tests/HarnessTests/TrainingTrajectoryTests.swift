import GradientCheck
@testable import Harness
import NeuralNetwork
import Testing

/// `--train-steps`: a second check after gradient descent catches bugs that are invisible at
/// the drawn θ.
@Suite struct TrainingTrajectoryTests {
    /// A backprop that reuses the forward pass cached at construction (a stale cache) is
    /// exact at the initial θ and wrong as soon as θ moves.
    struct StaleCache: GradientCheckable {
        var base: NetworkObjective<Double>
        let cached: ForwardPass<Double>
        init(_ base: NetworkObjective<Double>) {
            self.base = base
            cached = base.network.forward(base.batch.x, m: base.batch.m)
        }
        var parameterTensors: [ParameterTensor] { base.parameterTensors }
        var parameters: [Double] { get { base.parameters } set { base.parameters = newValue } }
        func loss() -> Double { base.loss() }
        func lossAndGradient() -> (loss: Double, gradient: [Double]) {
            (base.loss(), base.network.backward(cached, batch: base.batch).gradient)
        }
    }

    @Test func staleCacheShowsOnlyAfterDescent() throws {
        let spec = TrialGenerator.trial(3, options: TrialOptions(layers: 2, activation: .tanh, loss: .mse,
                                                                 saturationShare: 0, seed: 7))
        var model = StaleCache(spec.objective(Double.self))
        #expect(try GradientChecker().check(&model).verdict == .pass)
        model.descend(steps: 5, learningRate: TrialOptions.defaultLearningRate)
        #expect(try GradientChecker().check(&model).verdict == .fail)
    }

    /// Descent through the protocol moves θ downhill, exactly as the core's `train` does.
    @Test func descentMatchesTheCoreTrainingLoop() throws {
        let spec = TrialGenerator.trial(0, options: TrialOptions(layers: 2, activation: .sigmoid, loss: .mse,
                                                                 saturationShare: 0, seed: 3))
        var objective = spec.objective(Double.self)
        var network = objective.network
        let losses = network.train(on: objective.batch, learningRate: 0.1, steps: 4)
        objective.descend(steps: 4, learningRate: 0.1)
        #expect(objective.parameters == network.parameters)
        #expect(objective.loss() < losses[0])
    }

    /// A run with `trainSteps` checks every trial twice; the second check is at the moved θ.
    @Test(arguments: [DType.float, .double])
    func trialsAreCheckedAgainAfterTraining(_ dtype: DType) {
        let options = TrialOptions(layers: 2, trainSteps: 3, seed: 5)
        for index in 0..<5 {
            let result = TrialGenerator.trial(index, options: options).run(dtype, settings: CaseRun.defaults(dtype))
            let trained = result.trained
            #expect(trained != nil)
            #expect(result.checks.map(\.trainStep) == [0, 3])
            #expect(result.verdict.isAcceptable, "trial \(index)")
            let moved = zip(result.check.tensors.flatMap(\.elements), trained?.tensors.flatMap(\.elements) ?? [])
                .contains { $0.theta != $1.theta }
            #expect(moved, "trial \(index): descent did not move θ")
        }
    }
}
