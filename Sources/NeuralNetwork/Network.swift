import RealModule

/// A feed-forward network of dense layers with one loss, generic over the scalar type.
///
/// The objective is the loss averaged over the batch plus an optional L2 weight penalty
/// (Goodfellow et al., *Deep Learning*, §7.1.1), on the weights only, not the biases:
///
///     L = L_data + (λ/2)·Σ_l ‖W_l‖²_F,   ∂L/∂W_l = ∂L_data/∂W_l + λ·W_l
///
/// All parameters live in one flat array, layer by layer, each layer's `W` [fanIn × fanOut]
/// (row-major) followed by its `b` [fanOut]; `layers` says where. This is the storage the
/// gradient checker perturbs and the layout of the gradient that `backward` returns.
public struct Network<Scalar: Real & BinaryFloatingPoint & Sendable>: Sendable {
    /// Layer shapes, input to output; `layers.count` is the depth `L`.
    public let layers: [DenseLayer]
    public let loss: Loss
    /// L2 weight decay `λ ≥ 0`; 0 (the default) adds no penalty and leaves `L` bitwise the data loss.
    public let weightDecay: Scalar
    /// Flat parameters θ, `parameterCount` long.
    public var parameters: [Scalar]

    /// Widths `d₀ … d_L`: input width first, then each layer's `fanOut`.
    public var widths: [Int] { [layers[0].fanIn] + layers.map(\.fanOut) }
    public var parameterCount: Int { parameters.count }

    /// Builds the layer table for `widths` and `activations` with all parameters zero.
    /// - Parameters:
    ///   - widths: `d₀ … d_L`, each ≥ 1.
    ///   - activations: one per layer, `L = widths.count − 1` of them.
    ///   - weightDecay: `λ` of the penalty `(λ/2)·Σ‖W‖²`, finite and ≥ 0.
    /// - Throws: `.tooFewWidths`, `.nonPositiveWidth`, `.activationCountMismatch`,
    ///   `.incompatibleOutputActivation` (BCE needs sigmoid output, softmax-ce identity),
    ///   `.invalidWeightDecay`.
    public init(widths: [Int], activations: [Activation], loss: Loss, weightDecay: Scalar = 0) throws(NetworkError) {
        guard widths.count >= 2 else { throw .tooFewWidths(widths.count) }
        for (i, w) in widths.enumerated() where w < 1 { throw .nonPositiveWidth(layer: i, width: w) }
        guard activations.count == widths.count - 1 else {
            throw .activationCountMismatch(expected: widths.count - 1, got: activations.count)
        }
        if let required = loss.requiredOutputActivation, activations.last != required {
            throw .incompatibleOutputActivation(loss: loss, required: required, got: activations.last!)
        }
        guard weightDecay.isFinite && weightDecay >= 0 else { throw .invalidWeightDecay(Double(weightDecay)) }
        var layers: [DenseLayer] = []
        var offset = 0
        for l in 0..<activations.count {
            let (fanIn, fanOut) = (widths[l], widths[l + 1])
            layers.append(DenseLayer(fanIn: fanIn, fanOut: fanOut, activation: activations[l],
                                     weightOffset: offset, biasOffset: offset + fanIn * fanOut))
            offset += fanIn * fanOut + fanOut
        }
        self.layers = layers
        self.loss = loss
        self.weightDecay = weightDecay
        self.parameters = [Scalar](repeating: 0, count: offset)
    }

    /// As `init(widths:activations:loss:weightDecay:)`, then sets θ.
    /// - Throws: the same, and `.parameterCountMismatch` if `parameters.count` is wrong.
    public init(widths: [Int], activations: [Activation], loss: Loss, weightDecay: Scalar = 0,
                parameters: [Scalar]) throws(NetworkError) {
        try self.init(widths: widths, activations: activations, loss: loss, weightDecay: weightDecay)
        guard parameters.count == self.parameters.count else {
            throw .parameterCountMismatch(expected: self.parameters.count, got: parameters.count)
        }
        self.parameters = parameters
    }

    /// A batch shaped for this network's input and output widths; throws as `Batch.init`.
    public func batch(m: Int, x: [Scalar], y: [Scalar]) throws(NetworkError) -> Batch<Scalar> {
        try Batch(m: m, x: x, y: y, inputWidth: layers[0].fanIn, outputWidth: layers[layers.count - 1].fanOut)
    }
}
