import NeuralNetwork
import RealModule

/// A `Network` with one batch: the loss `L(θ)` the core module defines, ready to check.
///
/// Tensors are named `W1, b1, …, WL, bL` with shapes `[fanIn, fanOut]` and `[fanOut]`.
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

    public var parameterTensors: [ParameterTensor] {
        network.layers.enumerated().flatMap { l, layer in
            [ParameterTensor(name: "W\(l + 1)", shape: [layer.fanIn, layer.fanOut], offset: layer.weightOffset),
             ParameterTensor(name: "b\(l + 1)", shape: [layer.fanOut], offset: layer.biasOffset)]
        }
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
