import NeuralNetwork
import Testing

/// `ParameterLayout`: the one statement of θ's layout, names and ranges.
@Suite struct ParameterLayoutValuesTests {
    @Test func tensorsAreNamedAndTileTheta() throws {
        let layout = try ParameterLayout(widths: [2, 3, 1])
        #expect(layout.tensors.map(\.name) == ["W1", "b1", "W2", "b2"])
        #expect(layout.tensors.map(\.range) == [0..<6, 6..<9, 9..<12, 12..<13])
        #expect(layout.tensors.map(\.shape) == [[2, 3], [3], [3, 1], [1]])
        #expect(layout.parameterCount == 13 && layout.layers == 2)
        #expect(layout.weights(2) == 9..<12 && layout.biases(1) == 6..<9)
        #expect(layout.weight(1, row: 1, column: 2) == 5 && layout.weight(2, row: 2, column: 0) == 11)
        #expect(layout.bias(1, 2) == 8 && layout.bias(2, 0) == 12)
        #expect(ParameterLayout.names(layers: 2) == layout.tensors.map(\.name))
        #expect(ParameterLayout.names(layers: 0).isEmpty)
    }

    /// The network's own offsets are the layout's.
    @Test func networkOffsetsAreTheLayouts() throws {
        let network = try Network<Float>(widths: [4, 2, 5, 3], activations: [.relu, .tanh, .identity], loss: .mse)
        for (l, layer) in network.layers.enumerated() {
            #expect(network.layout.weights(l + 1).lowerBound == layer.weightOffset)
            #expect(network.layout.biases(l + 1) == layer.biasOffset..<layer.biasOffset + layer.fanOut)
        }
        #expect(network.layout.parameterCount == network.parameterCount)
    }

    /// Widths whose parameter count overflows, and other invalid values, throw before anything
    /// is allocated.
    @Test func invalidValuesThrow() {
        #expect(throws: NetworkError.tooManyParameters(widths: [Int.max / 2, 4])) { try ParameterLayout(widths: [Int.max / 2, 4]) }
        #expect(throws: NetworkError.tooFewWidths(1)) { try ParameterLayout(widths: [3]) }
        #expect(throws: NetworkError.nonPositiveWidth(layer: 1, width: 0)) { try ParameterLayout(widths: [3, 0]) }
        #expect(throws: NetworkError.invalidWeightDecay(-1)) {
            try Network<Double>.validate(widths: [1, 1], activations: [.identity], loss: .mse, weightDecay: -1)
        }
        #expect(throws: NetworkError.shapeMismatch(what: "x", expected: .max, got: 3)) {
            try Batch<Double>.validate(m: Int.max, xCount: 3, yCount: 1, inputWidth: 2, outputWidth: 1)
        }
    }
}
