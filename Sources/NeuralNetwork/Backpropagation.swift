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
    ///
    /// Every element adds its `m` terms in row order `r = 0, 1, …`, so the bits do not depend
    /// on how the loops are arranged; the innermost loop runs over contiguous `j`, which the
    /// compiler vectorises.
    /// - Parameters:
    ///   - delta: `δ_l` [m × fanOut].
    ///   - input: `a_{l−1}` [m × fanIn].
    ///   - m: batch size.
    ///   - layer: the layer `l`, whose offsets say where its `W` and `b` gradients go.
    ///   - gradient: the flat gradient, added to.
    /// - Precondition: the arrays have at least those sizes, and `gradient` holds the layer.
    @inlinable
    public static func accumulateLayerGradient(delta: [Scalar], input: [Scalar], m: Int, layer: DenseLayer,
                                        into gradient: inout [Scalar]) {
        let (fanIn, fanOut) = (layer.fanIn, layer.fanOut)
        precondition(delta.count >= m * fanOut && input.count >= m * fanIn
                     && gradient.count >= layer.biasOffset + fanOut, "accumulateLayerGradient: arrays too short")
        guard m > 0, fanIn > 0, fanOut > 0 else { return }
        delta.withUnsafeBufferPointer { delta in
            input.withUnsafeBufferPointer { input in
                gradient.withUnsafeMutableBufferPointer { gradient in
                    let (d, x, g) = (delta.baseAddress!, input.baseAddress!, gradient.baseAddress!)
                    let b = g + layer.biasOffset
                    for r in 0..<m {
                        let (dr, xr) = (d + r &* fanOut, x + r &* fanIn)
                        var w = g + layer.weightOffset
                        for k in 0..<fanIn {
                            let xk = xr[k]
                            for j in 0..<fanOut { w[j] += xk * dr[j] }
                            w += fanOut
                        }
                        for j in 0..<fanOut { b[j] += dr[j] }
                    }
                }
            }
        }
    }

    /// `δ_{l−1} = (δ_l · W_lᵀ) ⊙ f'(z_{l−1})`, [m × fanIn of `layer`].
    ///
    /// Each `(δ_l · W_lᵀ)[r][k]` is `0 + δ[r][0]·W[k][0] + δ[r][1]·W[k][1] + …` in that order;
    /// four `k` run together, each in its own register, so that the additions do not wait on
    /// one another (the order within every sum, and so the bits, stay the same).
    /// - Parameters:
    ///   - delta: `δ_l` [m × fanOut] of `layer`, whose `W_l` is read from `parameters`.
    ///   - m: batch size.
    ///   - layer: the layer `l`.
    ///   - parameters: the flat θ.
    ///   - activation: `f` of layer `l − 1`.
    ///   - z: its `z_{l−1}` [m × fanIn], where `f'` is evaluated.
    ///   - a: its `a_{l−1} = f(z_{l−1})` [m × fanIn].
    /// - Precondition: the arrays have at least those sizes, and `parameters` holds the layer.
    @inlinable
    public static func propagate(delta: [Scalar], m: Int, layer: DenseLayer, parameters: [Scalar],
                                 activation: Activation, z: [Scalar], a: [Scalar]) -> [Scalar] {
        let (fanIn, fanOut) = (layer.fanIn, layer.fanOut)
        precondition(delta.count >= m * fanOut && z.count >= m * fanIn && a.count >= m * fanIn
                     && parameters.count >= layer.biasOffset, "propagate: arrays too short")
        var result = [Scalar](repeating: 0, count: m * fanIn)
        guard fanOut > 0, !result.isEmpty else { return result }
        delta.withUnsafeBufferPointer { delta in
            parameters.withUnsafeBufferPointer { theta in
                result.withUnsafeMutableBufferPointer { result in
                    let (d, w, out) = (delta.baseAddress!, theta.baseAddress! + layer.weightOffset, result.baseAddress!)
                    for r in 0..<m {
                        let (dr, o) = (d + r &* fanOut, out + r &* fanIn)
                        var k = 0
                        while k &+ 4 <= fanIn {
                            let w0 = w + k &* fanOut
                            let (w1, w2, w3) = (w0 + fanOut, w0 + 2 &* fanOut, w0 + 3 &* fanOut)
                            var (s0, s1, s2, s3): (Scalar, Scalar, Scalar, Scalar) = (0, 0, 0, 0)
                            for j in 0..<fanOut {
                                let dj = dr[j]
                                s0 += dj * w0[j]; s1 += dj * w1[j]; s2 += dj * w2[j]; s3 += dj * w3[j]
                            }
                            (o[k], o[k &+ 1], o[k &+ 2], o[k &+ 3]) = (s0, s1, s2, s3)
                            k &+= 4
                        }
                        while k < fanIn {
                            let wk = w + k &* fanOut
                            var s: Scalar = 0
                            for j in 0..<fanOut { s += dr[j] * wk[j] }
                            o[k] = s
                            k &+= 1
                        }
                    }
                }
            }
        }
        for i in result.indices { result[i] *= activation.derivative(z: z[i], a: a[i]) }
        return result
    }
}
