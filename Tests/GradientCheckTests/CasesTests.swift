import GradientCheck
import NeuralNetwork
import RealModule
import Testing

/// The cases of ../shared/cases/README.md, each test named after its id.
@Suite struct CasesTests {
    /// K01: the cross-entropy output delta `a − y` used with MSE fails; with BCE it passes.
    @Test(arguments: [DType.float, .double])
    func K01(_ dtype: DType) throws {
        func check(_ loss: Loss, widths: [Int], parameters: [Double]) -> CheckResult {
            switch dtype {
            case .float:
                var model = SeedArticleNetwork<Float>(widths: widths, lossKind: loss, x: [1, 0.5], y: [1], m: 1,
                                                      parameters: parameters.map { Float($0) })
                return try! GradientChecker().check(&model)
            case .double:
                var model = SeedArticleNetwork<Double>(widths: widths, lossKind: loss, x: [1, 0.5], y: [1], m: 1,
                                                       parameters: parameters)
                return try! GradientChecker().check(&model)
            }
        }
        let mse = check(.mse, widths: [2, 1], parameters: [0.3, -0.2, 0.1])
        let W = try #require(mse[tensor: "W1"]), b = try #require(mse[tensor: "b1"])
        #expect(W.verdict == .fail && b.verdict == .fail)
        // True ∂L/∂W = (a − y)·a·(1 − a)·x with z = 0.3: [−0.104031, −0.052016].
        #expect(abs(W.elements[0].numerical - -0.104031) < 1e-5)
        #expect(abs(W.elements[1].numerical - -0.052016) < 1e-5)
        #expect(abs(b.elements[0].numerical - -0.104031) < 1e-5)
        #expect(abs(W.elements[0].analytic - -0.425557) < 1e-5)
        #expect(abs(W.elements[0].relativeError - 0.7555) < 1e-3)

        let twoLayer = check(.mse, widths: [2, 3, 1], parameters: normals(13, sigma: 0.7))
        for name in ["W1", "b1", "W2", "b2"] { #expect(twoLayer[tensor: name]?.verdict == .fail, "\(name)") }

        let bce = check(.binaryCrossEntropy, widths: [2, 1], parameters: [0.3, -0.2, 0.1])
        #expect(bce.verdict == .pass)
    }

    /// K02: a correct Float network passes, natively and against the wider oracle; the step and
    /// tolerance follow the type the loss is differentiated in.
    @Test func K02() throws {
        let parameters = normals(4 * 8 + 8 + 8 * 3 + 3)
        let x = normals(5 * 4, offset: 11), y = normals(5 * 3, offset: 23)
        var float = try objective(Float.self, widths: [4, 8, 3], activations: [.tanh, .identity], loss: .mse,
                                  parameters: parameters, m: 5, x: x, y: y)
        var double = try objective(Double.self, widths: [4, 8, 3], activations: [.tanh, .identity], loss: .mse,
                                   parameters: parameters, m: 5, x: x, y: y)
        let f = try GradientChecker(oracle: .native).check(&float)
        let wide = try GradientChecker().check(&float)
        let d = try GradientChecker().check(&double)
        #expect(f.verdict == .pass)
        #expect(wide.verdict == .pass)
        #expect(d.verdict == .pass)
        // The native Float step is (3ε)^(1/3) ≈ 7.1e-3 relative within a factor √2 (power-of-two
        // rounding); the wider oracle's is Double's 8.7e-6.
        for (result, expected) in [(f, 7.1e-3), (wide, 8.7e-6)] {
            let step = try #require(result.tensors.first?.elements.first?.returnedStep)
            let theta = try #require(result.tensors.first?.elements.first?.theta)
            let relative = step / max(abs(theta), 1)
            #expect(relative > expected / 2.0.squareRoot() && relative < expected * 2.0.squareRoot())
        }
    }

    /// K03: a step below Float's resolution at θ = 1.5 is detected and enlarged to one the dtype resolves.
    @Test func K03() throws {
        struct Square: GradientCheckable {
            var parameters: [Float] = [1.5]
            var parameterTensors: [ParameterTensor] { [ParameterTensor(name: "θ", shape: [1], offset: 0)] }
            func loss() -> Float { parameters[0] * parameters[0] }
            func lossAndGradient() -> (loss: Float, gradient: [Float]) { (loss(), [2 * parameters[0]]) }
        }
        var model = Square()
        // Relative step 1e-8 at |θ| = 1.5: θ ± h rounds back to θ in Float.
        let result = try GradientChecker(relativeStep: 1e-8).check(&model)
        let element = try #require(result.tensors.first?.elements.first)
        #expect(element.stepEnlarged)
        #expect(Float(1.5 + element.returnedStep / 2) != 1.5)
        #expect(element.numerical != 0)
        #expect(abs(element.numerical - 3) <= element.errorEstimate * 4)
        // A 4-ulp step leaves a round-off error estimate near |a| = 3 itself: a bug of that
        // size would pass too, so the honest verdict is INCONCLUSIVE, never FAIL.
        #expect(element.verdict == .inconclusive)
        #expect(element.reason?.contains("below resolution") == true)
    }

    /// K04: a pre-activation exactly on the ReLU kink gives KINK, not FAIL; other entries PASS.
    @Test func K04() throws {
        // W1 [2 × 2] row-major: column 0 = [0.5, 0.5] (z1[0] = 0), column 1 = [0.3, −0.2].
        var model = try objective(Double.self, widths: [2, 2, 1], activations: [.relu, .identity], loss: .mse,
                                  parameters: [0.5, 0.3, 0.5, -0.2, /* b1 */ 0, 0.1, /* W2 */ 1, 0.5, /* b2 */ 0],
                                  m: 1, x: [1, -1], y: [1])
        let result = try GradientChecker().check(&model)
        let W1 = try #require(result[tensor: "W1"]), b1 = try #require(result[tensor: "b1"])
        #expect(W1.elements.filter { $0.index[1] == 0 }.allSatisfy { $0.verdict == .kink })
        #expect(b1.elements[0].verdict == .kink)
        #expect(W1.elements.filter { $0.index[1] == 1 }.allSatisfy { $0.verdict == .pass })
        #expect(b1.elements[1].verdict == .pass)
        #expect(result.verdict == .kink)
        let kinked = b1.elements[0]
        let (left, right) = (try #require(kinked.leftDerivative), try #require(kinked.rightDerivative))
        #expect(left != right)
        #expect(kinked.analytic >= min(left, right) - kinked.allowed && kinked.analytic <= max(left, right) + kinked.allowed)
    }

    /// K05: a naive BCE whose loss overflows to +inf is NON-FINITE, never PASS; the softplus BCE
    /// of the core network on the same input gives L = 40 and PASS.
    @Test func K05() throws {
        struct NaiveBCE: GradientCheckable {
            var parameters: [Double] = [10, 0, 0]  // W = [10, 0]ᵀ, b = 0
            let x: [Double] = [4, 0], y = 0.0
            var parameterTensors: [ParameterTensor] {
                [ParameterTensor(name: "W1", shape: [2, 1], offset: 0), ParameterTensor(name: "b1", shape: [1], offset: 2)]
            }
            var a: Double { 1 / (1 + .exp(-(x[0] * parameters[0] + x[1] * parameters[1] + parameters[2]))) }
            func loss() -> Double { -y * .log(a) - (1 - y) * .log(1 - a) }
            func lossAndGradient() -> (loss: Double, gradient: [Double]) {
                (loss(), [(a - y) * x[0], (a - y) * x[1], a - y])
            }
        }
        var naive = NaiveBCE()
        let naiveResult = try GradientChecker().check(&naive)
        #expect(naiveResult.loss == .infinity)
        #expect(naiveResult.verdict == .nonFinite)
        #expect(naiveResult.tensors.allSatisfy { $0.verdict == .nonFinite })

        var stable = try objective(Double.self, widths: [2, 1], activations: [.sigmoid], loss: .binaryCrossEntropy,
                                   parameters: [10, 0, 0], m: 1, x: [4, 0], y: [0])
        let stableResult = try GradientChecker().check(&stable)
        #expect(stableResult.loss == 40)
        #expect(stableResult.verdict == .pass)
    }

    /// K06: a dead ReLU unit gives exact zeros on both sides (a match, relative error 0, not
    /// NaN; INCONCLUSIVE rather than PASS, since a zero certifies nothing), and a doubled dW2
    /// still fails.
    @Test func K06() throws {
        let W1 = [0.8, -0.5, 0.3, 0.2, /* row 2 */ 0.4, 0.9, -0.6, 0.1]
        let b1 = [0.1, 0.2, 0.3, -10]   // unit 3: z ≤ 0.3 − 10 < 0 on every row
        let W2 = [0.7, -0.4, 0.5, 0.9], b2 = [0.05]
        var model = DoubledTensor(base: try objective(
            Double.self, widths: [2, 4, 1], activations: [.relu, .identity], loss: .mse,
            parameters: W1 + b1 + W2 + b2, m: 3, x: [1, 0.5, -0.3, 0.8, 0.6, -0.2], y: [0.5, -0.1, 0.3]),
            tensor: "W2")
        let result = try GradientChecker().check(&model)
        let dW2 = try #require(result[tensor: "W2"])
        #expect(dW2.verdict == .fail)
        let dead = dW2.elements[3]
        #expect(dead.analytic == 0 && dead.numerical == 0)
        #expect(dead.relativeError == 0)
        #expect(dead.verdict == .inconclusive && dead.reason?.contains("both sides exactly 0") == true)
        #expect(result[tensor: "W1"]?.verdict == .pass)
        #expect(result[tensor: "W1"]!.elements.filter { $0.index[1] == 3 }
            .allSatisfy { $0.analytic == 0 && $0.verdict == .inconclusive })
    }

    /// K08: a missing factor 2 (`(o − y)/m` for `(1/m)·Σ‖o − y‖²`) fails with ratio 0.5.
    @Test func K08() throws {
        struct MissingTwo: GradientCheckable {
            var parameters = normals(3 * 2 + 2, sigma: 0.6)
            let x = normals(4 * 3, offset: 17), y = normals(4 * 2, offset: 31)
            let m = 4
            var parameterTensors: [ParameterTensor] {
                [ParameterTensor(name: "W1", shape: [3, 2], offset: 0), ParameterTensor(name: "b1", shape: [2], offset: 6)]
            }
            func output() -> [Double] {
                (0..<m * 2).map { i in
                    let (r, j) = (i / 2, i % 2)
                    return (0..<3).reduce(parameters[6 + j]) { $0 + x[r * 3 + $1] * parameters[$1 * 2 + j] }
                }
            }
            func loss() -> Double { zip(output(), y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(m) }
            func lossAndGradient() -> (loss: Double, gradient: [Double]) {
                let delta = zip(output(), y).map { ($0 - $1) / Double(m) }   // the bug: should be 2(o − y)/m
                var g = [Double](repeating: 0, count: 8)
                for r in 0..<m {
                    for j in 0..<2 {
                        for k in 0..<3 { g[k * 2 + j] += x[r * 3 + k] * delta[r * 2 + j] }
                        g[6 + j] += delta[r * 2 + j]
                    }
                }
                return (loss(), g)
            }
        }
        var model = MissingTwo()
        let result = try GradientChecker().check(&model)
        for name in ["W1", "b1"] {
            let tensor = try #require(result[tensor: name])
            #expect(tensor.verdict == .fail)
            let worst = try #require(tensor.worst)
            #expect(abs(worst.ratio - 0.5) < 1e-6)
        }
    }

    /// K11: the check restores θ bitwise (−0.0 included) and is repeatable.
    @Test func K11() throws {
        var parameters = normals(3 * 4 + 4 + 4 * 2 + 2, sigma: 0.8)
        parameters[5] = -0.0
        var model = try objective(Double.self, widths: [3, 4, 2], activations: [.tanh, .tanh], loss: .mse,
                                  parameters: parameters, m: 2, x: normals(6, offset: 40), y: normals(4, offset: 50))
        let before = model.parameters
        let first = try GradientChecker().check(&model)
        #expect(model.parameters.map(\.bitPattern) == before.map(\.bitPattern))
        #expect(model.parameters[5].sign == .minus)
        let second = try GradientChecker().check(&model)
        #expect(first == second)
        #expect(first.verdict == .pass)
    }

    /// K12: the numerical side differentiates exactly the loss that seeds backprop.
    @Test func K12() throws {
        var model = try objective(Double.self, widths: [2, 1], activations: [.identity], loss: .mse,
                                  parameters: [0.34, 0.56, 0.54], m: 1, x: [1, 0], y: [0.1056])
        let result = try GradientChecker().check(&model)
        #expect(result.verdict == .pass)
        #expect(result.notes.isEmpty)
        let W = try #require(result[tensor: "W1"]), b = try #require(result[tensor: "b1"])
        #expect(abs(W.elements[0].analytic - 0.7744) < 1e-12 && abs(W.elements[0].numerical - 0.7744) < 1e-9)
        #expect(W.elements[1].analytic == 0 && abs(W.elements[1].numerical) < 1e-12)
        #expect(abs(b.elements[0].analytic - 0.7744) < 1e-12 && abs(b.elements[0].numerical - 0.7744) < 1e-9)

        // A model whose loss() is not the loss backprop starts from is flagged, not passed.
        struct OtherScalar: GradientCheckable {
            var base: NetworkObjective<Double>
            var parameterTensors: [ParameterTensor] { base.parameterTensors }
            var parameters: [Double] { get { base.parameters } set { base.parameters = newValue } }
            func loss() -> Double { 2 * base.loss() }
            func lossAndGradient() -> (loss: Double, gradient: [Double]) { base.lossAndGradient() }
        }
        var other = OtherScalar(base: model)
        let flagged = try GradientChecker().check(&other)
        #expect(flagged.verdict == .harnessError && flagged.wholeCheckVerdict == .harnessError)
        #expect(flagged.notes.contains { $0.contains("different scalars") })
    }
}

/// Wraps a model and doubles the analytic gradient of one tensor: a planted bug.
struct DoubledTensor<Base: GradientCheckable>: GradientCheckable {
    var base: Base
    var tensor: String
    var parameterTensors: [ParameterTensor] { base.parameterTensors }
    var parameters: [Base.Scalar] { get { base.parameters } set { base.parameters = newValue } }
    func loss() -> Base.Scalar { base.loss() }
    func kinkPattern() -> [Int8]? { base.kinkPattern() }
    func lossAndGradient() -> (loss: Base.Scalar, gradient: [Base.Scalar]) {
        var (loss, gradient) = base.lossAndGradient()
        let t = parameterTensors.first { $0.name == tensor }!
        for i in t.offset..<t.offset + t.count { gradient[i] *= 2 }
        return (loss, gradient)
    }
}
