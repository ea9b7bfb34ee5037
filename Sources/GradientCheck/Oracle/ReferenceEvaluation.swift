/// One parameter's central difference computed again in `ReferenceScalar`, to judge an element
/// that failed (`GradientChecker.recheck`).
public struct ReferenceEvaluation: Sendable {
    /// GSL's 5-point central difference over the checked stencil (same points, same `h`):
    /// it differs from the checked value by that value's round-off.
    public var sameStencil: NumericalDerivative
    /// The same rule at the reference type's own step `(3ε*)^(1/3)·max(|θ|, 1)`: far below a
    /// Float step, so it also shows the truncation a large step suffered.
    public var ownStep: NumericalDerivative

    public init(sameStencil: NumericalDerivative, ownStep: NumericalDerivative) {
        self.sameStencil = sameStencil
        self.ownStep = ownStep
    }
}
