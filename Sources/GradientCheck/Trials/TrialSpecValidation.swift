import NeuralNetwork

extension TrialSpec {
    /// Why these values cannot be a trial (e.g. read from a case file), or `nil`.
    ///
    /// Checked before anything is allocated, with overflow-safe arithmetic, so that a
    /// hand-edited file cannot make `objective(_:)` trap: the network's own validation
    /// (`Network.validate`: widths, activations, the loss's output activation, weight decay) and
    /// the batch's (`Batch.validate`: `x` [m × d₀], `y` [m × d_L]), θ of the layout's size, the
    /// descent settings, and every value exactly a Float (the two dtypes must see one function)
    /// or non-finite.
    public var invalidity: String? {
        guard index >= 0 else { return "index \(index) is negative" }
        let layout: ParameterLayout
        do {
            layout = try Network<Double>.validate(widths: widths, activations: activations, loss: loss, weightDecay: weightDecay)
            guard parameters.count == layout.parameterCount else {
                throw NetworkError.parameterCountMismatch(expected: layout.parameterCount, got: parameters.count)
            }
            try Batch<Double>.validate(m: m, xCount: x.count, yCount: y.count, inputWidth: widths[0],
                                       outputWidth: widths[widths.count - 1])
        } catch {
            return "\(error)"
        }
        guard trainSteps >= 0 else { return "trainSteps \(trainSteps) is negative" }
        guard learningRate.isFinite && learningRate > 0 else { return "learningRate \(learningRate) is not a finite number > 0" }
        for (name, values) in [("parameters", parameters), ("x", x), ("y", y)] {
            if let k = values.firstIndex(where: { $0.isFinite && Double(Float($0)) != $0 }) {
                return "\(name)[\(k)] = \(values[k]) is not a Float value"
            }
        }
        return nil
    }
}
