import NeuralNetwork
import Testing

/// Every `NetworkError` that `Network.init` and `Batch.init` throw, and the valid
/// configurations next to each invalid one.
@Suite struct NetworkErrorTests {
    @Test func tooFewWidths() {
        #expect(throws: NetworkError.tooFewWidths(1)) {
            try Network<Double>(widths: [3], activations: [], loss: .mse)
        }
        #expect(throws: NetworkError.tooFewWidths(0)) {
            try Network<Double>(widths: [], activations: [], loss: .mse)
        }
        #expect(throws: Never.self) { try Network<Double>(widths: [3, 1], activations: [.identity], loss: .mse) }
    }

    @Test func nonPositiveWidth() {
        #expect(throws: NetworkError.nonPositiveWidth(layer: 1, width: 0)) {
            try Network<Double>(widths: [2, 0, 1], activations: [.tanh, .identity], loss: .mse)
        }
        #expect(throws: NetworkError.nonPositiveWidth(layer: 2, width: -1)) {
            try Network<Float>(widths: [2, 3, -1], activations: [.tanh, .identity], loss: .mse)
        }
        #expect(throws: NetworkError.nonPositiveWidth(layer: 0, width: 0)) {
            try Network<Double>(widths: [0, 1], activations: [.identity], loss: .mse)
        }
    }

    @Test func activationCountMismatch() {
        #expect(throws: NetworkError.activationCountMismatch(expected: 2, got: 1)) {
            try Network<Double>(widths: [2, 3, 1], activations: [.tanh], loss: .mse)
        }
        #expect(throws: NetworkError.activationCountMismatch(expected: 1, got: 3)) {
            try Network<Double>(widths: [2, 1], activations: [.tanh, .tanh, .identity], loss: .mse)
        }
        #expect(throws: NetworkError.activationCountMismatch(expected: 1, got: 0)) {
            try Network<Double>(widths: [2, 1], activations: [], loss: .mse)
        }
    }

    @Test func incompatibleOutputActivation() {
        #expect(throws: NetworkError.incompatibleOutputActivation(loss: .binaryCrossEntropy, required: .sigmoid, got: .tanh)) {
            try Network<Double>(widths: [2, 3, 1], activations: [.sigmoid, .tanh], loss: .binaryCrossEntropy)
        }
        #expect(throws: NetworkError.incompatibleOutputActivation(loss: .softmaxCrossEntropy, required: .identity, got: .sigmoid)) {
            try Network<Double>(widths: [2, 3, 3], activations: [.identity, .sigmoid], loss: .softmaxCrossEntropy)
        }
        // Only the output activation is constrained.
        #expect(throws: Never.self) {
            try Network<Double>(widths: [2, 3, 1], activations: [.relu, .sigmoid], loss: .binaryCrossEntropy)
        }
        #expect(throws: Never.self) {
            try Network<Double>(widths: [2, 3, 3], activations: [.sigmoid, .identity], loss: .softmaxCrossEntropy)
        }
        for activation in Activation.allCases {
            #expect(throws: Never.self) { try Network<Double>(widths: [2, 1], activations: [activation], loss: .mse) }
        }
        #expect(Loss.mse.requiredOutputActivation == nil)
        #expect(Loss.binaryCrossEntropy.requiredOutputActivation == .sigmoid)
        #expect(Loss.softmaxCrossEntropy.requiredOutputActivation == .identity)
    }

    @Test func parameterCountMismatch() throws {
        // [2, 3, 1]: 2·3 + 3 + 3·1 + 1 = 13 parameters.
        #expect(throws: NetworkError.parameterCountMismatch(expected: 13, got: 12)) {
            try Network<Double>(widths: [2, 3, 1], activations: [.tanh, .identity], loss: .mse,
                                parameters: [Double](repeating: 0.5, count: 12))
        }
        #expect(throws: NetworkError.parameterCountMismatch(expected: 13, got: 14)) {
            try Network<Double>(widths: [2, 3, 1], activations: [.tanh, .identity], loss: .mse,
                                parameters: [Double](repeating: 0.5, count: 14))
        }
        let theta = (0..<13).map { Double($0) / 8 }
        let network = try Network<Double>(widths: [2, 3, 1], activations: [.tanh, .identity], loss: .mse, parameters: theta)
        #expect(network.parameters == theta)
    }

    @Test func batchShapeMismatchAndEmptyBatch() throws {
        let network = try Network<Double>(widths: [2, 3, 1], activations: [.tanh, .identity], loss: .mse)
        #expect(throws: NetworkError.emptyBatch) { try network.batch(m: 0, x: [], y: []) }
        #expect(throws: NetworkError.emptyBatch) { try network.batch(m: -1, x: [], y: []) }
        #expect(throws: NetworkError.shapeMismatch(what: "x", expected: 4, got: 3)) {
            try network.batch(m: 2, x: [1, 2, 3], y: [1, 2])
        }
        #expect(throws: NetworkError.shapeMismatch(what: "y", expected: 2, got: 4)) {
            try network.batch(m: 2, x: [1, 2, 3, 4], y: [1, 2, 3, 4])
        }
        #expect(throws: NetworkError.shapeMismatch(what: "y", expected: 6, got: 5)) {
            try Batch<Double>(m: 3, x: [1, 2, 3], y: [1, 2, 3, 4, 5], inputWidth: 1, outputWidth: 2)
        }
        let batch = try network.batch(m: 2, x: [1, 2, 3, 4], y: [5, 6])
        #expect(batch.m == 2 && batch.x == [1, 2, 3, 4] && batch.y == [5, 6])
    }

    @Test func descriptionsNameWhatWasExpected() {
        #expect(NetworkError.parameterCountMismatch(expected: 13, got: 12).description.contains("13"))
        #expect(NetworkError.incompatibleOutputActivation(loss: .binaryCrossEntropy, required: .sigmoid, got: .tanh)
            .description.contains("sigmoid"))
        #expect(NetworkError.shapeMismatch(what: "x", expected: 4, got: 3).description.contains("x"))
    }
}
