import GradientCheck
import NeuralNetwork
import RealModule
import Testing

/// The cases of ../shared/cases/README.md whose right verdict is INCONCLUSIVE,
/// NONDETERMINISTIC or HARNESS-ERROR.
extension CasesTests {
    /// K07: a locally constant loss (the sum of softmax probabilities, `m` at every θ) has a
    /// true gradient of 0; both sides are round-off noise. Never FAIL; the check says why.
    @Test func K07() throws {
        var model = SoftmaxProbabilitySum(parameters: normals(3 * 5 + 5).map { Float($0) },
                                          x: normals(4 * 3, offset: 7).map { Float($0) })
        let result = try GradientChecker().check(&model)
        #expect(result.verdict == .inconclusive)
        #expect(result.notes.contains { $0.contains("locally constant") })
        let elements = result.tensors.flatMap(\.elements)
        #expect(elements.allSatisfy { $0.verdict == .inconclusive || ($0.verdict == .pass && $0.analytic == 0 && $0.numerical == 0) })
        #expect(elements.contains { $0.reason?.contains("below resolution") == true })
    }

    /// K10: a saturated sigmoid (z = 50) in Double: σ'(z) rounds to 0, so both sides are exactly
    /// 0 though the true gradient is about 1.2e-20. Not FAIL, and not a silent PASS: INCONCLUSIVE,
    /// naming the saturated unit.
    @Test func K10() throws {
        var model = try objective(Double.self, widths: [1, 1], activations: [.sigmoid], loss: .mse,
                                  parameters: [0.8, 0], m: 1, x: [62.5], y: [0])
        let result = try GradientChecker().check(&model)
        #expect(result.verdict == .inconclusive)
        for element in result.tensors.flatMap(\.elements) {
            #expect(element.verdict == .inconclusive)
            #expect(element.reason?.contains("unit 0 of layer 1 (sigmoid) is saturated") == true)
        }
        // The same unit away from saturation (x = 0.5, z = 0.4) is tested normally.
        var live = try objective(Double.self, widths: [1, 1], activations: [.sigmoid], loss: .mse,
                                 parameters: [0.8, 0], m: 1, x: [0.5], y: [0])
        #expect(try GradientChecker().check(&live).verdict == .pass)
    }

    /// K11 (its HARNESS-ERROR side): a model whose storage rounds what it is given (here to
    /// Float) cannot have θ restored bitwise; the check says so instead of passing.
    @Test func K11_thetaNotRestoredIsHarnessError() throws {
        struct RoundingStorage: GradientCheckable {
            var base: NetworkObjective<Double>
            var parameterTensors: [ParameterTensor] { base.parameterTensors }
            var parameters: [Double] {
                get { base.parameters }
                set { base.parameters = newValue.map { Double(Float($0)) } }
            }
            func loss() -> Double { base.loss() }
            func lossAndGradient() -> (loss: Double, gradient: [Double]) { base.lossAndGradient() }
        }
        let base = try objective(Double.self, widths: [3, 4, 2], activations: [.tanh, .tanh], loss: .mse,
                                 parameters: normals(3 * 4 + 4 + 4 * 2 + 2).map { $0 + 1e-9 }, m: 2,
                                 x: normals(6, offset: 40), y: normals(4, offset: 50))
        var model = RoundingStorage(base: base)
        let result = try GradientChecker().check(&model)
        #expect(result.verdict == .harnessError && result.wholeCheckVerdict == .harnessError)
        #expect(result.notes.contains { $0.contains("θ was not restored bitwise") && $0.contains("could not be put back") })
    }

    /// A loss with state (a counter-driven jitter of 1 ulp, like a cache or an RNG inside the
    /// loss) is NONDETERMINISTIC, with the size of the difference.
    @Test func nondeterministicLoss() throws {
        final class Calls: @unchecked Sendable { var count = 0 }
        struct Jittery: GradientCheckable {
            var base: NetworkObjective<Double>
            let calls = Calls()
            var parameterTensors: [ParameterTensor] { base.parameterTensors }
            var parameters: [Double] { get { base.parameters } set { base.parameters = newValue } }
            func loss() -> Double {
                calls.count += 1
                let l = base.loss()
                return calls.count.isMultiple(of: 2) ? l.nextUp : l
            }
            func lossAndGradient() -> (loss: Double, gradient: [Double]) { base.lossAndGradient() }
        }
        var model = Jittery(base: try objective(Double.self, widths: [2, 2], activations: [.tanh], loss: .mse,
                                                parameters: normals(6), m: 2, x: normals(4, offset: 9), y: normals(4, offset: 3)))
        let result = try GradientChecker().check(&model)
        #expect(result.verdict == .nondeterministic)
        #expect(result.notes.contains { $0.contains("two evaluations of the loss at the same θ differ") && $0.contains("|ΔL| = ") })
    }

    /// A loss that redraws a dropout mask on every call, through the public protocol: the check
    /// is NONDETERMINISTIC before any element, with the evidence (|ΔL|, which call), and shows
    /// no element at all, so nothing computed from the noisy loss reads as a gradient FAIL; its
    /// backprop (without the mask) also differs from `loss()`, yet that is not reported as
    /// HARNESS-ERROR: the noise makes the comparison meaningless. Both oracles.
    @Test(arguments: [OracleChoice.wider, .native])
    func dropoutMaskRedrawnPerCall(_ oracle: OracleChoice) throws {
        var model = Dropout(base: try objective(Float.self, widths: [3, 4, 2], activations: [.tanh, .identity], loss: .mse,
                                                parameters: normals(3 * 4 + 4 + 4 * 2 + 2), m: 2,
                                                x: normals(6, offset: 9), y: normals(4, offset: 3)), mask: DropoutMask())
        let result = try GradientChecker(oracle: oracle).check(&model)
        #expect(result.verdict == .nondeterministic)
        #expect(result.wholeCheckVerdict == .nondeterministic)
        #expect(result.tensors.isEmpty)
        #expect(result.notes.contains { $0.contains("two evaluations of the loss at the same θ differ at θ") && $0.contains("|ΔL| = ") })
        #expect(!result.notes.contains { $0.contains("different scalars") })
        #expect(model.mask.calls > 0)
    }

