import NeuralNetwork
import RealModule
import Testing

/// A `NetworkCase` in Double and one gradient-descent step on it, `θ' = θ − α·g` with
/// `α = 1e-3/max(1, ‖g‖)`, kept only where that step's decrease is both guaranteed by Taylor's
/// theorem and resolvable in Double (see `init`).
struct DescentCase: Sendable, CustomTestStringConvertible {
    let sample: NetworkCase
    let batch: Batch<Double>
    let loss: Double
    let gradientNorm: Double
    let learningRate: Double
    let stepped: Network<Double>

    /// `nil` (the generator draws again) when the step cannot show a decrease:
    /// - `g = 0`: nothing to descend (dead relu networks, one softmax output);
    /// - a kinked unit (relu, leaky-relu) changes sign during the step: `L` is then not smooth
    ///   along the step and Taylor's theorem does not apply;
    /// - `α‖g‖² ≤ 2·noise`, the rounding noise being the error bounds of both losses
    ///   (`LossErrorBound`) plus the effect of rounding `θ'` itself, whose entries are off from
    ///   `θ_i − α·g_i` by `u·(α|g_i| + |θ'_i|)` and so move `L` by up to `Σ_i |g_i|` times that.
    ///   This derived bound replaces the rule of thumb `α‖g‖² < 100·ε·|L|`: the error of `L`
    ///   is relative to the magnitudes inside it, not to `|L|`, which can be near 0.
    init?(_ sample: NetworkCase) {
        guard let network = try? sample.network(Double.self), let batch = try? sample.batch(Double.self) else {
            return nil
        }
        let (loss, gradient) = network.lossAndGradient(on: batch)
        let normSquared = gradient.reduce(0) { $0 + $1 * $1 }
        guard normSquared > 0 else { return nil }
        let alpha = 1e-3 / max(1, normSquared.squareRoot())
        var stepped = network
        stepped.descend(along: gradient, learningRate: alpha)
        guard Self.kinkSigns(network, batch) == Self.kinkSigns(stepped, batch) else { return nil }

        let rounding = Rounding(Double.self)
        let stepRounding = zip(gradient, stepped.parameters).reduce(0.0) { total, pair in
            total + abs(pair.0) * rounding.u * (alpha * abs(pair.0) + abs(pair.1))
        }
        let noise = LossErrorBound.bound(of: network, on: batch, in: rounding)
            + LossErrorBound.bound(of: stepped, on: batch, in: rounding) + stepRounding
        guard alpha * normSquared > 2 * noise else { return nil }

        self.sample = sample
        self.batch = batch
        self.loss = loss
        self.gradientNorm = normSquared.squareRoot()
        self.learningRate = alpha
        self.stepped = stepped
    }

    /// `z > 0` (the branch relu and leaky-relu take) for every unit of every kinked layer.
    static func kinkSigns(_ network: Network<Double>, _ batch: Batch<Double>) -> [Bool] {
        let pass = network.forward(batch.x, m: batch.m)
        return zip(network.layers, pass.z).flatMap { layer, z in layer.activation.hasKink ? z.map { $0 > 0 } : [] }
    }

    var testDescription: String {
        "\(sample.testDescription), L = \(loss), ‖g‖ = \(gradientNorm), α = \(learningRate)"
    }
}
