import Foundation
import NeuralNetwork
import RealModule
import Testing

/// `accumulateLayerGradient` and `propagate` run blocked, on raw storage, yet keep the
/// documented order of every sum, so their results are bitwise those of the plain loops below
/// (BP3, BP4 and BP2 of `Network.backward`): a reordering, say by a compiler allowed to
/// reassociate, would change bits that reports and baselines record.
@Suite struct BackpropagationOrderTests {
    /// Widths and batch sizes around the 4-wide blocks: 1, below, at, and past a multiple of 4.
    static let shapes: [(widths: [Int], m: Int)] = [
        ([1, 1], 1), ([3, 5, 2], 2), ([4, 8, 4], 4), ([9, 7, 13, 6], 5), ([16, 5, 11], 7),
    ]

    /// `∂L/∂W = aᵀ·δ`, `∂L/∂b = Σ_rows δ`, each element summed over rows `r = 0, 1, …` in order.
    static func plainLayerGradient<T: BinaryFloatingPoint>(delta: [T], input: [T], m: Int, layer: DenseLayer,
                                                          into gradient: inout [T]) {
        for r in 0..<m {
            for k in 0..<layer.fanIn {
                for j in 0..<layer.fanOut {
                    gradient[layer.weightOffset + k * layer.fanOut + j] += input[r * layer.fanIn + k] * delta[r * layer.fanOut + j]
                }
            }
            for j in 0..<layer.fanOut { gradient[layer.biasOffset + j] += delta[r * layer.fanOut + j] }
        }
    }

    /// `(δ·Wᵀ)[r][k] = 0 + δ[r][0]·W[k][0] + δ[r][1]·W[k][1] + …`, then `⊙ f'`.
    static func plainPropagate<T: BinaryFloatingPoint>(delta: [T], m: Int, layer: DenseLayer, theta: [T],
                                                      derivative: (Int) -> T) -> [T] {
        var result = [T](repeating: 0, count: m * layer.fanIn)
        for r in 0..<m {
            for k in 0..<layer.fanIn {
                var sum: T = 0
                for j in 0..<layer.fanOut { sum += delta[r * layer.fanOut + j] * theta[layer.weightOffset + k * layer.fanOut + j] }
                result[r * layer.fanIn + k] = sum * derivative(r * layer.fanIn + k)
            }
        }
        return result
    }

    /// Equal values with equal signs (so +0 ≠ −0); the values here are finite.
    static func bitwiseEqual<T: BinaryFloatingPoint>(_ a: [T], _ b: [T]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 && $0.sign == $1.sign }
    }

    @Test("Float: bitwise the plain loops")
    func float() throws { try check(Float.self) }

    @Test("Double: bitwise the plain loops")
    func double() throws { try check(Double.self) }

    func check<T: Real & BinaryFloatingPoint & Sendable>(_: T.Type) throws {
        for (widths, m) in Self.shapes {
            let layers = widths.count - 1
            var network = try Network<T>(widths: widths, activations: Array(repeating: .tanh, count: layers), loss: .mse)
            // Values of mixed signs and magnitudes, so that the sums round at every step.
            network.parameters = network.parameters.indices.map { T(1.3 * sin(2.1 * Double($0) + 0.4)) }
            let x = (0..<m * widths[0]).map { T(cos(1.9 * Double($0) + 0.2)) }
            let y = (0..<m * widths[layers]).map { T(0.7 * sin(0.8 * Double($0))) }
            let batch = try network.batch(m: m, x: x, y: y)
            let pass = network.forward(batch.x, m: m)
            let (_, gradient) = network.backward(pass, batch: batch)

            var plain = [T](repeating: 0, count: network.parameters.count)
            var delta = Loss.mse.outputDelta(z: pass.z[layers - 1], a: pass.a[layers], y: batch.y, m: m,
                                              activation: .tanh)
            for l in stride(from: layers - 1, through: 0, by: -1) {
                let layer = network.layers[l]
                Self.plainLayerGradient(delta: delta, input: pass.a[l], m: m, layer: layer, into: &plain)
                guard l > 0 else { continue }
                let (z, a) = (pass.z[l - 1], pass.a[l])
                let plainDelta = Self.plainPropagate(delta: delta, m: m, layer: layer, theta: network.parameters) {
                    Activation.tanh.derivative(z: z[$0], a: a[$0])
                }
                delta = Network<T>.propagate(delta: delta, m: m, layer: layer, parameters: network.parameters,
                                             activation: .tanh, z: z, a: a)
                #expect(Self.bitwiseEqual(delta, plainDelta), "δ of layer \(l - 1), \(widths) m = \(m)")
            }
            #expect(Self.bitwiseEqual(gradient, plain), "gradient, \(widths) m = \(m)")
        }
    }
}
