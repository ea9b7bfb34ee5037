/// What every check takes at θ before it compares anything: the rule and the step of the
/// numerical side, θ and its tensors (validated), and backprop's `(L, g)` at θ.
@usableFromInline
struct CheckStart<Model: GradientCheckable> {
    /// Machine epsilon of the type the numerical side evaluates the loss in.
    @usableFromInline let epsilon: Double
    /// The checker's tolerance, or the default for the numerical side (`defaultTolerance`).
    @usableFromInline let tolerance: Tolerance
    /// The step relative to `max(|θ|, 1)`: the checker's, or `(3ε)^(1/3)` for `epsilon`.
    @usableFromInline let relativeStep: Double
    @usableFromInline let theta: [Model.Scalar]
    @usableFromInline let tensors: [ParameterTensor]
    /// `lossAndGradient()` at θ: the analytic side.
    @usableFromInline let loss: Model.Scalar
    @usableFromInline let gradient: [Model.Scalar]

    /// - Parameters:
    ///   - numericalEpsilon: machine epsilon of the type the loss is differentiated in (the
    ///     model's dtype, or the wider model's).
    ///   - boundsRounding: whether the rule allows for the dtype's rounding in `a` by the model's
    ///     running error bound (then the default tolerance is the numerical side's, not the dtype's).
    /// - Throws: `CheckError` when the tensors do not cover θ or the gradient has the wrong size.
    @inlinable
    init(_ model: Model, checker: GradientChecker, numericalEpsilon: Double, boundsRounding: Bool) throws(CheckError) {
        epsilon = numericalEpsilon
        tolerance = checker.tolerance ?? .defaults(epsilon: boundsRounding ? numericalEpsilon : Double(Model.Scalar.ulpOfOne))
        relativeStep = checker.relativeStep ?? StepSize.defaultRelativeStep(epsilon: numericalEpsilon)
        theta = model.parameters
        tensors = model.parameterTensors
        try GradientChecker.validate(tensors, count: theta.count)
        (loss, gradient) = model.lossAndGradient()
        guard gradient.count == theta.count else {
            throw .gradientCountMismatch(expected: theta.count, got: gradient.count)
        }
    }
}
