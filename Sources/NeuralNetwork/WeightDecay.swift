import RealModule

extension Network {
    /// `L = L_data + (λ/2)·Σ_l ‖W_l‖²_F` of a forward pass of `batch`: the loss of the output
    /// layer (`Loss.value`) plus the weight penalty. This is the one scalar that `loss(on:)`
    /// returns and `backward` differentiates.
    @inlinable
    public func loss(of pass: ForwardPass<Scalar>, batch: Batch<Scalar>) -> Scalar {
        let data = loss.value(z: pass.z[pass.z.count - 1], a: pass.a[pass.a.count - 1], y: batch.y, m: batch.m)
        // λ = 0 leaves the data loss's bits alone (and skips the pass over the weights).
        return weightDecay == 0 ? data : data + weightPenalty()
    }

    /// `(λ/2)·Σ_l ‖W_l‖²_F`, weights only: biases are not decayed (Goodfellow et al.,
    /// *Deep Learning*, §7.1.1: penalising them can cause underfitting and gains little).
    @inlinable
    public func weightPenalty() -> Scalar {
        var squares: Scalar = 0
        for layer in layers {
            for i in layer.weightOffset..<layer.biasOffset { squares += parameters[i] * parameters[i] }
        }
        return weightDecay / 2 * squares
    }

    /// Adds the penalty's gradient `λ·W_l` [fanIn × fanOut] to `layer`'s weight slice of
    /// `gradient`; nothing when λ = 0, so that unregularised gradients keep their bits.
    @inlinable
    public func accumulateWeightDecay(of layer: DenseLayer, into gradient: inout [Scalar]) {
        guard weightDecay != 0 else { return }
        for i in layer.weightOffset..<layer.biasOffset { gradient[i] += weightDecay * parameters[i] }
    }
}
