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
    /// θ's layout: each layer's `W` and `b`, their names and ranges.
    public let layout: ParameterLayout
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
    ///   - loss: the loss, with its required output activation (`Loss.requiredOutputActivation`).
    ///   - weightDecay: `λ` of the penalty `(λ/2)·Σ‖W‖²`, finite and ≥ 0.
    /// - Throws: as `validate(widths:activations:loss:weightDecay:)`.
    public init(widths: [Int], activations: [Activation], loss: Loss, weightDecay: Scalar = 0) throws(NetworkError) {
        let layout = try Self.validate(widths: widths, activations: activations, loss: loss, weightDecay: Double(weightDecay))
        self.layers = (0..<activations.count).map { l in
            DenseLayer(fanIn: widths[l], fanOut: widths[l + 1], activation: activations[l],
                       weightOffset: layout.weights(l + 1).lowerBound, biasOffset: layout.biases(l + 1).lowerBound)
        }
        self.layout = layout
        self.loss = loss
        self.weightDecay = weightDecay
        self.parameters = [Scalar](repeating: 0, count: layout.parameterCount)
    }

    /// Whether these values describe a network, checked without allocating θ (so that values
    /// read from a file cannot make `init` trap), and its layout.
    /// - Throws: `.tooFewWidths`, `.nonPositiveWidth`, `.tooManyParameters` (`ParameterLayout`),
    ///   `.activationCountMismatch`, `.incompatibleOutputActivation` (BCE needs sigmoid output,
    ///   softmax-ce identity), `.invalidWeightDecay`.
    public static func validate(widths: [Int], activations: [Activation], loss: Loss,
                                weightDecay: Double) throws(NetworkError) -> ParameterLayout {
        let layout = try ParameterLayout(widths: widths)
        guard activations.count == widths.count - 1 else {
            throw .activationCountMismatch(expected: widths.count - 1, got: activations.count)
        }
        if let required = loss.requiredOutputActivation, activations.last != required {
            throw .incompatibleOutputActivation(loss: loss, required: required, got: activations.last!)
        }
        guard weightDecay.isFinite && weightDecay >= 0 else { throw .invalidWeightDecay(weightDecay) }
        return layout
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
