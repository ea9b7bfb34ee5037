import GradientCheck
import Harness
import NeuralNetwork
import Testing

/// Fast mode on the harness's trials: correct networks pass by directions alone, and a planted
/// bug fails as full mode fails it.
@Suite struct FastModeTrialTests {
    static let fast = CheckMode.fast(directions: CheckMode.defaultDirections)

    /// Correct networks pass in fast mode, mostly without any element compared; a check that
    /// is escalated ends as the full check does.
    @Test(arguments: DType.allCases, [(Activation.tanh, Loss.mse), (.sigmoid, .binaryCrossEntropy),
                                      (.softplus, .softmaxCrossEntropy), (.leakyReLU, .mse), (.relu, .softmaxCrossEntropy)])
    func correctNetworksPass(_ dtype: DType, _ pair: (Activation, Loss)) {
        let options = TrialOptions(activation: pair.0, loss: pair.1, seed: 5)
        var screened = 0
        for index in 0..<20 {
            let spec = TrialGenerator.trial(index, options: options)
            let result = spec.run(dtype, settings: CaseRun.defaults(dtype, mode: Self.fast))
            #expect(result.verdict.isAcceptable, "trial \(index): \(result.check.notes)")
            #expect(result.check.directions?.elements.count == CheckMode.defaultDirections + 1)
            if result.check.tensors.isEmpty {
                screened += 1
                #expect(result.check.verdict == .pass && result.check.directions?.verdict == .pass)
            } else {
                #expect(result.check.verdict == spec.run(dtype, settings: CaseRun.defaults(dtype)).check.verdict)
            }
        }
        #expect(screened >= 15, "only \(screened) of 20 checks passed by directions alone")
    }

    /// A planted 6 % error fails in fast mode, and the escalated report names the failing
    /// elements as full mode does; on one tensor only, that tensor is the one that fails.
    @Test(arguments: DType.allCases)
    func plantedErrorFailsWithItsWorstElement(_ dtype: DType) throws {
        for index in 0..<20 {
            let spec = TrialGenerator.trial(index, options: TrialOptions())
            let result = spec.run(dtype, settings: CaseRun.defaults(dtype, mode: Self.fast, planted: PlantedBug(scale: 1.06, tensor: nil)))
            let full = spec.run(dtype, settings: CaseRun.defaults(dtype, planted: PlantedBug(scale: 1.06, tensor: nil)))
            #expect(result.verdict == full.verdict, "trial \(index)")
            guard result.verdict == .fail else { continue }
            #expect(result.check.tensors.map(\.verdict) == full.check.tensors.map(\.verdict))
            #expect(result.check.tensors.map(\.worst) == full.check.tensors.map(\.worst))
            // Escalated because a direction FAILs, or (rarely, in Float) because none is resolved.
            #expect(result.check.notes.contains { $0.contains("escalated to the per-element check") })
            let directions = result.check.directions?.elements ?? []
            #expect(directions.contains { $0.verdict == .fail } || directions.allSatisfy { $0.verdict == .inconclusive })
        }
        let spec = TrialGenerator.trial(3, options: TrialOptions())
        let result = spec.run(dtype, settings: CaseRun.defaults(dtype, mode: Self.fast, planted: PlantedBug(scale: 1.06, tensor: "W2")))
        #expect(result.verdict == .fail)
        let failing = result.check.tensors.filter { !$0.verdict.isAcceptable }.map(\.tensor.name)
        #expect(failing == ["W2"])
        let worst = try #require(result.check[tensor: "W2"]?.worst)
        #expect(worst.verdict == .fail && abs(worst.ratio - 1.06) < 0.01)
    }
}
