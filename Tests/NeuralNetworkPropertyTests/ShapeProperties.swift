import NeuralNetwork
import PropertyBased
import Testing

/// The shapes that backprop relies on, for every drawn depth, width, batch, activation and loss.
@Suite struct ShapeProperties {
    /// Proves that the forward pass caches one `z` and one `a` per layer with the layer's
    /// `m·d_{l+1}` entries, keeps `a[0] = x` as given, and that `lossAndGradient` returns one
    /// gradient entry per parameter, `Σ_l (d_l·d_{l+1} + d_{l+1})` of them. Counts are exact:
    /// no tolerance.
    @Test func forwardPassAndGradientHaveTheLayersShapes() async {
        await propertyCheck(count: 300, input: NetworkCase.generator) { sample in
            let network = try sample.network(Double.self)
            let batch = try sample.batch(Double.self)
            let pass = network.forward(batch.x, m: batch.m)
            let (d, depth) = (sample.widths, sample.widths.count - 1)
            #expect(pass.m == sample.m)
            #expect(pass.z.count == depth)
            #expect(pass.a.count == depth + 1)
            #expect(pass.a[0] == batch.x)
            for l in 0..<depth {
                #expect(pass.z[l].count == sample.m * d[l + 1], "z[\(l)]")
                #expect(pass.a[l + 1].count == sample.m * d[l + 1], "a[\(l + 1)]")
            }
            let parameterCount = (0..<depth).map { (l: Int) -> Int in d[l] * d[l + 1] + d[l + 1] }.reduce(0, +)
            #expect(network.parameterCount == parameterCount)
            #expect(network.lossAndGradient(on: batch).gradient.count == parameterCount)
        }
    }
}
