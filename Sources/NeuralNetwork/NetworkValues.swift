/// One dense layer given by value (`Network.init(layers:loss:weightDecay:)`): `z = x·W + b`,
/// `a = activation(z)`, in the row-vector convention of `DenseLayer`.
public struct LayerValues<Scalar: BinaryFloatingPoint & Sendable>: Sendable, Equatable {
    /// `W` [fanIn × fanOut]: `weights[k][j]` connects input `k` to unit `j`; every row has
    /// `fanOut` entries.
    public var weights: [[Scalar]]
    /// `b` [fanOut].
    public var biases: [Scalar]
    public var activation: Activation

    public init(weights: [[Scalar]], biases: [Scalar], activation: Activation) {
        self.weights = weights
        self.biases = biases
        self.activation = activation
    }
}

extension Network {
    /// A network with the given weights and biases, layer by layer from the input:
    /// widths `d₀ = weights.count` of the first layer, then each layer's `biases.count`.
    ///
    ///     let network = try Network<Double>(layers: [
    ///         LayerValues(weights: [[0.5, -1], [0.25, 2]], biases: [0, 0.1], activation: .tanh),
    ///         LayerValues(weights: [[1], [-1]], biases: [0], activation: .sigmoid),
    ///     ], loss: .binaryCrossEntropy)
    ///
    /// - Parameters:
    ///   - layers: at least one; layer `l`'s `weights` has `d_{l−1}` rows (the previous layer's
    ///     `biases.count`) of `d_l = biases.count` entries each.
    ///   - loss: with its required output activation (`Loss.requiredOutputActivation`).
    ///   - weightDecay: `λ ≥ 0` of the penalty `(λ/2)·Σ‖W‖²`.
    /// - Throws: `NetworkError.emptyLayer` for no layers or a layer without weights or biases,
    ///   `.shapeMismatch` naming the layer
    ///   (1-based) and the array whose count is wrong, and what
    ///   `init(widths:activations:loss:weightDecay:)` throws.
    public init(layers: [LayerValues<Scalar>], loss: Loss, weightDecay: Scalar = 0) throws(NetworkError) {
        guard let first = layers.first else { throw .emptyLayer(layer: nil, what: "layers") }
        var widths = [first.weights.count]
        var parameters: [Scalar] = []
        for (l, layer) in layers.enumerated() {
            let (fanIn, fanOut) = (widths[l], layer.biases.count)
            guard fanOut > 0 else { throw .emptyLayer(layer: l + 1, what: "biases: one per unit, and a layer needs a unit") }
            guard !layer.weights.isEmpty else { throw .emptyLayer(layer: l + 1, what: "weight rows: one per input") }
            guard layer.weights.count == fanIn else {
                throw .shapeMismatch(what: "layer \(l + 1) weights (rows, one per input)", expected: fanIn, got: layer.weights.count)
            }
            for (k, row) in layer.weights.enumerated() where row.count != fanOut {
                throw .shapeMismatch(what: "layer \(l + 1) weights row \(k) (one entry per unit; its \(fanOut) biases make "
                                     + "\(fanOut) unit\(fanOut == 1 ? "" : "s"))", expected: fanOut, got: row.count)
            }
            widths.append(fanOut)
            parameters += layer.weights.joined()
            parameters += layer.biases
        }
        try self.init(widths: widths, activations: layers.map(\.activation), loss: loss, weightDecay: weightDecay,
                      parameters: parameters)
    }
}

extension Activation {
    /// The activation of a name as the CLI spells it (`sigmoid`, `tanh`, `relu`, `leaky-relu`,
    /// `softplus`, `identity`: the raw values).
    /// - Throws: `NetworkError.unknownName` listing the names.
    public init(named name: String) throws(NetworkError) {
        guard let activation = Activation(rawValue: name) else {
            throw .unknownName(kind: "activation", name: name, known: Activation.allCases.map(\.rawValue))
        }
        self = activation
    }
}

extension Loss {
    /// The loss of a name as the CLI spells it (`mse`, `bce`, `softmax-ce`: the raw values).
    /// - Throws: `NetworkError.unknownName` listing the names.
    public init(named name: String) throws(NetworkError) {
        guard let loss = Loss(rawValue: name) else {
            throw .unknownName(kind: "loss", name: name, known: Loss.allCases.map(\.rawValue))
        }
        self = loss
    }
}
