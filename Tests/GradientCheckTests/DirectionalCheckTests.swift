@testable import GradientCheck
import NeuralNetwork
import Testing

/// Fast mode (`CheckMode.fast`, `DirectionalCheck.swift`): directions, verdicts, escalation.
@Suite struct DirectionalCheckTests {
    static let fast = GradientChecker(mode: .fast(directions: CheckMode.defaultDirections))

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
        let h = StepSize.requestedStep(for: 0.0, relativeStep: StepSize.defaultRelativeStep(epsilon: Double.ulpOfOne)).h
        #expect(result.directions?.elements.allSatisfy { $0.returnedStep < h } == true)
    }

    /// The same seed gives the same result; the full check ignores the seed.
    @Test func deterministic() throws {
        let spec = TrialGenerator.trial(4, options: TrialOptions())
        var float = spec.objective(Float.self), double = spec.objective(Double.self)
        #expect(try Self.fast.check(&float, seed: spec.trialSeed) == Self.fast.check(&float, seed: spec.trialSeed))
        #expect(try Self.fast.check(&double, seed: spec.trialSeed) == Self.fast.check(&double, seed: spec.trialSeed))
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

/// A direction count the check cannot draw is an error, not a trap (`(0...k).map` of
/// `Int.max` directions crashed the process).
@Suite struct DirectionCountTests {
    @Test(arguments: [0, -1, CheckMode.maxDirections + 1, Int.max])
    func outOfRangeCountsThrow(k: Int) throws {
        var model = try NetworkObjective(network: Network<Double>(widths: [2, 1], activations: [.identity], loss: .mse,
                                                                  parameters: [0.5, -0.25, 0.125]),
                                         batch: Batch(m: 1, x: [1, 2], y: [0], inputWidth: 2, outputWidth: 1))
        #expect(throws: CheckError.invalidDirectionCount(k)) { try GradientChecker(mode: .fast(directions: k)).check(&model, seed: 0) }
    }
}
