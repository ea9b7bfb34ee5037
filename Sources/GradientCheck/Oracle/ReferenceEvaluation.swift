/// One parameter's derivative computed again in `ReferenceScalar`, to judge an element that
/// failed in its dtype (`GradientChecker.recheck`).
public struct ReferenceEvaluation: Sendable {
    /// GSL's 5-point central difference over the dtype's own stencil (same points, same `h`):
    /// it differs from the dtype's value by that value's round-off.
    public var sameStencil: NumericalDerivative
    /// The same rule at the reference type's own step `(3ε*)^(1/3)·max(|θ|, 1)`: far below a
    /// Float step, so it also shows the truncation a large dtype step suffered.
    public var ownStep: NumericalDerivative
    /// `∂L/∂θ_i` by the same backprop code in the wider type.
    public var analytic: Double

    public init(sameStencil: NumericalDerivative, ownStep: NumericalDerivative, analytic: Double) {
        self.sameStencil = sameStencil
        self.ownStep = ownStep
        self.analytic = analytic
    }
}
