import RealModule

/// `L(θ)` with one parameter `θ_i` replaced, recomputing only what `θ_i` reaches from a forward
/// pass cached at θ: the evaluations of an element-wise finite difference.
///
/// For `θ_i` in layer `l` (`W_l[k][j]` or `b_l[j]`), with `d` the widths and `m` the batch size:
/// 1. column `j` of `z_l` is recomputed exactly as `forward` computes it (same operations in the
///    same order), and `a_l[:, j] = f(z_l[:, j])`: `m·d_{l−1}` multiply-adds instead of `m·d_{l−1}·d_l`;
/// 2. unless `l` is the output layer, `z_{l+1} = z_{l+1}(θ) + (a_l[:, j] − a_l(θ)[:, j]) ⊗ W_{l+1}[j, :]`,
///    a rank-1 update of `m·d_{l+1}` operations instead of `m·d_l·d_{l+1}`, then `a_{l+1}`;
/// 3. the layers after `l + 1` in full, then the loss (`Loss.value`);
/// 4. the weight penalty as `(λ/2)·((S − w²) + w'²)`, `S = Σ‖W‖²` at θ, instead of a pass over all weights.
///
/// Rounding: for the output layer's biases, and its weights when `λ = 0`, the result is bitwise
/// `Network.loss(on:)` at the changed θ (steps 1 and 3 repeat its operations).
/// Steps 2 and 4 round differently: the full pass's `z_{l+1}` and the update each lie within
/// `γ_{d_l+2}·T` of the exact value, `T = |b| + Σ_k |a_l[r][k]·W_{l+1}[k][c]|` per element
/// (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., §3.1), so the two losses
/// differ by at most about `2γ_{d_l+2}·Σ |∂L/∂z_{l+1}|·T`, plus `2γ_{P}·(λ/2)·S` for the penalty:
/// round-off of the size the full pass itself makes, which the check's tolerance already
/// carries (`atol = 256ε`, GSL's round-off term). Because every stencil point shares the cached
/// `z_{l+1}(θ)`, the base part's rounding cancels in the differences `L(θ+h) − L(θ−h)`.
public struct IncrementalLoss<Scalar: Real & BinaryFloatingPoint & Sendable> {
    @usableFromInline let network: Network<Scalar>
    @usableFromInline let batch: Batch<Scalar>
    /// The forward pass at θ.
    @usableFromInline let base: ForwardPass<Scalar>
    /// `S = Σ_l ‖W_l‖²` and `(λ/2)·S` at θ, as `weightPenalty()` sums them.
    @usableFromInline let squares: Scalar
    @usableFromInline let penalty: Scalar
    /// θ, with one entry changed while an evaluation runs.
    @usableFromInline var theta: [Scalar]
    /// The output layer's `z` and `a` at θ, except column `j` while an evaluation of an
    /// output-layer parameter runs.
    @usableFromInline var outputZ: [Scalar]
    @usableFromInline var outputA: [Scalar]
    /// Per layer, `z` and `a` [m × fanOut] downstream of the changed one, overwritten by each evaluation.
    @usableFromInline var z: [[Scalar]]
    @usableFromInline var a: [[Scalar]]
    /// The recomputed column `z_l[:, j]`, `a_l[:, j]` [m].
    @usableFromInline var columnZ: [Scalar]
    @usableFromInline var columnA: [Scalar]

    /// Caches the forward pass of `batch` through `network` at its current parameters.
    @inlinable
    public init(network: Network<Scalar>, batch: Batch<Scalar>) {
        self.network = network
        self.batch = batch
        base = network.forward(batch.x, m: batch.m)
        var squares: Scalar = 0
        for layer in network.layers {
            for i in layer.weightOffset..<layer.biasOffset { squares += network.parameters[i] * network.parameters[i] }
        }
        self.squares = squares
        penalty = network.weightDecay == 0 ? 0 : network.weightPenalty()
        theta = network.parameters
        outputZ = base.z[base.z.count - 1]
        outputA = base.a[base.a.count - 1]
        z = base.z
        a = Array(base.a.dropFirst())
        columnZ = [Scalar](repeating: 0, count: batch.m)
        columnA = columnZ
    }

    /// `L` at θ with `θ_i = value`; θ itself is not changed.
    /// - Parameter i: flat parameter index, `0..<parameters.count`.
    @inlinable
    public mutating func loss(setting i: Int, to value: Scalar) -> Scalar {
        let (l, j, old) = perturb(i, to: value)
        defer { theta[i] = old }
        let layers = network.layers
        let last = layers.count - 1
        let data = l == last ? outputLoss(column: j, width: layers[l].fanOut)
            : network.loss.value(z: z[last], a: a[last], y: batch.y, m: batch.m)
        guard network.weightDecay != 0 else { return data }
        if i >= layers[l].biasOffset { return data + penalty }
        return data + network.weightDecay / 2 * ((squares - old * old) + value * value)
    }

