/// Anything whose backpropagation gradient the checker can check: a layer, a model, a loss.
///
/// Conform your own type and pass it to `GradientChecker.check(_:)`. The checker perturbs one
/// entry of `parameters` at a time, calls `loss()` at each stencil point of a central
/// difference, restores the entry bitwise, and compares with `lossAndGradient().gradient`.
/// `NetworkObjective` is the conformer for this package's `Network`.
public protocol GradientCheckable {
    associatedtype Scalar: BinaryFloatingPoint

    /// How `parameters` splits into named tensors, in storage order; their `count`s must add up
    /// to `parameters.count` (else `CheckError.tensorLayoutMismatch`).
    var parameterTensors: [ParameterTensor] { get }

    /// θ, all parameters as one flat array.
    var parameters: [Scalar] { get set }

    /// The scalar loss `L(θ)` at the current `parameters`: exactly the value backprop starts
    /// from (same code path, same rounding), or the check compares two different functions.
    func loss() -> Scalar

    /// `(L, ∂L/∂θ)` at the current `parameters` by the analytic (backprop) path; the gradient
    /// has `parameters.count` entries in the same layout.
    func lossAndGradient() -> (loss: Scalar, gradient: [Scalar])

    /// For models with non-differentiable points (ReLU-like units): the side of its kink each
    /// such unit is on at the current `parameters`, as the sign of its pre-activation
    /// (−1, 0, +1). `nil` (the default) means the model has no kinks. When this pattern differs
    /// between stencil points the element gets the KINK treatment instead of a plain comparison.
    func kinkPattern() -> [Int8]?

    /// Parameters (flat indices) whose gradient the model knows its dtype cannot resolve at the
    /// current `parameters`, each with the reason, e.g. "unit 2 of layer 1 is saturated".
    /// An unresolved element listed here (INCONCLUSIVE) gives that reason. The default is none.
    func untestableParameters() -> [Int: String]

    /// The same computations in `ReferenceScalar`, for parameter `i` (`ReferenceEvaluation`);
    /// `nil` (the default) when the model has no wider evaluation. `points` are the dtype
    /// values `θ − h, θ + h, θ − h/2, θ + h/2` the check evaluated. Only asked for when an
    /// element would FAIL, to tell rounding and truncation that GSL's estimate missed from a
    /// wrong gradient.
    func referenceEvaluation(_ i: Int, points: [Scalar], returnedStep h: Double) -> ReferenceEvaluation?

    /// Faster evaluations at θ with one entry changed, built at the current `parameters`, for
    /// the element-wise differences; `nil` (the default) makes the check set `parameters[i]`,
    /// call `loss()` and `kinkPattern()`, and restore `θ_i` instead. A model returns one when it
    /// can recompute only what `θ_i` reaches (`NetworkObjective` uses `IncrementalLoss`). Asked
    /// once per check, after the whole-check comparisons.
    func elementEvaluation() -> ElementEvaluation<Scalar>?
}

/// Evaluations of a `GradientCheckable` at θ with `θ_i = v`, every other parameter as it was
/// when they were built; they must leave the model's `parameters` as they are.
public struct ElementEvaluation<Scalar> {
    /// `(i, v) ↦ L`: `loss()` at the changed θ, up to the round-off the tolerance covers.
    public var loss: (Int, Scalar) -> Scalar
    /// `(i, v) ↦` whether `kinkPattern()` at the changed θ differs from the one at θ; `nil` for a
    /// model without kinks.
    public var crossesKink: ((Int, Scalar) -> Bool)?

    public init(loss: @escaping (Int, Scalar) -> Scalar, crossesKink: ((Int, Scalar) -> Bool)? = nil) {
        self.loss = loss
        self.crossesKink = crossesKink
    }
}

extension GradientCheckable {
    public func kinkPattern() -> [Int8]? { nil }
    public func untestableParameters() -> [Int: String] { [:] }
    public func referenceEvaluation(_ i: Int, points: [Scalar], returnedStep h: Double) -> ReferenceEvaluation? { nil }
    public func elementEvaluation() -> ElementEvaluation<Scalar>? { nil }
}

/// One named parameter tensor inside the flat `parameters` of a `GradientCheckable`.
public struct ParameterTensor: Sendable, Equatable, Codable {
    /// A short name, e.g. `W1`, `b1` (layers count from 1 as in the literature).
    public var name: String
    /// Dimensions, row-major; `[fanIn, fanOut]` for a weight matrix, `[fanOut]` for a bias.
    public var shape: [Int]
    /// Index of the tensor's first element in `parameters`.
    public var offset: Int

    public init(name: String, shape: [Int], offset: Int) {
        self.name = name
        self.shape = shape
        self.offset = offset
    }

    /// Number of elements, the product of `shape`.
    public var count: Int { shape.reduce(1, *) }
}
