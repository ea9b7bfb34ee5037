import NeuralNetwork

extension NetworkObjective {
    /// The parameters that feed only saturated units, with why.
    ///
    /// A unit counts when it is saturated at level `ε` (`Activation.isSaturated`, computed in
    /// `Scalar`) in every row of the batch: sigmoid or tanh near ±1 (`σ'(50)` rounds to exactly 0
    /// in Double), softplus far left. The gradient through it is then below what the dtype
    /// resolves, though not mathematically 0 (unlike a dead ReLU, whose exact 0 is a real match). Its incoming
    /// column `W_l[·, j]` and bias `b_l[j]` are listed; when every unit of layer `l` is
    /// saturated, so is everything before layer `l`. The output layer counts only under MSE:
    /// the cross-entropy deltas `(a − y)/m` do not pass through `f'`.
    @inlinable
    public func untestableParameters() -> [Int: String] {
        let layers = network.layers
        guard layers.contains(where: \.activation.saturates) else { return [:] }
        let pass = network.forward(batch.x, m: batch.m)
        var reasons: [Int: String] = [:]
        for (l, layer) in layers.enumerated().reversed() where layer.activation.saturates {
            if l == layers.count - 1 && network.loss != .mse { continue }
            let saturated = (0..<layer.fanOut).filter { j in
                (0..<batch.m).allSatisfy { r in
                    let i = r * layer.fanOut + j
                    return layer.activation.isSaturated(z: pass.z[l][i], a: pass.a[l + 1][i], below: Scalar.ulpOfOne)
                }
            }
            for j in saturated {
                let why = "unit \(j) of layer \(l + 1) (\(layer.activation.rawValue)) is saturated: f'(z) < ε in all \(batch.m) rows"
                for k in 0..<layer.fanIn { reasons[network.layout.weight(l + 1, row: k, column: j)] = why }
                reasons[network.layout.bias(l + 1, j)] = why
            }
            if saturated.count == layer.fanOut && l > 0 {
                let why = "every unit of layer \(l + 1) (\(layer.activation.rawValue)) is saturated: nothing flows back"
                for i in 0..<network.layout.biases(l).upperBound { reasons[i] = reasons[i] ?? why }
                break
            }
        }
        return reasons
    }
}
