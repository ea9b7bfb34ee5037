import NeuralNetwork

/// Draws trial `index` of a run from `TrialOptions` with a GSL mt19937 seeded by
/// `TrialSeed.derive(options.seed, index)`; the same `(options, index)` always gives the same
/// trial, whatever else the run does.
///
/// What is drawn, in order:
/// - loss: `options.loss`, or uniform over all losses (softmax-ce only when `maxWidth ≥ 2`);
/// - widths `d₀ … d_L` uniform on `1...maxWidth`; a layer that came out square
///   (`d_{l} = d_{l+1}`) is redrawn among the other widths with probability 0.8, so most layers
///   are non-square (transposition bugs need that); softmax-ce gets `d_L ≥ 2`;
/// - batch size `m`: uniform on `2...maxBatch` with probability 0.9, else 1 (a missing `1/m`
///   hides at `m = 1`);
/// - activations: `options.activation` or uniform per hidden layer; the output layer takes the
///   loss's required activation (sigmoid for bce, identity for softmax-ce), else as hidden;
/// - `W ~ N(0, 1/fanIn)` (LeCun et al., "Efficient BackProp", 1998), `b ~ N(0, 0.1²)`,
///   `x ~ N(0, 1)`;
/// - targets `y`: bce `{0, 1}` with p = ½; softmax-ce one-hot; mse `U(0, 1)` under sigmoid,
///   `U(−1, 1)` under tanh, `N(0, 1)` otherwise;
/// - with probability `options.saturationShare` (default 1 in 10) the saturation regime
///   (`SaturationRegime`): all weight matrices or the inputs (½ each) times 8, 16 or 32. Drawn after
///   the values above, so that they do not depend on it;
/// - weight decay `λ`: with probability `options.weightDecayShare` (default ½) uniform on
///   `weightDecays`, so that a gradient that drops or misplaces `λ·W` shows; else 0, so that
///   the unregularised loss is checked as such. Drawn last, so every value above is what a
///   generator without `λ` drew.
/// Every value is rounded to Float (see `TrialSpec`).
///
/// With `options.shapes`, the widths and `m` of trial `i` are `shapes[i]` and are not drawn (the
/// loss is drawn among those the output width allows), so every later draw comes earlier in the
/// stream: such a trial's values differ from those of the same index without shapes. Without
/// shapes the stream is unchanged.
public enum TrialGenerator {
    public static func trial(_ index: Int, options: TrialOptions) -> TrialSpec {
        let seed = TrialSeed.derive(options.seed, index)
        let rng = RandomSource(seed: seed)
        let shape = options.shapes.map { shapes in
            precondition(shapes.indices.contains(index) && shapes[index].widths.count == options.layers + 1,
                         "trial \(index) has no \(options.layers)-layer shape among \(shapes.count)")
            return shapes[index]
        }
        // One softmax output is a constant loss: never drawn when the output width cannot reach 2.
        let outputReachesTwo = shape.map { $0.widths[options.layers] >= 2 } ?? (options.maxWidth >= 2)
        let loss = options.loss ?? rng.pick(outputReachesTwo ? Loss.allCases : [.mse, .binaryCrossEntropy])
        let widths = shape?.widths ?? drawWidths(rng, options: options, loss: loss)
        let m = shape?.m ?? (options.maxBatch >= 2 && rng.bernoulli(0.9) ? rng.integer(in: 2...options.maxBatch) : 1)
        var activations = (0..<options.layers).map { _ in options.activation ?? rng.pick(Activation.allCases) }
        if let required = loss.requiredOutputActivation { activations[activations.count - 1] = required }

        let layout = try! ParameterLayout(widths: widths)
        var parameters = [Double](repeating: 0, count: layout.parameterCount)
        for tensor in layout.tensors {
            let sigma = tensor.kind == .weights ? (1 / Double(tensor.shape[0])).squareRoot() : 0.1
            for i in tensor.range { parameters[i] = rng.gaussian(sigma: sigma) }
        }
        let x = (0..<m * widths[0]).map { _ in rng.gaussian(sigma: 1) }
        let y = drawTargets(rng, loss: loss, output: activations[activations.count - 1], m: m, n: widths[widths.count - 1])
        func float(_ v: [Double]) -> [Double] { v.map { Double(Float($0)) } }
        var spec = TrialSpec(index: index, trialSeed: seed, widths: widths, m: m, activations: activations,
                             loss: loss, parameters: float(parameters), x: float(x), y: float(y),
                             trainSteps: options.trainSteps, learningRate: options.learningRate)
        if rng.bernoulli(options.saturationShare) {
            spec.saturate(SaturationRegime(target: rng.bernoulli(0.5) ? .weights : .inputs,
                                     factor: Double(1 << rng.integer(in: 3...5))))
        }
        // Drawn as the chance of λ = 0, which keeps the default trials those that the first
        // version of weight decay (λ = 0 with probability ½) drew, and that tests pin.
        spec.weightDecay = rng.bernoulli(1 - options.weightDecayShare) ? 0 : rng.pick(weightDecays)
        return spec
    }

    /// The nonzero weight decays drawn: `2⁻⁴ … 2⁻⁸` (0.0625 … 0.0039), the range of common
    /// practice, exact in Float and Double so both dtypes check one function.
    public static let weightDecays: [Double] = (4...8).map { 1 / Double(1 << $0) }

    /// The share of trials with `λ > 0` unless `TrialOptions.weightDecayShare` says otherwise.
    public static let defaultWeightDecayShare = 0.5

    static func drawWidths(_ rng: RandomSource, options: TrialOptions, loss: Loss) -> [Int] {
        var widths = [rng.integer(in: 1...options.maxWidth)]
        for l in 1...options.layers {
            let isOutput = l == options.layers
            let lower = isOutput && loss == .softmaxCrossEntropy ? min(2, options.maxWidth) : 1
            var w = rng.integer(in: lower...options.maxWidth)
            let previous = widths[l - 1]
            if w == previous && options.maxWidth > lower && rng.bernoulli(0.8) {
                w = rng.integer(in: lower...options.maxWidth - 1)
                if w >= previous { w += 1 }
            }
            widths.append(w)
        }
        return widths
    }

    static func drawTargets(_ rng: RandomSource, loss: Loss, output: Activation, m: Int, n: Int) -> [Double] {
        switch loss {
        case .binaryCrossEntropy:
            return (0..<m * n).map { _ in rng.bernoulli(0.5) ? 1 : 0 }
        case .softmaxCrossEntropy:
            var y = [Double](repeating: 0, count: m * n)
            for r in 0..<m { y[r * n + rng.integer(in: 0...n - 1)] = 1 }
            return y
        case .mse:
            switch output {
            case .sigmoid: return (0..<m * n).map { _ in rng.uniform() }
            case .tanh: return (0..<m * n).map { _ in 2 * rng.uniform() - 1 }
            default: return (0..<m * n).map { _ in rng.gaussian(sigma: 1) }
            }
        }
    }
}
