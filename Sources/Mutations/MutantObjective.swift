import GradientCheck
import NeuralNetwork
import RealModule

/// A core network with one batch, whose backprop has the bug `mutant` (`MutatedBackprop`) and
/// whose `loss()` is the core's exact loss: what the checker must catch.
///
/// Tensors, parameters, kink pattern, untestable parameters and the reference evaluation's
/// numerical side are `base`'s, so a check of a mutant differs from a check of `base` in the
/// analytic gradient alone.
public struct MutantObjective<Scalar: Real & BinaryFloatingPoint & Sendable>: GradientCheckable, Sendable {
    public var base: NetworkObjective<Scalar>
    public let mutant: Mutant

    @inlinable
    public init(_ base: NetworkObjective<Scalar>, mutant: Mutant) {
        self.base = base
        self.mutant = mutant
    }

    @inlinable public var parameterTensors: [ParameterTensor] { base.parameterTensors }

    @inlinable
    public var parameters: [Scalar] {
        get { base.parameters }
        set { base.parameters = newValue }
    }

    @inlinable
    public func loss() -> Scalar { base.loss() }

    @inlinable
    public func lossAndGradient() -> (loss: Scalar, gradient: [Scalar]) {
        MutatedBackprop(network: base.network, batch: base.batch, bug: mutant).lossAndGradient()
    }

    @inlinable
    public func kinkPattern() -> [Int8]? { base.kinkPattern() }

    @inlinable
    public func untestableParameters() -> [Int: String] { base.untestableParameters() }

    @inlinable
    public func elementEvaluation() -> ElementEvaluation<Scalar>? { base.elementEvaluation() }

    /// `base`'s evaluation in `ReferenceScalar`, with the analytic value of this mutant's backprop
    /// in that type: the bug is in the code, so the wider evaluation of that code has it too (as
    /// `PlantedGradientScale` does), and the recheck of a failing element cannot excuse the bug.
    @inlinable
    public func referenceEvaluation(_ i: Int, points: [Scalar], returnedStep h: Double) -> ReferenceEvaluation? {
        base.referenceEvaluation(i, points: points, returnedStep: h)
    }

    /// The mutated backprop in `ReferenceScalar`: the mutant's bug, without the dtype's rounding.
    @inlinable
    public func referenceGradient() -> [Double]? {
        guard ReferenceScalar.significandBitCount > Scalar.significandBitCount else { return nil }
        let wide = base.converted(to: ReferenceScalar.self)
        return MutatedBackprop(network: wide.network, batch: wide.batch, bug: mutant).lossAndGradient().gradient.map { Double($0) }
    }

    /// The correct network's: a mutant changes backprop only, never the loss.
    @inlinable
    public func widerModel() -> NetworkObjective<Double>? { base.widerModel() }

    /// The running error bound of the mutated backprop (`NetworkObjective.gradientRoundingBound`).
    @inlinable
    public func gradientRoundingBound() -> [Double]? {
        let tracked = base.converted(to: RunningError<Scalar>.self)
        return MutatedBackprop(network: tracked.network, batch: tracked.batch, bug: mutant).lossAndGradient().gradient.map(\.bound)
    }

    /// The base's: a mutant changes backprop only, never the loss.
    @inlinable
    public func lossRoundingBound() -> Double? { base.lossRoundingBound() }

    /// The mutated R-operator (`MutatedBackprop.hessianVectorProduct`): the core's for a
    /// first-order mutant.
    @inlinable
    public func hessianVectorProduct(_ v: [Scalar]) -> [Scalar]? {
        MutatedBackprop(network: base.network, batch: base.batch, bug: mutant).hessianVectorProduct(v)
    }

    /// The running error bound of the mutated R-operator.
    @inlinable
    public func hessianVectorRoundingBound(_ v: [Scalar]) -> [Double]? {
        let tracked = base.converted(to: RunningError<Scalar>.self)
        return MutatedBackprop(network: tracked.network, batch: tracked.batch, bug: mutant)
            .hessianVectorProduct(v.map { RunningError(value: $0, bound: 0) }).map(\.bound)
    }

    /// The mutated backprop and R-operator in `RunningError<ReferenceScalar>`: the bug, without
    /// the dtype's rounding.
    @inlinable
    public func referenceDerivatives(along v: [Scalar]) -> ReferenceDerivatives? {
        guard ReferenceScalar.significandBitCount > Scalar.significandBitCount else { return nil }
        let tracked = base.converted(to: RunningError<ReferenceScalar>.self)
        let mutated = MutatedBackprop(network: tracked.network, batch: tracked.batch, bug: mutant)
        return ReferenceDerivatives(tracked: mutated.lossAndGradient().gradient,
                                    hessianVectorProduct: mutated.hessianVectorProduct(v.map { RunningError(value: ReferenceScalar($0), bound: 0) }))
    }
}
