@testable import GradientCheck
import NeuralNetwork
import Testing

/// Fast mode (`CheckMode.fast`, `DirectionalCheck.swift`): directions, verdicts, escalation.
@Suite struct DirectionalCheckTests {
    static let fast = GradientChecker(mode: .fast(directions: CheckMode.defaultDirections))

    /// Correct networks pass in fast mode, mostly without any element compared; a check that
    /// is escalated ends as the full check does.
    @Test(arguments: DType.allCases, [(Activation.tanh, Loss.mse), (.sigmoid, .binaryCrossEntropy),
                                      (.softplus, .softmaxCrossEntropy), (.leakyReLU, .mse), (.relu, .softmaxCrossEntropy)])
    func correctNetworksPass(_ dtype: DType, _ pair: (Activation, Loss)) {
        let options = TrialOptions(activation: pair.0, loss: pair.1, seed: 5)
        var screened = 0
        for index in 0..<20 {
            let spec = TrialGenerator.trial(index, options: options)
            let result = spec.run(dtype, checker: Self.fast)
            #expect(result.verdict.isAcceptable, "trial \(index): \(result.check.notes)")
            #expect(result.check.directions?.elements.count == CheckMode.defaultDirections + 1)
            if result.check.tensors.isEmpty {
                screened += 1
                #expect(result.check.verdict == .pass && result.check.directions?.verdict == .pass)
            } else {
                #expect(result.check.verdict == spec.run(dtype, checker: GradientChecker()).check.verdict)
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
            let result = spec.run(dtype, checker: Self.fast, plantedGradientScale: 1.06)
            let full = spec.run(dtype, checker: GradientChecker(), plantedGradientScale: 1.06)
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
        let result = spec.run(dtype, checker: Self.fast, plantedGradientScale: 1.06, plantedTensor: "W2")
        #expect(result.verdict == .fail)
        let failing = result.check.tensors.filter { !$0.verdict.isAcceptable }.map(\.tensor.name)
        #expect(failing == ["W2"])
        let worst = try #require(result.check[tensor: "W2"]?.worst)
        #expect(worst.verdict == .fail && abs(worst.ratio - 1.06) < 0.01)
    }

    /// NaN in the loss is NON-FINITE, never PASS; so is a NaN at a directional stencil point that
    /// no per-element stencil meets (the direction's verdict stands after escalation).
    @Test func nonFiniteIsNeverPass() throws {
        var nan = try objective(Double.self, widths: [2, 2], activations: [.tanh], loss: .mse, parameters: normals(6),
                                m: 2, x: [0.5, .nan, 0.1, 0.2], y: normals(4, offset: 3))
        #expect(try Self.fast.check(&nan, seed: 7).verdict == .nonFinite)

        var model = Excursion(base: try objective(Double.self, widths: [2, 2], activations: [.tanh], loss: .mse,
                                                  parameters: normals(6), m: 2, x: normals(4, offset: 9), y: normals(4, offset: 3)),
                              bump: .nan)
        #expect(try GradientChecker().check(&model).verdict == .pass)
        let result = try Self.fast.check(&model, seed: 7)
        #expect(result.verdict == .nonFinite)
        #expect(result.directions?.elements.allSatisfy { $0.verdict == .nonFinite } == true)
        #expect(!result.tensors.isEmpty)
    }

    /// A directional FAIL that the elements do not confirm is not a silent PASS: the direction
    /// becomes INCONCLUSIVE with the reason, the notes say so, and the verdict is the elements'.
    @Test func unconfirmedDirectionalFailIsReported() throws {
        var model = Excursion(base: try objective(Double.self, widths: [2, 2], activations: [.tanh], loss: .mse,
                                                  parameters: normals(6), m: 2, x: normals(4, offset: 9), y: normals(4, offset: 3)),
                              bump: 0.5)
        let full = try GradientChecker().check(&model)
        let result = try Self.fast.check(&model, seed: 7)
        #expect(full.verdict == .pass && result.verdict == .pass)
        let directions = try #require(result.directions?.elements)
        #expect(directions.contains { $0.verdict == .inconclusive && $0.reason?.contains("not confirmed") == true })
        #expect(!directions.contains { $0.verdict == .fail })
        #expect(result.notes.contains { $0.contains("not confirmed by the per-element check") })
        #expect(result.tensors == full.tensors)
    }

    /// A ReLU unit exactly on its kink (`z = 0`) cannot be stepped around: the check is
    /// escalated to the per-element check, whose KINK judgement decides.
    @Test func kinkEscalates() throws {
        var model = try objective(Double.self, widths: [1, 1], activations: [.relu], loss: .mse,
                                  parameters: [1, 0], m: 1, x: [0], y: [-1])
        let full = try GradientChecker().check(&model)
        let result = try Self.fast.check(&model, seed: 3)
        #expect(result.notes.contains { $0.contains("escalated") && $0.contains("cross a kink") })
        // The random directions; the gradient is 0 here (relu'(0) = 0), so there is no gradient direction.
        let directions = try #require(result.directions?.elements)
        #expect(directions.dropLast().allSatisfy { $0.reason?.hasPrefix(GradientChecker.kinkCrossing) == true })
        #expect(directions.last?.reason?.contains("no gradient direction") == true)
        #expect(result.tensors == full.tensors && result.verdict == full.verdict)
        #expect(result.verdict == .kink)
    }

    /// A kink near θ but not on it is stepped around (a smaller step), and the check passes
    /// without escalation.
    @Test func nearbyKinkIsSteppedAround() throws {
        var model = try objective(Double.self, widths: [1, 1], activations: [.relu], loss: .mse,
                                  parameters: [1, 2e-6], m: 1, x: [0], y: [-1])
        let result = try Self.fast.check(&model, seed: 3)
        #expect(result.tensors.isEmpty && result.verdict == .pass)
        let h = StepSize.realised(for: 0.0, relative: StepSize.defaultRelativeStep(epsilon: Double.ulpOfOne)).h
        #expect(result.directions?.elements.allSatisfy { $0.step < h } == true)
    }

    /// `lossEvaluations` counts GSL's evaluations: 4 or 8 per direction (the random ones and the
    /// gradient's), plus the per-element check's when escalated.
    @Test func lossEvaluationsAreCounted() throws {
        let spec = TrialGenerator.trial(0, options: TrialOptions(activation: .tanh, loss: .mse))
        var model = spec.objective(Double.self)
        let k = CheckMode.defaultDirections + 1
        let passed = try Self.fast.check(&model, seed: spec.trialSeed)
        #expect(passed.tensors.isEmpty)
        #expect((4 * k...8 * k).contains(passed.lossEvaluations))

        var planted = PlantedGradientScale(spec.objective(Double.self), factor: 1.06)
        let failed = try Self.fast.check(&planted, seed: spec.trialSeed)
        let full = try GradientChecker().check(&planted)
        #expect(!failed.tensors.isEmpty)
        #expect((4 * k...8 * k).contains(failed.lossEvaluations - full.lossEvaluations))
    }

    /// The same seed gives the same result; the full check ignores the seed.
    @Test func deterministic() throws {
        let spec = TrialGenerator.trial(4, options: TrialOptions())
        for dtype in DType.allCases {
            #expect(spec.run(dtype, checker: Self.fast) == spec.run(dtype, checker: Self.fast))
        }
        var model = spec.objective(Float.self)
        #expect(try GradientChecker().check(&model, seed: 1) == GradientChecker().check(&model, seed: 2))
    }

    /// `‖u‖₂ = 1`, each of the `T` tensors' blocks has norm `1/√T`, parameters move in proportion
    /// to `max(|θ|, 1)`, and direction `j` is the same for Float and Double θ and whatever the
    /// number of directions.
    @Test func directions() {
        let spec = TrialGenerator.trial(2, options: TrialOptions(saturationShare: 1))
        let tensors = spec.objective(Double.self).parameterTensors
        let theta = spec.parameters
        let u = Direction(index: 1, seed: spec.trialSeed, theta: theta, tensors: tensors).u
        #expect(abs(u.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        for tensor in tensors {
            let block = u[tensor.offset..<tensor.offset + tensor.count]
            #expect(abs(block.reduce(0) { $0 + $1 * $1 } - 1 / Double(tensors.count)) < 1e-12)
            let ratios = block.indices.map { abs(u[$0]) / max(abs(theta[$0]), 1) }
            #expect(ratios.allSatisfy { abs($0 - ratios[0]) < 1e-12 * ratios[0] })
        }
        #expect(u == Direction(index: 1, seed: spec.trialSeed, theta: theta.map { Float($0) }, tensors: tensors).u)
        #expect(u != Direction(index: 0, seed: spec.trialSeed, theta: theta, tensors: tensors).u)
        #expect(u != Direction(index: 1, seed: spec.trialSeed &+ 1, theta: theta, tensors: tensors).u)
        let signs = u.map { $0 > 0 }
        #expect(signs.filter { $0 }.count > u.count / 4 && signs.filter { !$0 }.count > u.count / 4)
    }
}

/// `base`, except that `loss()` adds `bump·Σ(θ_i − θ⁰_i)` (or is `bump`, for a non-finite
/// bump) whenever two or more parameters differ from `θ⁰`: a change that every per-element
/// stencil misses (it moves one parameter) and every directional stencil meets.
struct Excursion: GradientCheckable {
    var base: NetworkObjective<Double>
    let origin: [Double]
    let bump: Double

    init(base: NetworkObjective<Double>, bump: Double) {
        self.base = base
        self.origin = base.parameters
        self.bump = bump
    }

    var parameterTensors: [ParameterTensor] { base.parameterTensors }
    var parameters: [Double] { get { base.parameters } set { base.parameters = newValue } }
    func loss() -> Double {
        let moved = zip(parameters, origin).filter { $0 != $1 }.count
        guard moved >= 2 else { return base.loss() }
        return bump.isFinite ? base.loss() + bump * zip(parameters, origin).reduce(0) { $0 + $1.0 - $1.1 } : bump
    }
    func lossAndGradient() -> (loss: Double, gradient: [Double]) { base.lossAndGradient() }
}
