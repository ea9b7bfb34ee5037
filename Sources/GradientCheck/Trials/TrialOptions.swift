import NeuralNetwork

/// What the random trials draw from. The CLI's options map one to one onto these fields.
public struct TrialOptions: Sendable, Equatable, Codable {
    /// Depth `L` (number of dense layers), ≥ 1.
    public var layers: Int
    /// Widths `d₀ … d_L` are drawn from `1...maxWidth`.
    public var maxWidth: Int
    /// Batch size `m` is drawn from `2...maxBatch` (9 trials in 10) or is 1.
    public var maxBatch: Int
    /// Hidden activation (and output activation under MSE); `nil` draws one per layer.
    public var activation: Activation?
    /// `nil` draws one per trial.
    public var loss: Loss?
    /// The probability that a trial is drawn in the saturation regime (`SaturationRegime`), in [0, 1].
    public var saturationShare: Double
    /// The probability that a trial's network has a weight decay `λ > 0`, in [0, 1].
    public var weightDecayShare: Double
    /// Gradient-descent steps after which each trial is checked a second time (0: only at the
    /// drawn θ), and their learning rate `α`.
    public var trainSteps: Int
    public var learningRate: Double
    /// Run seed; trial `i` uses `TrialSeed.derive(seed, i)`.
    public var seed: UInt64
    /// When set, trial `i` takes its widths `d₀ … d_L` and batch size `m` from `shapes[i]`
    /// instead of drawing them (`maxWidth` and `maxBatch` then play no part); each shape has
    /// `layers + 1` widths. `nil` draws them. Encoded only when set.
    public var shapes: [TrialShape]?

    public init(layers: Int = 2, maxWidth: Int = 16, maxBatch: Int = 8, activation: Activation? = nil,
                loss: Loss? = nil, saturationShare: Double = SaturationRegime.defaultShare,
                weightDecayShare: Double = TrialGenerator.defaultWeightDecayShare, trainSteps: Int = 0,
                learningRate: Double = TrialOptions.defaultLearningRate, seed: UInt64 = 1, shapes: [TrialShape]? = nil) {
        self.layers = layers
        self.maxWidth = maxWidth
        self.maxBatch = maxBatch
        self.activation = activation
        self.loss = loss
        self.saturationShare = saturationShare
        self.weightDecayShare = weightDecayShare
        self.trainSteps = trainSteps
        self.learningRate = learningRate
        self.seed = seed
        self.shapes = shapes
    }
}

extension TrialOptions {
    /// `α = 0.1`: a few steps move θ visibly (by about `0.1·‖∂L/∂θ‖` each) without diverging on
    /// the drawn scales (`W ~ N(0, 1/fanIn)`, losses averaged over the batch).
    public static let defaultLearningRate = 0.1
}

/// Per-trial seeds, so that any trial can be drawn alone from `(seed, index)`.
public enum TrialSeed {
    /// The low 32 bits (all mt19937 reads) of SplitMix64 (Steele, Lea & Flood, 2014) applied to
    /// `seed + (index + 1)·φ`, φ = 0x9E3779B97F4A7C15: distinct trials get unrelated streams.
    public static func derive(_ seed: UInt64, _ index: Int) -> UInt32 {
        var z = seed &+ (UInt64(index) &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt32(truncatingIfNeeded: z ^ (z >> 31))
    }
}
