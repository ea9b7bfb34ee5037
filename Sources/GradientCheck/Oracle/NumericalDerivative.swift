/// A finite-difference derivative with GSL's error estimate, widened for the evaluation dtype.
public struct NumericalDerivative: Sendable, Equatable, Codable {
    /// The derivative estimate `dL/dθ`.
    public var value: Double
    /// Estimated absolute error of `value`: GSL's truncation + round-off estimate, plus the
    /// round-off of the dtype the loss was evaluated in when that is coarser than Double.
    public var errorEstimate: Double
    /// The returned step: `h` of the stencil whose result GSL returned (it may shrink the
    /// requested step, never enlarge it).
    public var returnedStep: Double
    /// Loss evaluations spent.
    public var evaluations: Int

    @inlinable
    public init(value: Double, errorEstimate: Double, returnedStep: Double, evaluations: Int) {
        self.value = value
        self.errorEstimate = errorEstimate
        self.returnedStep = returnedStep
        self.evaluations = evaluations
    }

    public var isFinite: Bool { value.isFinite && errorEstimate.isFinite }
}
