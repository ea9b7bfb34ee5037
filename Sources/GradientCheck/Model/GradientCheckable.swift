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

    /// The central differences of `loss()` for parameter `i` computed again in `ReferenceScalar`
    /// (`ReferenceEvaluation`); `nil` (the default) when the model has no wider evaluation.
    /// `points` are the values `θ − h, θ + h, θ − h/2, θ + h/2` the check evaluated. Only asked
    /// for when an element would FAIL, to tell rounding and truncation that GSL's estimate
    /// missed from a wrong gradient. Asked of the model that gave the numerical side: the
    /// `widerModel()` when the wider oracle judges.
    func referenceEvaluation(_ i: Int, points: [Scalar], returnedStep h: Double) -> ReferenceEvaluation?

    /// `∂L/∂θ` by the same backprop code in `ReferenceScalar`, at the current `parameters`, in
    /// the layout of `parameters`; `nil` (the default) when the model has no wider evaluation.
    /// A bug shifts it as it shifts the dtype's gradient, so `|g − g*|` is the dtype's own
    /// rounding in `g` (`GradientChecker.recheck`). Asked at most once per check.
    func referenceGradient() -> [Double]?

    /// The type of `widerModel()`.
    associatedtype WiderModel: GradientCheckable = Self

    /// The same loss `L(θ)` evaluated in a wider type (Float → Double), at the same θ: since
    /// every dtype value is exact in the wider type, it is the same mathematical function, and
    /// its central differences resolve the derivative far below the dtype's own rounding.
    /// `nil` (the default) when the model has none; the check then differentiates `loss()`
    /// itself (`OracleChoice.native`). Only its `parameters`, `loss()`, `kinkPattern()`,
    /// `elementEvaluation()`, `lossRoundingBound()` and `referenceEvaluation` are used; its
    /// gradient never is. Asked once per check.
    func widerModel() -> WiderModel?

    /// A bound on the rounding error of each entry of `lossAndGradient().gradient` at the
    /// current `parameters`, absolute, in the layout of `parameters` (a running error bound,
    /// Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., §3.3); `nil` (the
    /// default) when the model has none. With the wider oracle, the rule allows this much for
    /// the dtype's rounding in `a` instead of the dtype's `rtol`/`atol` (`Tolerance`).
    func gradientRoundingBound() -> [Double]?

    /// A bound on the rounding error of `loss()` at the current `parameters`, absolute; `nil`
    /// (the default) when the model has none. It is the round-off a difference quotient of
    /// `loss()` divides by `h`, where GSL assumes `ε·|L|` (too small when `L` cancels).
    func lossRoundingBound() -> Double?

    /// Faster evaluations at θ with one entry changed, built at the current `parameters`, for
    /// the element-wise differences; `nil` (the default) makes the check set `parameters[i]`,
    /// call `loss()` and `kinkPattern()`, and restore `θ_i` instead. A model returns one when it
    /// can recompute only what `θ_i` reaches (`NetworkObjective` uses `IncrementalLoss`). Asked
    /// once per check, after the whole-check comparisons.
    func elementEvaluation() -> ElementEvaluation<Scalar>?

    /// `H·v`, the Hessian of `loss()` times `v` at the current `parameters`, by the model's own
    /// second-order code (for a network, Pearlmutter's R-operator); `v` and the result in the
    /// layout of `parameters`. `nil` (the default) when the model has none: the Taylor test then
    /// fits `r₁`, `r₂` only, and the second-order check cannot run.
    func hessianVectorProduct(_ v: [Scalar]) -> [Scalar]?

    /// A bound on the rounding error of each entry of `hessianVectorProduct(v)`, absolute, in
    /// the layout of `parameters` (a running error bound, as `gradientRoundingBound()`); `nil`
    /// (the default) when the model has none.
    func hessianVectorRoundingBound(_ v: [Scalar]) -> [Double]?

    /// `∂L/∂θ` and `H·v` by the same code in `ReferenceScalar`, with their running error bounds
    /// (`ReferenceDerivatives`), at the current `parameters`; `nil` (the default) when the model
    /// has no wider evaluation, or `ReferenceScalar` is not wider than `Scalar`. The Taylor test
    /// then differentiates with the dtype's values and allows for their running error bounds.
    func referenceDerivatives(along v: [Scalar]) -> ReferenceDerivatives?
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
    public func referenceGradient() -> [Double]? { nil }
    public func widerModel() -> WiderModel? { nil }
    public func gradientRoundingBound() -> [Double]? { nil }
    public func lossRoundingBound() -> Double? { nil }
    public func elementEvaluation() -> ElementEvaluation<Scalar>? { nil }
    public func hessianVectorProduct(_ v: [Scalar]) -> [Scalar]? { nil }
    public func hessianVectorRoundingBound(_ v: [Scalar]) -> [Double]? { nil }
    public func referenceDerivatives(along v: [Scalar]) -> ReferenceDerivatives? { nil }
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
