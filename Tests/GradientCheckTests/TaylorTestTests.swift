import GradientCheck
import NeuralNetwork
import Testing

/// The Taylor test (`TaylorTest`) on drawn trials: right derivatives give orders 1, 2, 3 and a
/// PASS; a gradient off by 0.1 % gives r₂ order 1 and a FAIL. With the network's reference
/// derivatives (the same code in `ReferenceScalar`), as `gradcheck taylor` runs it, and without
/// them, as for a model of the user's (the dtype's values and running error bounds).
@Suite struct TaylorTestTests {
    static func evaluate(_ index: Int, float: Bool, factor: Double = 1, reference: Bool = true) -> TaylorResult {
        let spec = TrialGenerator.trial(index, options: TrialOptions())
        if float {
            let model = PlantedGradientScaleForTests(spec.objective(Float.self), factor: Float(factor), reference: reference)
            return reference ? TaylorTest().run(model, trial: spec) : TaylorTest().run(model, evaluator: spec.objective(Double.self),
                                                                                       seed: spec.trialSeed)
        }
        return TaylorTest().run(PlantedGradientScaleForTests(spec.objective(Double.self), factor: factor, reference: reference),
                                trial: spec)
    }

    @Test(arguments: [(false, true), (true, true), (false, false), (true, false)])
    func rightDerivativesPass(float: Bool, reference: Bool) {
        var orders: [[Double]] = [[], [], []]
        var passed = 0
        for index in 0..<24 {
            let result = Self.evaluate(index, float: float, reference: reference)
            #expect(result.verdict.isAcceptable, "trial \(index): \(result.verdict) \(result.reason ?? "")")
            if result.verdict == .pass { passed += 1 }
            for k in 1...3 { if let order = result.fit(k)?.order { orders[k - 1].append(order) } }
            if reference {
                // The dtype's rounding along v, measured, is within its running error bound.
                #expect(result.dtype.slopeError! <= result.dtype.slopeBound!, "trial \(index)")
            }
        }
        let medians = orders.map { $0.sorted()[$0.count / 2] }
        // Float without its reference resolves r₃ only at large ε, above its floor ε·B_v, where
        // the ε⁴ term still bends it (TaylorAndSecondOrder.md): its median order is not held to 0.05.
        for k in 0..<(float && !reference ? 2 : 3) {
            #expect(abs(medians[k] - Double(k + 1)) < 0.05, "r\(k + 1): median order \(medians[k])")
        }
        #expect(passed >= (reference ? 24 : 21), "\(passed) of 24 PASS")
    }

    /// 0.1 % with the reference derivatives in both dtypes, and without them in Double; 1 % for
    /// Float without them, where Float's running error bound on `gᵀv` hides smaller errors.
    @Test(arguments: [(false, 1.001, true), (true, 1.001, true), (false, 1.001, false), (true, 1.01, false)])
    func scaledGradientFails(float: Bool, factor: Double, reference: Bool) {
        var failed = 0
        for index in 0..<24 where Self.evaluate(index, float: float, factor: factor, reference: reference).verdict == .fail {
            failed += 1
        }
        #expect(failed >= 23, "\(failed) of 24")
    }

    /// A dtype that runs other code than its reference (the scale planted in the dtype's gradient
    /// only) fails on the measured rounding along v, whatever the remainders say.
    @Test func aDtypeThatComputesSomethingElseFails() {
        let spec = TrialGenerator.trial(0, options: TrialOptions())
        let model = PlantedGradientScaleForTests(spec.objective(Double.self), factor: 1 + 1e-9, reference: true,
                                                 plantsReference: false)
        let result = TaylorTest().run(model, trial: spec)
        #expect(result.verdict == .fail && result.reason?.contains("computes something else") == true, "\(result.reason ?? "")")
        #expect(result.fit(2)?.verdict == .pass)
    }
}

/// Trials where a tester found FAILs on correct code: r₂ resolved only beyond a saturation
/// cliff (the dtype's pessimistic bound, before the reference derivatives), and r₃ resolved only
/// at ε = 2⁻¹ … 2⁻⁴ with slopes rising to 3 (saturated MSE networks with weight decay). Neither
/// fails now; each is the trial of a `gradcheck taylor` command in the doc comment's order.
@Suite struct TaylorFalseFailTests {
    static let cases: [(TrialOptions, Int)] = [
        (TrialOptions(layers: 12, maxWidth: 32, saturationShare: 1, seed: 1), 291),
        (TrialOptions(layers: 4, loss: .mse, saturationShare: 1, seed: 7), 2023),
        (TrialOptions(layers: 4, saturationShare: 1, seed: 21), 529),
        (TrialOptions(layers: 4, loss: .mse, saturationShare: 1, seed: 7), 1720),
        (TrialOptions(layers: 4, loss: .mse, saturationShare: 1, weightDecayShare: 1, seed: 11), 550),
    ]

    @Test(arguments: cases.indices)
    func correctCodeDoesNotFail(_ k: Int) {
        let (options, index) = Self.cases[k]
        let spec = TrialGenerator.trial(index, options: options)
        for result in [TaylorTest().run(spec.objective(Double.self), trial: spec), TaylorTest().run(spec.objective(Float.self), trial: spec)] {
            #expect(result.verdict.isAcceptable, "\(result.verdict): \(result.reason ?? "")")
        }
    }
}

/// `g·factor` (and the reference's, unless `plantsReference` is false), every other member the
/// base's; without `reference` it has no reference derivatives, as a model of the user's
/// (Harness has the real plant; this module's tests cannot import it).
struct PlantedGradientScaleForTests<Base: GradientCheckable>: GradientCheckable {
    var base: Base
    let factor: Base.Scalar
    let reference: Bool
    var plantsReference = true
    init(_ base: Base, factor: Base.Scalar, reference: Bool, plantsReference: Bool = true) {
        (self.base, self.factor, self.reference, self.plantsReference) = (base, factor, reference, plantsReference)
    }
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
    func referenceDerivatives(along v: [Base.Scalar]) -> ReferenceDerivatives? {
        guard reference, var derivatives = base.referenceDerivatives(along: v) else { return nil }
        if plantsReference { derivatives.gradient = derivatives.gradient.map { $0 * ReferenceScalar(factor) } }
        return derivatives
    }
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