    /// Whether any unit of a layer with a kinked activation (`Activation.hasKink`) has `z` of
    /// another sign (−, 0, +) at θ with `θ_i = value` than at θ: what comparing
    /// `NetworkObjective.kinkPattern()` at the two points tells, from the same incremental
    /// evaluation (a `z` within round-off of 0 can get its sign from the rank-1 update's rounding
    /// rather than the full pass's).
    @inlinable
    public mutating func crossesKink(setting i: Int, to value: Scalar) -> Bool {
        let (l, j, old) = perturb(i, to: value)
        defer { theta[i] = old }
        let layers = network.layers
        func sign(_ v: Scalar) -> Int8 { v > 0 ? 1 : (v < 0 ? -1 : 0) }
        if layers[l].activation.hasKink {
            let n = layers[l].fanOut
            for r in 0..<batch.m where sign(columnZ[r]) != sign(base.z[l][r * n + j]) { return true }
        }
        for k in l + 1..<layers.count where layers[k].activation.hasKink {
            for e in z[k].indices where sign(z[k][e]) != sign(base.z[k][e]) { return true }
        }
        return false
    }

    /// Sets `θ_i = value`, recomputes column `j` of its layer `l` (`columnZ`, `columnA`) and,
    /// for a hidden layer, every layer after it (`z`, `a`); the caller puts `old` back.
    @inlinable
    mutating func perturb(_ i: Int, to value: Scalar) -> (layer: Int, column: Int, old: Scalar) {
        let layers = network.layers
        var l = 0
        while i >= layers[l].biasOffset + layers[l].fanOut { l += 1 }
        let layer = layers[l]
        let j = i >= layer.biasOffset ? i - layer.biasOffset : (i - layer.weightOffset) % layer.fanOut
        let old = theta[i]
        theta[i] = value
        recomputeColumn(j, of: layer, input: base.a[l])
        if l < layers.count - 1 {
            rankOneUpdate(layer: l + 1, row: j, width: layer.fanOut)
            for next in l + 2..<layers.count {
                Network.layer(layers[next], input: a[next - 1], z: &z[next], a: &a[next], m: batch.m, theta: theta)
            }
        }
        return (l, j, old)
    }

    /// `columnZ = z_l[:, j]`, `columnA = f(columnZ)`, with `forward`'s operations in its order.
    @inlinable
    mutating func recomputeColumn(_ j: Int, of layer: DenseLayer, input: [Scalar]) {
        let (fanIn, fanOut, m) = (layer.fanIn, layer.fanOut, batch.m)
        theta.withUnsafeBufferPointer { theta in
            input.withUnsafeBufferPointer { x in
                columnZ.withUnsafeMutableBufferPointer { column in
                    for r in 0..<m {
                        var s = theta[layer.biasOffset + j]
                        for k in 0..<fanIn { s += x[r * fanIn + k] * theta[layer.weightOffset + k * fanOut + j] }
                        column[r] = s
                    }
                }
            }
        }
        for r in 0..<m { columnA[r] = layer.activation.value(columnZ[r]) }
    }

    /// The loss with column `j` of the output layer replaced by `columnZ`, `columnA`; the
    /// cached output is put back afterwards.
    @inlinable
    mutating func outputLoss(column j: Int, width n: Int) -> Scalar {
        for r in 0..<batch.m {
            outputZ[r * n + j] = columnZ[r]
            outputA[r * n + j] = columnA[r]
        }
        let value = network.loss.value(z: outputZ, a: outputA, y: batch.y, m: batch.m)
        let last = base.z.count - 1
        for r in 0..<batch.m {
            outputZ[r * n + j] = base.z[last][r * n + j]
            outputA[r * n + j] = base.a[last + 1][r * n + j]
        }
        return value
    }

    /// `z_l = z_l(θ) + Δ ⊗ W_l[j, :]` with `Δ = columnA − a_{l−1}(θ)[:, j]`, then `a_l = f(z_l)`.
    @inlinable
    mutating func rankOneUpdate(layer l: Int, row j: Int, width previous: Int) {
        let layer = network.layers[l]
        let (n, m) = (layer.fanOut, batch.m)
        let w = layer.weightOffset + j * n
        theta.withUnsafeBufferPointer { theta in
            base.z[l].withUnsafeBufferPointer { z0 in
                base.a[l].withUnsafeBufferPointer { a0 in
                    z[l].withUnsafeMutableBufferPointer { z in
                        a[l].withUnsafeMutableBufferPointer { a in
                            for r in 0..<m {
                                let delta = columnA[r] - a0[r * previous + j]
                                for c in 0..<n {
                                    z[r * n + c] = z0[r * n + c] + delta * theta[w + c]
                                    a[r * n + c] = layer.activation.value(z[r * n + c])
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
