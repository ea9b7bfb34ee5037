import GradientCheck
import NeuralNetwork
import Testing

/// `TrialOptions.shapes`: trial i takes row i's widths and m; everything else is drawn.
@Suite struct TrialShapesTests {
    static let shapes = [TrialShape(widths: [3, 1, 4], m: 2), TrialShape(widths: [20, 7, 1], m: 9),
                         TrialShape(widths: [1, 1, 2], m: 1)]

    @Test func trialTakesItsRowsShape() {
        let options = TrialOptions(layers: 2, maxWidth: 4, maxBatch: 2, seed: 3, shapes: Self.shapes)
        for (index, shape) in Self.shapes.enumerated() {
            let spec = TrialGenerator.trial(index, options: options)
            #expect(TrialShape(spec) == shape)
            #expect(spec.invalidity == nil, "\(spec.invalidity ?? "")")
            #expect(spec.parameters.count == shape.parameterCount)
        }
    }

    /// The bounds on drawn sizes play no part: only the rows do.
    @Test func maxWidthAndMaxBatchDoNotChangeAShapedTrial() {
        let a = TrialOptions(layers: 2, maxWidth: 1, maxBatch: 1, seed: 3, shapes: Self.shapes)
        let b = TrialOptions(layers: 2, maxWidth: 64, maxBatch: 64, seed: 3, shapes: Self.shapes)
        for index in Self.shapes.indices { #expect(TrialGenerator.trial(index, options: a) == TrialGenerator.trial(index, options: b)) }
    }

    /// One softmax output is a constant loss: a row with d_L = 1 never draws softmax-ce.
    @Test func oneOutputNeverDrawsSoftmax() {
        let shapes = Array(repeating: TrialShape(widths: [2, 3, 1], m: 2), count: 200)
        let losses = Set((0..<200).map { TrialGenerator.trial($0, options: TrialOptions(layers: 2, shapes: shapes)).loss })
        #expect(losses == [.mse, .binaryCrossEntropy])
    }

    @Test func parameterCountIsTheLayersWeightsAndBiases() {
        #expect(TrialShape(widths: [3, 1, 4], m: 2).parameterCount == (3 + 1) * 1 + (1 + 1) * 4)
        #expect(TrialShape(widths: [Int.max / 2, Int.max / 2], m: 1).parameterCount == nil)
    }
}
