import GradientCheck
import Harness
import NeuralNetwork
import Testing

/// The default settings of a dtype (in `mode`, with a planted bug or none).
enum CaseRun {
    static func defaults(_ dtype: DType, mode: CheckMode = .full, oracle: OracleChoice = .wider,
                         planted: PlantedBug? = nil) -> CheckSettings {
        var settings = CheckSettings.defaults(dtype, mode: mode, oracle: oracle)
        settings.planted = planted
        return settings
    }
}

/// `TrialSpec.run`: a trial built in its dtype's static types, wrapped in the planted bug, and
/// checked with the run's settings.
@Suite struct TrialRunTests {
    let fast = GradientChecker(mode: .fast(directions: CheckMode.defaultDirections))

    /// K04's kind with kinks on both sides of θ within one step (two batch rows cross zero at
    /// θ − 4e-4 and θ + 1.4e-3 in Float): the one-sided stencils must stay on θ's own piece,
    /// or the bounds come from the wrong pieces and a correct gradient FAILs. Native: the
    /// Float step (the wider oracle's Double step is too small to reach those kinks).
    @Test func K04_kinksOnBothSidesOfTheta() {
        let spec = TrialGenerator.trial(2526, options: TrialOptions(layers: 3, seed: 2))
        #expect(spec.widths == [3, 16, 1, 5] && spec.activations.last == .leakyReLU)
        #expect(spec.run(.float, settings: CaseRun.defaults(.float)).check[tensor: "W3"]!.elements[0].verdict == .pass)
        let result = spec.run(.float, settings: CaseRun.defaults(.float, oracle: .native))
        let W3 = result.check[tensor: "W3"]!.elements[0]
        // Not FAIL; and since the one-sided rules' allowed error (0.29) does not resolve the
        // value (0.079), not KINK either: a KINK is evidence only when resolved (issue 20, D6).
        #expect(W3.verdict == .inconclusive && W3.leftDerivative != nil)
        #expect(result.verdict.isAcceptable)
        // A planted 6 % error on the same trial still fails.
        #expect(spec.run(.float, settings: CaseRun.defaults(.float, oracle: .native, planted: PlantedBug(scale: 1.06, tensor: nil))).verdict == .fail)
    }

    /// A 6 % gradient error fails every trial, in Float and in Double.
    @Test(arguments: [DType.float, .double])
    func sixPercentErrorFails(_ dtype: DType) {
        let options = TrialOptions(layers: 2, seed: 11)
        let settings = CaseRun.defaults(dtype)
        let planted = CaseRun.defaults(dtype, planted: PlantedBug(scale: 1.06, tensor: nil))
        for index in 0..<30 {
            let result = TrialGenerator.trial(index, options: options)
                .run(dtype, settings: planted)
            #expect(result.verdict == .fail, "trial \(index)")
            let correct = TrialGenerator.trial(index, options: options).run(dtype, settings: settings)
            #expect(correct.verdict.isAcceptable, "trial \(index)")
        }
    }

    /// `lossEvaluations` counts GSL's evaluations: 4 or 8 per direction (the random ones and the
    /// gradient's), plus the per-element check's when escalated.
    @Test func lossEvaluationsAreCounted() throws {
        let spec = TrialGenerator.trial(0, options: TrialOptions(activation: .tanh, loss: .mse))
        var model = spec.objective(Double.self)
        let k = CheckMode.defaultDirections + 1
        let passed = try fast.check(&model, seed: spec.trialSeed)
        #expect(passed.tensors.isEmpty)
        #expect((4 * k...8 * k).contains(passed.lossEvaluations))

        var planted = PlantedGradientScale(spec.objective(Double.self), factor: 1.06)
        let failed = try fast.check(&planted, seed: spec.trialSeed)
        let full = try GradientChecker().check(&planted)
        #expect(!failed.tensors.isEmpty)
        #expect((4 * k...8 * k).contains(failed.lossEvaluations - full.lossEvaluations))
    }
}
