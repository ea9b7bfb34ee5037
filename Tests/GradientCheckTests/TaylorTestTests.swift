import GradientCheck
import NeuralNetwork
import Testing

/// The Taylor test (`TaylorTest`) on drawn trials: right derivatives give orders 1, 2, 3 and a
/// PASS; a gradient off by 0.1 % gives r₂ order 1 and a FAIL.
@Suite struct TaylorTestTests {
    static func evaluate(_ index: Int, float: Bool, factor: Double = 1) -> TaylorResult {
        let spec = TrialGenerator.trial(index, options: TrialOptions())
        if float {
            return TaylorTest().run(PlantedGradientScaleForTests(spec.objective(Float.self), factor: Float(factor)),
                                    evaluator: spec.objective(Double.self), seed: spec.trialSeed)
        }
        return TaylorTest().run(PlantedGradientScaleForTests(spec.objective(Double.self), factor: factor),
                                evaluator: spec.objective(ReferenceScalar.self), seed: spec.trialSeed)
    }

    @Test(arguments: [false, true])
    func rightDerivativesPass(float: Bool) {
        var orders: [[Double]] = [[], [], []]
        for index in 0..<40 {
            let result = Self.evaluate(index, float: float)
            #expect(result.verdict.isAcceptable, "trial \(index): \(result.verdict) \(result.reason ?? "")")
            for k in 1...3 { if let order = result.fit(k)?.order { orders[k - 1].append(order) } }
        }
        let medians = orders.map { $0.sorted()[$0.count / 2] }
        for k in 0..<3 { #expect(abs(medians[k] - Double(k + 1)) < 0.05, "r\(k + 1): median order \(medians[k])") }
        #expect(orders[1].count >= 36, "r₂ fitted on \(orders[1].count) of 40 trials")
    }

    /// 0.1 % in Double, 1 % in Float: Float's rounding of `gᵀv` (its running error bound) hides
    /// smaller errors along a random `v` on some trials, as it should.
    @Test(arguments: [(false, 1.001), (true, 1.01)])
    func scaledGradientFails(float: Bool, factor: Double) {
        var failed = 0
        for index in 0..<40 where Self.evaluate(index, float: float, factor: factor).verdict == .fail { failed += 1 }
        #expect(failed >= 39, "\(failed) of 40")
    }
}

/// `g·factor`, every other member the base's (Harness has the real one; this module's tests
/// cannot import it).
struct PlantedGradientScaleForTests<Base: GradientCheckable>: GradientCheckable {
    var base: Base
    let factor: Base.Scalar
    init(_ base: Base, factor: Base.Scalar) { (self.base, self.factor) = (base, factor) }
    var parameterTensors: [ParameterTensor] { base.parameterTensors }
    var parameters: [Base.Scalar] {
        get { base.parameters }
        set { base.parameters = newValue }
    }
    func loss() -> Base.Scalar { base.loss() }
    func lossAndGradient() -> (loss: Base.Scalar, gradient: [Base.Scalar]) {
        let (l, g) = base.lossAndGradient()
        return (l, g.map { $0 * factor })
    }
    func kinkPattern() -> [Int8]? { base.kinkPattern() }
    func gradientRoundingBound() -> [Double]? { base.gradientRoundingBound() }
    func hessianVectorProduct(_ v: [Base.Scalar]) -> [Base.Scalar]? { base.hessianVectorProduct(v) }
    func hessianVectorRoundingBound(_ v: [Base.Scalar]) -> [Double]? { base.hessianVectorRoundingBound(v) }
}

/// Both second-order verdicts at a ReLU kink: a hidden unit with `z = 0` exactly at θ, so every
/// `θ + εv` (and every stencil point along `v`) is on another side of it.
@Suite struct SecondOrderKinkTests {
    /// widths 1-2-1, x = 3: `z₀ = 0.5·3 − 1.5 = 0` exactly; MSE through an identity output. The
    /// weights differ in magnitude so that no direction's `x·v_W + v_b` can cancel.
    static func atKink() throws -> NetworkObjective<Double> {
        let network = try Network<Double>(widths: [1, 2, 1], activations: [.relu, .identity], loss: .mse,
                                          parameters: [0.5, -0.75, -1.5, 0.25, 1.5, -2, 0.125])
        return NetworkObjective(network: network, batch: try network.batch(m: 1, x: [3], y: [0.25]))
    }

    @Test func taylorSaysKink() throws {
        let model = try Self.atKink()
        let result = TaylorTest().run(model, evaluator: model.converted(to: ReferenceScalar.self), seed: 3)
        #expect(result.verdict == .kink, "\(result.verdict): \(result.reason ?? "")")
        #expect(result.points.allSatisfy { $0.crossesKink })
    }

    @Test func secondOrderCheckSaysKink() throws {
        var model = try Self.atKink()
        let result = try GradientChecker(order: 2).check(&model, seed: 3)
        #expect(result.verdict == .kink, "\(result.verdict)")
        let kinked = result.tensors.flatMap(\.elements).filter { $0.verdict == .kink }
        #expect(!kinked.isEmpty && kinked.allSatisfy { $0.leftDerivative != nil && $0.rightDerivative != nil })
        #expect(result.tensors.flatMap(\.elements).allSatisfy { $0.verdict.isAcceptable })
    }

    /// Away from the kink (x = 4, z₀ = 0.5) the same network passes both, element by element.
    @Test func offTheKinkBothPass() throws {
        let network = try Network<Double>(widths: [1, 2, 1], activations: [.relu, .identity], loss: .mse,
                                          parameters: [0.5, -0.75, -1.5, 0.25, 1.5, -2, 0.125])
        var model = NetworkObjective(network: network, batch: try network.batch(m: 1, x: [4], y: [0.25]))
        #expect(TaylorTest().run(model, evaluator: model.converted(to: ReferenceScalar.self), seed: 3).verdict == .pass)
        let checked = try GradientChecker(order: 2).check(&model, seed: 3)
        #expect(checked.verdict == .pass, "\(checked.verdict)")
    }
}
