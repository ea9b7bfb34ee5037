import RealModule

extension Network {
    /// Backpropagation by the chain rule (Rumelhart, Hinton & Williams, 1986; Nielsen,
    /// *Neural Networks and Deep Learning*, ch. 2, equations BP1–BP4), row-vector form:
    ///
    ///     δ_L      = ∂L/∂z_L                       (Loss.outputDelta; holds the 1/m)
    ///     ∂L/∂W_l  = a_{l−1}ᵀ · δ_l                 [fanIn × fanOut]
    ///     ∂L/∂b_l  = Σ_rows δ_l                     [fanOut]
    ///     δ_{l−1}  = (δ_l · W_lᵀ) ⊙ f'_{l−1}(z_{l−1})
    ///     ∂L/∂W_l += λ·W_l                          (weight decay, when λ > 0)
    ///
    /// The steps are the public building blocks below, so that other code (the mutation
    /// self-test) can assemble a backprop from exactly these pieces.
    ///
    /// - Parameters:
    ///   - pass: the forward pass of `batch` at the current parameters.
    ///   - batch: the batch whose targets `y` seed `δ_L`.
    /// - Returns: the loss `L` of `pass` (the very value the gradient belongs to) and `∂L/∂θ`
    ///   in the flat parameter layout.
    @inlinable
    public func backward(_ pass: ForwardPass<Scalar>, batch: Batch<Scalar>) -> (loss: Scalar, gradient: [Scalar]) {
        let m = batch.m
        let last = layers.count - 1
        let lossValue = loss(of: pass, batch: batch)
        var delta = loss.outputDelta(z: pass.z[last], a: pass.a[last + 1], y: batch.y, m: m,
                                     activation: layers[last].activation)
        var gradient = [Scalar](repeating: 0, count: parameters.count)
        for l in stride(from: last, through: 0, by: -1) {
            let layer = layers[l]
            Self.accumulateLayerGradient(delta: delta, input: pass.a[l], m: m, layer: layer, into: &gradient)
            accumulateWeightDecay(of: layer, into: &gradient)
            if l > 0 {
                delta = Self.propagate(delta: delta, m: m, layer: layer, parameters: parameters,
                                       activation: layers[l - 1].activation, z: pass.z[l - 1], a: pass.a[l])
            }
        }
        return (lossValue, gradient)
    }

    /// `(L, ∂L/∂θ)` on `batch` at the current parameters: forward, then backward.
    @inlinable
    public func lossAndGradient(on batch: Batch<Scalar>) -> (loss: Scalar, gradient: [Scalar]) {
        backward(forward(batch.x, m: batch.m), batch: batch)
    }

    /// Adds `∂L_data/∂W = inputᵀ·δ` [fanIn × fanOut] and `∂L_data/∂b = Σ_rows δ` [fanOut] of
    /// `layer` to its slices of `gradient`.
    /// - Parameters:
    ///   - delta: `δ_l` [m × fanOut]; input: `a_{l−1}` [m × fanIn].
    @inlinable
    public static func accumulateLayerGradient(delta: [Scalar], input: [Scalar], m: Int, layer: DenseLayer,
                                        into gradient: inout [Scalar]) {
        let (fanIn, fanOut) = (layer.fanIn, layer.fanOut)
        for r in 0..<m {
            for k in 0..<fanIn {
                let xk = input[r * fanIn + k]
                let w = layer.weightOffset + k * fanOut
                for j in 0..<fanOut { gradient[w + j] += xk * delta[r * fanOut + j] }
            }
            for j in 0..<fanOut { gradient[layer.biasOffset + j] += delta[r * fanOut + j] }
        }
    }

    /// `δ_{l−1} = (δ_l · W_lᵀ) ⊙ f'(z_{l−1})`, [m × fanIn of `layer`].
    /// - Parameters:
    ///   - delta: `δ_l` [m × fanOut] of `layer`, whose `W_l` is read from `parameters`.
    ///   - activation: `f` of layer `l − 1`; `z`, `a`: its `z_{l−1}` and `a_{l−1} = f(z_{l−1})`
    ///     [m × fanIn], where `f'` is evaluated.
    @inlinable
    public static func propagate(delta: [Scalar], m: Int, layer: DenseLayer, parameters: [Scalar],
                                 activation: Activation, z: [Scalar], a: [Scalar]) -> [Scalar] {
        let (fanIn, fanOut) = (layer.fanIn, layer.fanOut)
        var result = [Scalar](repeating: 0, count: m * fanIn)
        for r in 0..<m {
            for k in 0..<fanIn {
                let w = layer.weightOffset + k * fanOut
                var sum: Scalar = 0
                for j in 0..<fanOut { sum += delta[r * fanOut + j] * parameters[w + j] }
                let i = r * fanIn + k
                result[i] = sum * activation.derivative(z: z[i], a: a[i])
            }
        }
        return result
    }
}
