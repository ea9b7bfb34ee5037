import NeuralNetwork
import Testing

/// `Network.hessianVectorProduct` (Pearlmutter's R-operator) against `H·v` from a Float80
/// central difference of the Float80 backprop gradient along `v`, on small random networks of
/// every activation and loss, with and without weight decay (issue 18).
///
/// The same values are exact in Double and Float80, so both evaluate one function. Error of the
/// reference `(g(θ + hv) − g(θ − hv))/2h` at `h = 2⁻²⁰ ≈ 1e-6`: truncation `h²·|g‴|/6 ≈ 2e-13·|g‴|`,
/// round-off `≈ ε₈₀·|g|/h ≈ 1e-13·|g|` (ε₈₀ = 1.1e-19). Both are below 1e-10 of `‖H·v‖∞` for
/// these networks (O(1) weights, widths ≤ 4), so the bound is the Double product's own error.
@Suite struct HessianVectorProductTests {
    /// A deterministic stream of values in [−1, 1] on a 2⁻¹⁰ grid (exact in every dtype).
    struct Values {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int((state >> 33) % 2049) - 1024) / 1024
        }
    }

    static let cases: [(Activation, Loss, Double)] = Activation.allCases.flatMap { f in
        [(f, .mse, 0), (f, .mse, 0.125)]
    } + [(.tanh, .binaryCrossEntropy, 0), (.softplus, .binaryCrossEntropy, 0.0625),
         (.sigmoid, .softmaxCrossEntropy, 0), (.tanh, .softmaxCrossEntropy, 0.125)]

    @Test("H·v agrees with a Float80 central difference of the gradient to 1e-10 relative", arguments: cases.indices)
    func agreesWithFloat80Differences(_ k: Int) throws {
        let (hidden, loss, decay) = Self.cases[k]
        for seed in 0..<12 {
            var values = Values(state: UInt64(seed * 7919 + k))
            let widths = [3, 4, 2 + seed % 3]
            let output = loss.requiredOutputActivation ?? hidden
            let network = try Network<Double>(widths: widths, activations: [hidden, output], loss: loss, weightDecay: decay)
            let theta = (0..<network.parameterCount).map { _ in values.next() }
            let v = (0..<network.parameterCount).map { _ in values.next() }
            let m = 3
            let x = (0..<(m * widths[0])).map { _ in 2 * values.next() }
            let y: [Double] = (0..<(m * widths[2])).map { _ in
                loss == .mse ? values.next() : (values.next() > 0 ? 1 : 0)
            }
            var double = network
            double.parameters = theta
            let hv = double.hessianVectorProduct(v, on: try double.batch(m: m, x: x, y: y))

            var wide = try Network<Float80>(widths: widths, activations: [hidden, output], loss: loss, weightDecay: Float80(decay))
            let batch80 = try wide.batch(m: m, x: x.map(Float80.init), y: y.map(Float80.init))
            let h: Float80 = 0x1p-20
            func gradient(_ t: Float80) -> [Float80] {
                wide.parameters = zip(theta, v).map { Float80($0) + t * Float80($1) }
                return wide.lossAndGradient(on: batch80).gradient
            }
            let (plus, minus) = (gradient(h), gradient(-h))
            let reference = zip(plus, minus).map { Double(($0 - $1) / (2 * h)) }
            // A ReLU-like unit within h of its kink makes the difference a chord: skip that draw.
            if [hidden, output].contains(where: \.hasKink) {
                wide.parameters = theta.map(Float80.init)
                let pass = wide.forward(batch80.x, m: m)
                if pass.z.flatMap({ $0 }).contains(where: { abs($0) < 1e-3 }) { continue }
            }
            let scale = reference.map(abs).max() ?? 0
            let error = zip(hv, reference).map { abs($0 - $1) }.max() ?? 0
            #expect(scale > 0 || hv.allSatisfy { $0 == 0 }, "\(hidden) \(loss) seed \(seed): H·v is 0")
            #expect(error <= 1e-10 * scale, "\(hidden) \(loss) λ \(decay) seed \(seed): ‖Hv − ref‖∞ = \(error), ‖ref‖∞ = \(scale)")
        }
    }

    /// The acceptance test as issue 18 words it: the whole Hessian by Float80 central differences
    /// of the gradient, one column per parameter (`H e_j ≈ (g(θ + h e_j) − g(θ − h e_j))/2h`), times
    /// `v`, against the R-operator in Double, to 1e-10 relative; same error budget as above.
    @Test("H·v agrees with a Float80 finite-difference Hessian times v to 1e-10 relative", arguments: cases.indices)
    func agreesWithFloat80Hessian(_ k: Int) throws {
        let (hidden, loss, decay) = Self.cases[k]
        for seed in 0..<4 {
            var values = Values(state: UInt64(seed * 104_729 + k + 1))
            let widths = [2, 3, 2 + seed % 2]
            let output = loss.requiredOutputActivation ?? hidden
            var network = try Network<Double>(widths: widths, activations: [hidden, output], loss: loss, weightDecay: decay)
            network.parameters = (0..<network.parameterCount).map { _ in values.next() }
            let theta = network.parameters
            let v = (0..<network.parameterCount).map { _ in values.next() }
            let m = 2
            let x = (0..<(m * widths[0])).map { _ in 2 * values.next() }
            let y: [Double] = (0..<(m * widths[2])).map { _ in loss == .mse ? values.next() : (values.next() > 0 ? 1 : 0) }
            let hv = network.hessianVectorProduct(v, on: try network.batch(m: m, x: x, y: y))

            var wide = try Network<Float80>(widths: widths, activations: [hidden, output], loss: loss, weightDecay: Float80(decay))
            let batch80 = try wide.batch(m: m, x: x.map(Float80.init), y: y.map(Float80.init))
            if [hidden, output].contains(where: \.hasKink) {
                wide.parameters = theta.map(Float80.init)
                if wide.forward(batch80.x, m: m).z.flatMap({ $0 }).contains(where: { abs($0) < 1e-3 }) { continue }
            }
            let h: Float80 = 0x1p-20
            var product = [Float80](repeating: 0, count: theta.count)
            for j in theta.indices {
                func gradient(_ t: Float80) -> [Float80] {
                    wide.parameters = theta.map(Float80.init)
                    wide.parameters[j] += t
                    return wide.lossAndGradient(on: batch80).gradient
                }
                let (plus, minus) = (gradient(h), gradient(-h))
                for i in theta.indices { product[i] += (plus[i] - minus[i]) / (2 * h) * Float80(v[j]) }
            }
            let reference = product.map { Double($0) }
            let scale = reference.map(abs).max() ?? 0
            let error = zip(hv, reference).map { abs($0 - $1) }.max() ?? 0
            #expect(error <= 1e-10 * scale, "\(hidden) \(loss) λ \(decay) seed \(seed): ‖Hv − H_fd·v‖∞ = \(error), ‖H_fd·v‖∞ = \(scale)")
        }
    }
}
