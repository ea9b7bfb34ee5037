import NeuralNetwork
import RealModule
import Testing

/// `IncrementalLoss` against a full forward pass at the changed θ: bitwise where its doc says
/// so, else within the first-order round-off bound it documents.
@Suite struct IncrementalLossTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var widths: [Int]
        var activation: Activation
        var loss: Loss
        var weightDecay: Double
        var testDescription: String { "\(widths) \(activation.rawValue)/\(loss.rawValue) λ=\(weightDecay)" }
    }

    static let cases: [Case] = {
        var cases: [Case] = []
        for widths in [[3, 4], [3, 5, 2], [4, 3, 6, 3]] {
            for activation in Activation.allCases {
                for loss in Loss.allCases {
                    for weightDecay in [0, 1.0 / 16] {
                        cases.append(Case(widths: widths, activation: activation, loss: loss, weightDecay: weightDecay))
                    }
                }
            }
        }
        return cases
    }()

    /// A deterministic network and batch (m = 3) of `c`'s shape, values of size ~1.
    static func setup<T: Real & BinaryFloatingPoint & Sendable>(_ c: Case, _: T.Type) throws -> (Network<T>, Batch<T>) {
        var activations = [Activation](repeating: c.activation, count: c.widths.count - 1)
        if let required = c.loss.requiredOutputActivation { activations[activations.count - 1] = required }
        var network = try Network<T>(widths: c.widths, activations: activations, loss: c.loss, weightDecay: T(c.weightDecay))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> T {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return T(Double(state >> 11) / Double(1 << 53) * 2 - 1)
        }
        network.parameters = network.parameters.map { _ in next() }
        let m = 3
        let n = c.widths[c.widths.count - 1]
        var y = (0..<m * n).map { _ in (next() + 1) / 2 }
        if c.loss == .binaryCrossEntropy { y = y.map { $0 > 0.5 ? 1 : 0 } }
        if c.loss == .softmaxCrossEntropy { y = (0..<m * n).map { $0 % n == $0 / n % n ? 1 : 0 } }
        return (network, try network.batch(m: m, x: (0..<m * c.widths[0]).map { _ in next() }, y: y))
    }

    @Test("equals the full pass: bitwise for output-layer parameters, else within the documented bound",
          arguments: cases)
    func matchesFullPass(_ c: Case) throws {
        try compare(c, Double.self)
        try compare(c, Float.self)
    }

    func compare<T: Real & BinaryFloatingPoint & Sendable>(_ c: Case, _: T.Type) throws {
        let (network, batch) = try Self.setup(c, T.self)
        let incremental = IncrementalLoss(network: network, batch: batch)
        let output = network.layers[network.layers.count - 1]
        for i in network.parameters.indices {
            for value in [network.parameters[i] + 1 / 128, network.parameters[i] - 1 / 128, network.parameters[i] * 3] {
                var changed = network
                changed.parameters[i] = value
                let full = changed.loss(on: batch)
                let fast = incremental.loss(setting: i, to: value)
                let isBias = network.layers.contains { ($0.biasOffset..<$0.biasOffset + $0.fanOut).contains(i) }
                if i >= output.weightOffset && (c.weightDecay == 0 || isBias) {
                    #expect(fast == full, "θ_\(i) = \(value): \(fast) vs \(full)")
                } else {
                    let bound = Self.bound(changed, batch: batch, parameter: i)
                    #expect(abs(fast - full) <= bound, "θ_\(i) = \(value): |\(fast) − \(full)| > \(bound)")
                }
            }
        }
    }

    /// The doc comment's first-order bound at the changed θ for a parameter of layer `l`:
    /// `2γ_{d_l+2}·Σ|δ_{l+1}|·T` for the rank-1 update, `2γ_P·(λ/2)·S` for the penalty, and
    /// twice the full pass's own round-off after `z_{l+1}` (both evaluations make it, on inputs
    /// that differ), `2γ_{w+4}·(|L| + Σ_{l' > l+1} Σ|δ_{l'}|·T_{l'})` with `w` the widest layer.
    static func bound<T: Real & BinaryFloatingPoint & Sendable>(_ network: Network<T>, batch: Batch<T>,
                                                                parameter i: Int) -> T {
        let u = T.ulpOfOne / 2
        func gamma(_ n: Int) -> T { T(n) * u / (1 - T(n) * u) }
        let layers = network.layers
        let l = layers.firstIndex { i < $0.biasOffset + $0.fanOut }!
        let pass = network.forward(batch.x, m: batch.m)
        let last = layers.count - 1
        var deltas = [[T]](repeating: [], count: layers.count)
        deltas[last] = network.loss.outputDelta(z: pass.z[last], a: pass.a[last + 1], y: batch.y, m: batch.m,
                                                activation: layers[last].activation)
        for k in stride(from: last, to: 0, by: -1) {
            deltas[k - 1] = Network<T>.propagate(delta: deltas[k], m: batch.m, layer: layers[k], parameters: network.parameters,
                                                 activation: layers[k - 1].activation, z: pass.z[k - 1], a: pass.a[k])
        }
        /// `Σ_{r,c} |δ_k[r][c]|·(|b_c| + Σ_j |a_{k−1}[r][j]·W_k[j][c]|)`.
        func weighted(_ k: Int) -> T {
            let layer = layers[k]
            var total: T = 0
            for r in 0..<batch.m {
                for c in 0..<layer.fanOut {
                    var t = abs(network.parameters[layer.biasOffset + c])
                    for j in 0..<layer.fanIn {
                        t += abs(pass.a[k][r * layer.fanIn + j] * network.parameters[layer.weightOffset + j * layer.fanOut + c])
                    }
                    total += abs(deltas[k][r * layer.fanOut + c]) * t
                }
            }
            return total
        }
        let widest = layers.map(\.fanOut).max()! + layers[0].fanIn
        var bound: T = 0
        if l < last { bound += 2 * gamma(layers[l].fanOut + 2) * weighted(l + 1) }
        var downstream = abs(network.loss(on: batch))
        if l + 2 <= last { for k in l + 2...last { downstream += weighted(k) } }
        bound += 2 * gamma(widest + 4) * downstream
        if network.weightDecay > 0 {
            bound += 2 * gamma(network.parameters.count) * network.weightPenalty()
        }
        return bound
    }
}
