import NeuralNetwork

/// The saturation regime of a trial: its weights or its inputs multiplied by a large power of
/// two, so that sigmoid and tanh units sit on their flat tails and softmax logits are large.
///
/// Ordinary trials draw `W ~ N(0, 1/fanIn)` and `x ~ N(0, 1)`, which keeps `|z|` near 1 where
/// every unit is live: bugs and false alarms that only appear in saturation (a naive
/// `log(1 − σ(z))`, an overflowing `e^z`, `σ'(z)` rounding to 0) would never be drawn. A power
/// of two keeps every value exactly representable in Float.
public struct SaturationRegime: Sendable, Equatable, Codable {
    public enum Target: String, Sendable, Codable {
        /// Every weight matrix `W_l` (not the biases).
        case weights
        /// The inputs `x`.
        case inputs
    }

    public var target: Target
    /// `2^k`, `k` uniform on `3...5`: 8, 16 or 32.
    public var factor: Double

    /// The share of trials drawn in this regime unless `TrialOptions.saturationShare` says
    /// otherwise: one in ten.
    public static let defaultShare = 0.1
}

extension SaturationRegime {
    enum CodingKeys: String, CodingKey {
        case target, factor
    }

    /// Writes this as the object under `key` of `parent`, what `parent.encode(self, forKey: key)`
    /// writes (the target as its raw value), without JSONEncoder's generic path
    /// (`ConcreteEncoding.swift`).
    package func encode<Key: CodingKey>(in parent: inout KeyedEncodingContainer<Key>, forKey key: Key) throws {
        var container = parent.nestedContainer(keyedBy: CodingKeys.self, forKey: key)
        try container.encode(target.rawValue, forKey: .target)
        try container.encode(factor, forKey: .factor)
    }
}

extension TrialSpec {
    /// Applies `saturation` to the weights or the inputs (exactly: the factor is a power of 2).
    mutating func saturate(_ saturation: SaturationRegime) {
        self.saturation = saturation
        switch saturation.target {
        case .inputs:
            x = x.map { $0 * saturation.factor }
        case .weights:
            for tensor in layout.tensors where tensor.kind == .weights {
                for i in tensor.range { parameters[i] *= saturation.factor }
            }
        }
    }
}
