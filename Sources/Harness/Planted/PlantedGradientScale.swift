import GradientCheck

/// A model whose analytic gradient is its base's times `factor`: a planted bug of known size,
/// for proving that a gate fails (a 6 % error is `factor = 1.06`), or, restricted to one
/// tensor and kept under tolerance, that a regression gate notices a loss of precision.
/// The loss is the base's. With `scalesHessianVectorProduct` (the second-order check's plant)
/// the gradient is the base's and `H·v` is scaled instead: the second-order check differences
/// the gradient, so a planted gradient would be on both of its sides.
public struct PlantedGradientScale<Base: GradientCheckable>: GradientCheckable {
    public var base: Base
    public var factor: Base.Scalar
    /// The tensor (by name) whose gradient is scaled; `nil` scales all.
    public var tensor: String?
    /// One element of `tensor` (flat index within it) scaled alone; `nil` for the whole tensor.
    public var element: Int?
    /// Scale `H·v` and leave the gradient alone.
    public var scalesHessianVectorProduct: Bool

    @inlinable
    public init(_ base: Base, factor: Base.Scalar, tensor: String? = nil, element: Int? = nil,
                scalesHessianVectorProduct: Bool = false) {
        self.base = base
        self.factor = factor
        self.tensor = tensor
        self.element = element
        self.scalesHessianVectorProduct = scalesHessianVectorProduct
    }

    /// The factor on the gradient: `factor`, or 1 when `H·v` carries the plant.
    @inlinable
    var gradientFactor: Base.Scalar { scalesHessianVectorProduct ? 1 : factor }

    @inlinable
    public var parameterTensors: [ParameterTensor] { base.parameterTensors }
    @inlinable
    public var parameters: [Base.Scalar] {
        get { base.parameters }
        set { base.parameters = newValue }
    }
    @inlinable
    public func loss() -> Base.Scalar { base.loss() }
    @inlinable
    public func lossAndGradient() -> (loss: Base.Scalar, gradient: [Base.Scalar]) {
        var (loss, gradient) = base.lossAndGradient()
        guard !scalesHessianVectorProduct else { return (loss, gradient) }
        for i in plantedRange(count: gradient.count) { gradient[i] *= factor }
        return (loss, gradient)
    }
    @inlinable
    public func kinkPattern() -> [Int8]? { base.kinkPattern() }
    @inlinable
    public func untestableParameters() -> [Int: String] { base.untestableParameters() }
    @inlinable
    public func elementEvaluation() -> ElementEvaluation<Base.Scalar>? { base.elementEvaluation() }
    /// The base's reference, with the planted factor applied to its analytic value too: the
    /// bug is in the code, so the wider evaluation of that code has it as well.
    @inlinable
    public func referenceEvaluation(_ i: Int, points: [Base.Scalar], returnedStep h: Double) -> ReferenceEvaluation? {
        base.referenceEvaluation(i, points: points, returnedStep: h)
    }
    /// The base's reference gradient with the same bug planted, so that `|g − g*|` stays the
    /// dtype's rounding.
    @inlinable
    public func referenceGradient() -> [Double]? {
        guard var gradient = base.referenceGradient() else { return nil }
        for i in plantedRange(count: gradient.count) { gradient[i] *= Double(gradientFactor) }
        return gradient
    }
    /// The base's: the planted bug is in the gradient, not in the loss.
    @inlinable
    public func widerModel() -> Base.WiderModel? { base.widerModel() }
    /// The base's bound, scaled with the gradient, plus the rounding of the scaling itself.
    @inlinable
    public func gradientRoundingBound() -> [Double]? {
        guard var bound = base.gradientRoundingBound() else { return nil }
        guard !scalesHessianVectorProduct else { return bound }
        let (gradient, u) = (base.lossAndGradient().gradient, Double(Base.Scalar.ulpOfOne) / 2)
        for i in plantedRange(count: bound.count) {
            bound[i] = bound[i] * abs(Double(factor)) + u * abs(Double(gradient[i]) * Double(factor))
        }
        return bound
    }
    @inlinable
    public func lossRoundingBound() -> Double? { base.lossRoundingBound() }
    /// The base's, times `factor` where `scalesHessianVectorProduct`; a plant in the gradient
    /// leaves `H·v` the true loss's.
    @inlinable
    public func hessianVectorProduct(_ v: [Base.Scalar]) -> [Base.Scalar]? {
        guard var hv = base.hessianVectorProduct(v) else { return nil }
        guard scalesHessianVectorProduct else { return hv }
        for i in plantedRange(count: hv.count) { hv[i] *= factor }
        return hv
    }
    /// The base's bound, scaled with `H·v`, plus the rounding of the scaling itself.
    @inlinable
    public func hessianVectorRoundingBound(_ v: [Base.Scalar]) -> [Double]? {
        guard var bound = base.hessianVectorRoundingBound(v) else { return nil }
        guard scalesHessianVectorProduct, let hv = base.hessianVectorProduct(v) else { return bound }
        let u = Double(Base.Scalar.ulpOfOne) / 2
        for i in plantedRange(count: bound.count) {
            bound[i] = bound[i] * abs(Double(factor)) + u * abs(Double(hv[i]) * Double(factor))
        }
        return bound
    }

    /// The base's, with the planted factor where the plant is (the bug is in the code, so the
    /// wider evaluation of that code has it too), each scaled bound plus the scaling's rounding.
    @inlinable
    public func referenceDerivatives(along v: [Base.Scalar]) -> ReferenceDerivatives? {
        guard var reference = base.referenceDerivatives(along: v) else { return nil }
        let (f, u) = (ReferenceScalar(factor), Double(ReferenceScalar.ulpOfOne) / 2)
        func scale(_ values: inout [ReferenceScalar], _ bounds: inout [Double]) {
            for i in plantedRange(count: values.count) {
                values[i] *= f
                bounds[i] = bounds[i] * abs(Double(factor)) + u * abs(Double(values[i]))
            }
        }
        if scalesHessianVectorProduct {
            if var hv = reference.hessianVectorProduct, var bound = reference.hessianVectorBound {
                scale(&hv, &bound)
                (reference.hessianVectorProduct, reference.hessianVectorBound) = (hv, bound)
            }
        } else {
            scale(&reference.gradient, &reference.gradientBound)
        }
        return reference
    }

    /// The flat indices the bug is planted in: `tensor`'s (or its one `element`), every one
    /// when `tensor` is `nil`; none when the tensor or element does not exist.
    @inlinable
    func plantedRange(count: Int) -> Range<Int> {
        guard let tensor else { return 0..<count }
        guard let t = parameterTensors.first(where: { $0.name == tensor }) else { return 0..<0 }
        guard let element else { return t.offset..<t.offset + t.count }
        return (0..<t.count).contains(element) ? t.offset + element..<t.offset + element + 1 : 0..<0
    }
}