    /// A backprop whose gradient differs between two passes at one θ (e.g. a racy parallel
    /// reduction) is NONDETERMINISTIC too, even though its loss repeats.
    @Test func nondeterministicGradient() throws {
        final class Calls: @unchecked Sendable { var count = 0 }
        struct Racy: GradientCheckable {
            var base: NetworkObjective<Double>
            let calls = Calls()
            var parameterTensors: [ParameterTensor] { base.parameterTensors }
            var parameters: [Double] { get { base.parameters } set { base.parameters = newValue } }
            func loss() -> Double { base.loss() }
            func lossAndGradient() -> (loss: Double, gradient: [Double]) {
                calls.count += 1
                var (l, g) = base.lossAndGradient()
                if calls.count.isMultiple(of: 2) { g[0] = g[0].nextUp }
                return (l, g)
            }
        }
        var model = Racy(base: try objective(Double.self, widths: [2, 2], activations: [.tanh], loss: .mse,
                                             parameters: normals(6), m: 2, x: normals(4, offset: 9), y: normals(4, offset: 3)))
        let result = try GradientChecker().check(&model)
        #expect(result.verdict == .nondeterministic)
        #expect(result.notes.contains { $0.contains("differ in 1 gradient element") })
    }
}

/// Verdicts order by their position in `allCases` (most severe last), which `severity` gives.
@Test func verdictSeverityIsTheOrderOfAllCases() {
    #expect(Verdict.allCases.map(\.severity) == Array(Verdict.allCases.indices))
    #expect(Verdict.allCases.sorted() == Verdict.allCases)
    #expect(Verdict.allCases.shuffled().max() == .harnessError)
}

/// `L = Σ_rows Σ_j softmax(x·W + b)_j`, which is `m` at every θ: 3 inputs, 5 outputs, m = 4.
/// The analytic gradient is backprop of the softmax Jacobian, `δ_k = p_k·(1 − Σ_j p_j)` per
/// row: 0 in exact arithmetic, round-off in Float.
struct SoftmaxProbabilitySum: GradientCheckable {
    var parameters: [Float]
    let x: [Float]
    let m = 4, fanIn = 3, fanOut = 5
    var parameterTensors: [ParameterTensor] {
        [ParameterTensor(name: "W1", shape: [fanIn, fanOut], offset: 0),
         ParameterTensor(name: "b1", shape: [fanOut], offset: fanIn * fanOut)]
    }

    func probabilities() -> [Float] {
        var p = [Float](repeating: 0, count: m * fanOut)
        for r in 0..<m {
            var z = (0..<fanOut).map { j in
                parameters[fanIn * fanOut + j] + (0..<fanIn).reduce(Float(0)) { $0 + x[r * fanIn + $1] * parameters[$1 * fanOut + j] }
            }
            let top = z.max()!
            z = z.map { Float.exp($0 - top) }
            let sum = z.reduce(0, +)
            for j in 0..<fanOut { p[r * fanOut + j] = z[j] / sum }
        }
        return p
    }

    func loss() -> Float { probabilities().reduce(0, +) }

    func lossAndGradient() -> (loss: Float, gradient: [Float]) {
        let p = probabilities()
        var g = [Float](repeating: 0, count: parameters.count)
        for r in 0..<m {
            let rowSum = p[r * fanOut..<(r + 1) * fanOut].reduce(0, +)
            for j in 0..<fanOut {
                let delta = p[r * fanOut + j] * (1 - rowSum)
                for k in 0..<fanIn { g[k * fanOut + j] += x[r * fanIn + k] * delta }
                g[fanIn * fanOut + j] += delta
            }
        }
        return (loss(), g)
    }
}

/// A dropout mask drawn afresh at each call, from a fixed xorshift sequence (so the test is
/// deterministic while the model is not).
final class DropoutMask: @unchecked Sendable {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    var calls = 0
    /// Each of `count` units kept (×2) or dropped (×0) with probability ½.
    func draw(_ count: Int) -> [Double] {
        calls += 1
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state & 1 == 0 ? 0 : 2
        }
    }
}

/// A network whose `loss()` applies a fresh dropout mask to θ at every call; its wider model
/// shares the mask. Backprop is the plain network's.
struct Dropout<Scalar: Real & BinaryFloatingPoint & Sendable>: GradientCheckable {
    var base: NetworkObjective<Scalar>
    let mask: DropoutMask
    var parameterTensors: [ParameterTensor] { base.parameterTensors }
    var parameters: [Scalar] {
        get { base.parameters }
        set { base.parameters = newValue }
    }
    func loss() -> Scalar {
        var dropped = base
        dropped.parameters = zip(base.parameters, mask.draw(base.parameters.count)).map { $0 * Scalar($1) }
        return dropped.loss()
    }
    func lossAndGradient() -> (loss: Scalar, gradient: [Scalar]) { base.lossAndGradient() }
    func widerModel() -> Dropout<Double>? { Dropout<Double>(base: base.converted(to: Double.self), mask: mask) }
}

