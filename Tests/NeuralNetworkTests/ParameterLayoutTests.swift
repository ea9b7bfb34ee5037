import NeuralNetwork
import Testing

/// The flat parameter layout: per layer `W` [fanIn × fanOut] row-major, then `b` [fanOut].
@Suite struct ParameterLayoutTests {
    @Test func offsetsFollowLayerByLayerWThenB() throws {
        let network = try Network<Double>(widths: [2, 3, 4, 1], activations: [.tanh, .relu, .identity], loss: .mse)
        #expect(network.widths == [2, 3, 4, 1])
        #expect(network.layers.count == 3)
        // Layer 0: W 2×3 at 0..<6, b at 6..<9; layer 1: W 3×4 at 9..<21, b at 21..<25;
        // layer 2: W 4×1 at 25..<29, b at 29.
        #expect(network.layers.map(\.weightOffset) == [0, 9, 25])
        #expect(network.layers.map(\.biasOffset) == [6, 21, 29])
        #expect(network.layers.map(\.parameterCount) == [9, 16, 5])
        #expect(network.layers.map(\.fanIn) == [2, 3, 4])
        #expect(network.layers.map(\.fanOut) == [3, 4, 1])
        #expect(network.layers.map(\.activation) == [.tanh, .relu, .identity])
        #expect(network.parameterCount == 30)
        #expect(network.parameters == [Double](repeating: 0, count: 30))
        for layer in network.layers {
            #expect(layer.biasOffset == layer.weightOffset + layer.fanIn * layer.fanOut)
        }
    }

    /// `W[k][j]` lives at `weightOffset + k·fanOut + j`: setting that one entry to 1 (all else 0)
    /// makes `z_j = x_k` and every other output 0.
    @Test func weightsAreRowMajorFanInByFanOut() throws {
        let x: [Double] = [3, 5]  // d₀ = 2
        for k in 0..<2 {
            for j in 0..<3 {
                var network = try Network<Double>(widths: [2, 3], activations: [.identity], loss: .mse)
                network.parameters[network.layers[0].weightOffset + k * 3 + j] = 1
                let z = network.forward(x, m: 1).z[0]
                var expected = [0.0, 0, 0]
                expected[j] = x[k]
                #expect(z == expected, "W[\(k)][\(j)]")
            }
        }
        var network = try Network<Double>(widths: [2, 3], activations: [.identity], loss: .mse)
        network.parameters[network.layers[0].biasOffset + 2] = 7
        #expect(network.forward(x, m: 1).z[0] == [0, 0, 7])
    }

    /// The gradient `backward` returns uses the same layout: for one identity layer and
    /// δ = (a − y)/m, `∂L/∂W[k][j] = Σ_r x[r][k]·δ[r][j]` at `k·fanOut + j`.
    @Test func gradientUsesTheParameterLayout() throws {
        // widths [2, 3], identity, mse, θ = 0 so a = 0 and δ = −y/m.
        let network = try Network<Double>(widths: [2, 3], activations: [.identity], loss: .mse)
        let batch = try network.batch(m: 2, x: [1, 2, 3, 4], y: [2, 4, 6, 8, 10, 12])
        let (loss, gradient) = network.lossAndGradient(on: batch)
        // L = (4 + 16 + 36 + 64 + 100 + 144)/(2·2) = 91.
        #expect(loss == 91)
        // δ = −y/2 = [[−1, −2, −3], [−4, −5, −6]]; ∂L/∂W[k][j] = x[0][k]δ[0][j] + x[1][k]δ[1][j].
        let expectedW: [Double] = [
            1 * -1 + 3 * -4, 1 * -2 + 3 * -5, 1 * -3 + 3 * -6,
            2 * -1 + 4 * -4, 2 * -2 + 4 * -5, 2 * -3 + 4 * -6,
        ]
        let expectedB: [Double] = [-5, -7, -9]
        #expect(gradient == expectedW + expectedB)
    }
}
