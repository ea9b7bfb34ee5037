/// What every check takes at θ before it compares anything: the rule and the step of the
/// model's dtype, θ and its tensors (validated), and backprop's `(L, g)` at θ.
@usableFromInline
struct CheckStart<Model: GradientCheckable> {
    /// The dtype's machine epsilon, the checker's tolerance (or the dtype's default), and the
    /// step relative to `max(|θ|, 1)`.
    @usableFromInline let epsilon: Double
    @usableFromInline let tolerance: Tolerance
    @usableFromInline let relativeStep: Double
    @usableFromInline let theta: [Model.Scalar]
    @usableFromInline let tensors: [ParameterTensor]
    /// `lossAndGradient()` at θ: the analytic side.
    @usableFromInline let loss: Model.Scalar
    @usableFromInline let gradient: [Model.Scalar]

    /// - Throws: `CheckError` when the tensors do not cover θ or the gradient has the wrong size.
    @inlinable
    init(_ model: inout Model, checker: GradientChecker) throws(CheckError) {
        epsilon = Double(Model.Scalar.ulpOfOne)
        tolerance = checker.tolerance ?? .defaults(epsilon: epsilon)
        relativeStep = checker.relativeStep ?? StepSize.defaultRelativeStep(epsilon: epsilon)
        theta = model.parameters
        tensors = model.parameterTensors
        try GradientChecker.validate(tensors, count: theta.count)
        (loss, gradient) = model.lossAndGradient()
        guard gradient.count == theta.count else {
            throw .gradientCountMismatch(expected: theta.count, got: gradient.count)
        }
    }
}
