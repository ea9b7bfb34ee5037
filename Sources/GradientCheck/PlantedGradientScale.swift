/// A model whose analytic gradient is its base's times `factor`: a planted bug of known size,
/// for proving that a gate fails (a 6 % error is `factor = 1.06`). The loss is the base's.
public struct PlantedGradientScale<Base: GradientCheckable>: GradientCheckable {
    public var base: Base
    public var factor: Base.Scalar

    public init(_ base: Base, factor: Base.Scalar) {
        self.base = base
        self.factor = factor
    }

    public var parameterTensors: [ParameterTensor] { base.parameterTensors }
    public var parameters: [Base.Scalar] {
        get { base.parameters }
        set { base.parameters = newValue }
    }
    public func loss() -> Base.Scalar { base.loss() }
    public func lossAndGradient() -> (loss: Base.Scalar, gradient: [Base.Scalar]) {
        let (loss, gradient) = base.lossAndGradient()
        return (loss, gradient.map { $0 * factor })
    }
    public func kinkPattern() -> [Int8]? { base.kinkPattern() }
}
