import NeuralNetwork
import RealModule

extension NetworkObjective {
    /// The running error bound of each entry of `lossAndGradient().gradient` (absolute, layout
    /// of `parameters`): the same backprop run in `RunningError<Scalar>`, whose values are this
    /// dtype's bitwise; θ, x and y are exact (bound 0). Costs about one backprop pass.
    @inlinable
    public func gradientRoundingBound() -> [Double]? {
        let tracked = converted(to: RunningError<Scalar>.self)
        return tracked.network.lossAndGradient(on: tracked.batch).gradient.map(\.bound)
    }

    /// The running error bound of `loss()` at the current θ, absolute.
    @inlinable
    public func lossRoundingBound() -> Double? {
        let tracked = converted(to: RunningError<Scalar>.self)
        return tracked.network.loss(on: tracked.batch).bound
    }

    /// The running error bound of each entry of `hessianVectorProduct(v)` (absolute, layout of
    /// `parameters`): the R-operator run in `RunningError<Scalar>`, `v` exact.
    @inlinable
    public func hessianVectorRoundingBound(_ v: [Scalar]) -> [Double]? {
        let tracked = converted(to: RunningError<Scalar>.self)
        return tracked.network.hessianVectorProduct(v.map { RunningError(value: $0, bound: 0) }, on: tracked.batch).map(\.bound)
    }

    /// Backprop and the R-operator run in `RunningError<ReferenceScalar>`: the same code's
    /// values in `ReferenceScalar` with their bounds, one pass each; `nil` where that type is not
    /// wider than `Scalar`.
    @inlinable
    public func referenceDerivatives(along v: [Scalar]) -> ReferenceDerivatives? {
        guard ReferenceScalar.significandBitCount > Scalar.significandBitCount else { return nil }
        let tracked = converted(to: RunningError<ReferenceScalar>.self)
        let direction = v.map { RunningError(value: ReferenceScalar($0), bound: 0) }
        return ReferenceDerivatives(tracked: tracked.network.lossAndGradient(on: tracked.batch).gradient,
                                    hessianVectorProduct: tracked.network.hessianVectorProduct(direction, on: tracked.batch))
    }
}
