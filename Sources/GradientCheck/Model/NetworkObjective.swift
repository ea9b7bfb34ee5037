import NeuralNetwork
import RealModule

/// A `Network` with one batch: the loss `L(θ)` the core module defines, ready to check.
///
/// Tensors are the network's `ParameterLayout`: `W1, b1, …, WL, bL`, shapes `[fanIn, fanOut]` and `[fanOut]`.
/// The members are `@inlinable` so that callers in other modules get the network code
/// specialised for their dtype rather than run through generic witnesses.
public struct NetworkObjective<Scalar: Real & BinaryFloatingPoint & Sendable>: GradientCheckable, Sendable {
    public var network: Network<Scalar>
    public let batch: Batch<Scalar>

    @inlinable
    public init(network: Network<Scalar>, batch: Batch<Scalar>) {
        self.network = network
        self.batch = batch
    }

    @inlinable
    public var parameterTensors: [ParameterTensor] {
        network.layout.tensors.map { ParameterTensor(name: $0.name, shape: $0.shape, offset: $0.range.lowerBound) }
    }

    @inlinable
    public var parameters: [Scalar] {
        get { network.parameters }
        set { network.parameters = newValue }
    }

    @inlinable
    public func loss() -> Scalar { network.loss(on: batch) }

    @inlinable
    public func lossAndGradient() -> (loss: Scalar, gradient: [Scalar]) { network.lossAndGradient(on: batch) }

    /// `Network.hessianVectorProduct(_:on:)`, the R-operator, on this batch.
    @inlinable
    public func hessianVectorProduct(_ v: [Scalar]) -> [Scalar]? { network.hessianVectorProduct(v, on: batch) }

    /// `IncrementalLoss` at the current θ: each evaluation recomputes only the column and the
    /// layers the changed parameter reaches, for the loss and, with kinked activations, for the
    /// kink pattern.
    @inlinable
    public func elementEvaluation() -> ElementEvaluation<Scalar>? {
        let incremental = IncrementalLoss(network: network, batch: batch)
        let hasKinks = network.layers.contains { $0.activation.hasKink }
        return ElementEvaluation(loss: { i, value in incremental.loss(setting: i, to: value) },
                                 crossesKink: hasKinks ? { i, value in incremental.crossesKink(setting: i, to: value) } : nil)
    }

    /// Signs of `z` of every layer whose activation has a kink, or `nil` if none has.
    @inlinable
    public func kinkPattern() -> [Int8]? {
        guard network.layers.contains(where: { $0.activation.hasKink }) else { return nil }
        let pass = network.forward(batch.x, m: batch.m)
        var pattern: [Int8] = []
        for (l, layer) in network.layers.enumerated() where layer.activation.hasKink {
            for z in pass.z[l] { pattern.append(z > 0 ? 1 : (z < 0 ? -1 : 0)) }
        }
        return pattern
    }
}

extension NetworkObjective {
    /// The same network, weight decay and batch with every value converted to `T`.
    @inlinable
    public func converted<T: Real & BinaryFloatingPoint & Sendable>(to _: T.Type) -> NetworkObjective<T> {
        let network = try! Network<T>(widths: self.network.widths, activations: self.network.layers.map(\.activation),
                                      loss: self.network.loss, weightDecay: T(self.network.weightDecay),
                                      parameters: self.network.parameters.map { T($0) })
        return NetworkObjective<T>(network: network, batch: try! network.batch(m: batch.m, x: batch.x.map { T($0) },
                                                                               y: batch.y.map { T($0) }))
    }

    /// `∂L/∂θ` by this network's backprop in `ReferenceScalar` (Float80 on x86_64); `nil` where
    /// that type is not wider than `Scalar`.
    @inlinable
    public func referenceGradient() -> [Double]? {
        guard ReferenceScalar.significandBitCount > Scalar.significandBitCount else { return nil }
        let widened = converted(to: ReferenceScalar.self)
        return widened.network.lossAndGradient(on: widened.batch).gradient.map { Double($0) }
    }

    /// This network in Double when `Scalar` is narrower (Float): the same function, since every
    /// Float value is a Double (`OracleChoice.wider`); `nil` for Double and wider.
    @inlinable
    public func widerModel() -> NetworkObjective<Double>? {
        guard Scalar.significandBitCount < Double.significandBitCount else { return nil }
        return converted(to: Double.self)
    }

    /// This network's central differences in `ReferenceScalar` (Float80 on x86_64); `nil` where
    /// that type is not wider than `Scalar`.
    ///
    /// Each difference's error estimate adds to GSL's (truncation, and round-off as `ε*·|L|`)
    /// the round-off that cancellation inside the loss causes: the dtype's error at each of its
    /// stencil values, `e_k = |L(θ_k) − L*(θ_k)|`, is measured, and, the two evaluations making
    /// the same operations, the wider one's is about `e_k·ε*/ε` (first-order error analysis,
    /// Higham, *Accuracy and Stability of Numerical Algorithms*, §2.7); through the rule's
    /// weights (Σ|w| = 3) that is at most `3·max_k e_k·(ε*/ε)/h`. That measurement can be lucky
    /// (the dtype's rounding at the four points may happen to be tiny), so the recheck adds the
    /// loss's running error bound as well (`GradientChecker.recheck`).
    @inlinable
    public func referenceEvaluation(_ i: Int, points: [Scalar], returnedStep h: Double) -> ReferenceEvaluation? {
        guard ReferenceScalar.significandBitCount > Scalar.significandBitCount else { return nil }
        let widened = converted(to: ReferenceScalar.self)
        var wide = widened.network
        let wideBatch = widened.batch
        let theta = wide.parameters[i]
        var narrow = network
        var dtypeError: ReferenceScalar = 0
        let same = points.map { point in
            wide.parameters[i] = ReferenceScalar(point)
            narrow.parameters[i] = point
            let value = wide.loss(on: wideBatch)
            dtypeError = max(dtypeError, abs(ReferenceScalar(narrow.loss(on: batch)) - value))
            return value
        }
        let referenceStep = ReferenceScalar(StepSize.defaultRelativeStep(epsilon: Double(ReferenceScalar.ulpOfOne)))
            * max(abs(theta), 1)
        let own = [-referenceStep, referenceStep, -referenceStep / 2, referenceStep / 2].map { offset in
            wide.parameters[i] = theta + offset
            return wide.loss(on: wideBatch)
        }
        let ratio = ReferenceScalar.ulpOfOne / ReferenceScalar(Scalar.ulpOfOne)
        func derivative(_ f: [ReferenceScalar], step: ReferenceScalar) -> NumericalDerivative {
            let stencil = Stencil(h: step, f: f, rule: .central)
            let error = stencil.truncation + stencil.roundOff(x: theta, epsilon: ReferenceScalar.ulpOfOne)
                + 3 * dtypeError * ratio / step
            return NumericalDerivative(value: Double(stencil.result), errorEstimate: Double(error), returnedStep: Double(step),
                                       evaluations: 4)
        }
        return ReferenceEvaluation(sameStencil: derivative(same, step: ReferenceScalar(h)),
                                   ownStep: derivative(own, step: referenceStep))
    }
}
