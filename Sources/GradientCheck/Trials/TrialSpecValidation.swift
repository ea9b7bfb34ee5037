import NeuralNetwork

extension TrialSpec {
    /// Why these values cannot be a trial (e.g. read from a case file), or `nil`.
    ///
    /// Checked before anything is allocated, with overflow-safe arithmetic, so that a
    /// hand-edited file cannot make `objective(_:)` trap: the widths, one activation per layer,
    /// the loss's required output activation, the descent settings and weight decay, `θ` of `Σ_l (d_{l−1}·d_l + d_l)` values, `x`
    /// [m × d₀], `y` [m × d_L], and every value exactly a Float (the two dtypes must see one
    /// function) or non-finite.
    public var invalidity: String? {
        guard index >= 0 else { return "index \(index) is negative" }
        guard widths.count >= 2 else { return "widths \(widths) has fewer than 2 entries (input and output)" }
        if let bad = widths.firstIndex(where: { $0 < 1 }) { return "width d\(bad) is \(widths[bad]); widths must be ≥ 1" }
        guard activations.count == widths.count - 1 else {
            return "\(activations.count) activations for \(widths.count - 1) layers"
        }
        if let required = loss.requiredOutputActivation, activations.last != required {
            return "loss \(loss.rawValue) needs output activation \(required.rawValue), got \(activations.last!.rawValue)"
        }
        guard m >= 1 else { return "batch size m is \(m); it must be ≥ 1" }
        guard trainSteps >= 0 else { return "trainSteps \(trainSteps) is negative" }
        guard learningRate.isFinite && learningRate > 0 else { return "learningRate \(learningRate) is not a finite number > 0" }
        guard weightDecay.isFinite && weightDecay >= 0 else { return "weightDecay \(weightDecay) is not a finite number ≥ 0" }
        guard let expected = TrialShape(self).parameterCount else { return "widths \(widths) are too large" }
        let arrays = [("parameters", parameters, Optional(expected)),
                      ("x", x, Self.product(m, widths[0])), ("y", y, Self.product(m, widths[widths.count - 1]))]
        for (name, values, count) in arrays {
            guard values.count == count else {
                return "\(name) has \(values.count) values, widths \(widths) and m = \(m) need \(count.map(String.init) ?? "too many")"
            }
            if let k = values.firstIndex(where: { $0.isFinite && Double(Float($0)) != $0 }) {
                return "\(name)[\(k)] = \(values[k]) is not a Float value"
            }
        }
        return nil
    }

    static func product(_ a: Int, _ b: Int) -> Int? {
        let (p, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : p
    }
}
