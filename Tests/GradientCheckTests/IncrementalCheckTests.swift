import GradientCheck
import NeuralNetwork
import RealModule
import Testing

/// The check through `NetworkObjective.elementEvaluation()` (`IncrementalLoss`) against the same check
/// through full forward passes: the evaluations differ only by round-off, so every element's
/// two central differences agree within their error estimates and get the same verdict (up to
/// PASS ↔ INCONCLUSIVE at the resolution line).
@Suite struct IncrementalCheckTests {
    /// The objective without its `elementEvaluation()`: the check sets θ_i and runs `loss()`.
    struct FullPass<Scalar: Real & BinaryFloatingPoint & Sendable>: GradientCheckable {
        var base: NetworkObjective<Scalar>
        var parameterTensors: [ParameterTensor] { base.parameterTensors }
        var parameters: [Scalar] {
            get { base.parameters }
            set { base.parameters = newValue }
        }
        func loss() -> Scalar { base.loss() }
        func lossAndGradient() -> (loss: Scalar, gradient: [Scalar]) { base.lossAndGradient() }
        func kinkPattern() -> [Int8]? { base.kinkPattern() }
        func untestableParameters() -> [Int: String] { base.untestableParameters() }
    }

    @Test("incremental and full-pass central differences agree within E, with the same verdicts",
          arguments: [DType.float, .double])
    func agreesWithFullPass(_ dtype: DType) throws {
        for index in 0..<20 {
            let spec = TrialGenerator.trial(index, options: TrialOptions(layers: 3))
            let (fast, full) = dtype == .float ? try Self.pair(spec, Float.self) : try Self.pair(spec, Double.self)
            let atol = Tolerance.defaults(epsilon: dtype == .float ? Double(Float.ulpOfOne) : .ulpOfOne).atol
            for (a, b) in zip(fast.tensors.flatMap(\.elements), full.tensors.flatMap(\.elements)) {
                // An element resolved right at the 5 % line can be PASS by one and INCONCLUSIVE by
                // the other (E differs by round-off); no other verdict may change.
                let resolution: Set<Verdict> = [.pass, .inconclusive]
                #expect(a.verdict == b.verdict || (resolution.contains(a.verdict) && resolution.contains(b.verdict)),
                        "trial \(index) θ_\(a.flatIndex): \(a.verdict) vs \(b.verdict)")
                guard a.verdict != .kink, a.verdict != .nonFinite else { continue }
                #expect(abs(a.numerical - b.numerical) <= a.errorEstimate + b.errorEstimate + atol,
                        "trial \(index) θ_\(a.flatIndex): \(a.numerical) vs \(b.numerical)")
            }
        }
    }

    static func pair<T: Real & BinaryFloatingPoint & Sendable>(_ spec: TrialSpec, _: T.Type) throws -> (CheckResult, CheckResult) {
        var fast = spec.objective(T.self)
        var full = FullPass(base: spec.objective(T.self))
        #expect(fast.elementEvaluation() != nil && full.elementEvaluation() == nil)
        // Native: both sides differentiate the dtype's own loss, by the two evaluation paths.
        let checker = GradientChecker(oracle: .native)
        return (try checker.check(&fast), try checker.check(&full))
    }
}
