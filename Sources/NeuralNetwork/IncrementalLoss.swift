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
///
/// The caches live in one allocation of raw storage owned by this object, so that an
/// evaluation (a few hundred nanoseconds for a small network) does no reference counting,
/// copy-on-write checks or exclusivity checks. It is not thread-safe: one per check.
public final class IncrementalLoss<Scalar: Real & BinaryFloatingPoint & Sendable> {
    /// Where one layer's caches lie in `storage`.
    @usableFromInline struct Slot {
        @usableFromInline let layer: DenseLayer
        /// The layer's input at θ, [m × fanIn]: `x`, or the previous layer's `a`.
        @usableFromInline let input: UnsafeMutablePointer<Scalar>
        /// `z` and `a` at θ, [m × fanOut].
        @usableFromInline let z0: UnsafeMutablePointer<Scalar>
        @usableFromInline let a0: UnsafeMutablePointer<Scalar>
        /// `z` and `a` downstream of the changed layer, [m × fanOut], overwritten by each evaluation.
        @usableFromInline let z: UnsafeMutablePointer<Scalar>
        @usableFromInline let a: UnsafeMutablePointer<Scalar>

        @usableFromInline init(layer: DenseLayer, input: UnsafeMutablePointer<Scalar>, z0: UnsafeMutablePointer<Scalar>,
                               a0: UnsafeMutablePointer<Scalar>, z: UnsafeMutablePointer<Scalar>, a: UnsafeMutablePointer<Scalar>) {
            (self.layer, self.input, self.z0, self.a0, self.z, self.a) = (layer, input, z0, a0, z, a)
        }
    }

    @usableFromInline let loss: Loss
    @usableFromInline let weightDecay: Scalar
    /// Batch size `m` and depth `L`.
    @usableFromInline let m: Int
    @usableFromInline let depth: Int
    /// `S = Σ_l ‖W_l‖²` and `(λ/2)·S` at θ, as `weightPenalty()` sums them.
    @usableFromInline let squares: Scalar
    @usableFromInline let penalty: Scalar
    @usableFromInline let slots: UnsafeMutableBufferPointer<Slot>
    /// Every array below, in one allocation.
    @usableFromInline let storage: UnsafeMutableBufferPointer<Scalar>
    /// θ [P], with one entry changed while an evaluation runs.
    @usableFromInline let theta: UnsafeMutablePointer<Scalar>
    /// Targets `y` [m × d_L].
    @usableFromInline let y: UnsafeMutablePointer<Scalar>
    /// The output layer's `z` and `a` at θ [m × d_L], except column `j` while an evaluation of
    /// an output-layer parameter runs.
    @usableFromInline let outputZ: UnsafeMutablePointer<Scalar>
    @usableFromInline let outputA: UnsafeMutablePointer<Scalar>
    /// The recomputed column `z_l[:, j]`, `a_l[:, j]` [m].
    @usableFromInline let columnZ: UnsafeMutablePointer<Scalar>
    @usableFromInline let columnA: UnsafeMutablePointer<Scalar>

    /// Caches the forward pass of `batch` through `network` at its current parameters.
    /// - Precondition: `batch` has the network's widths (`x` [m × d₀], `y` [m × d_L]), as
    ///   `Network.batch(m:x:y:)` makes it; the raw storage is sized from them.
    @inlinable
    public init(network: Network<Scalar>, batch: Batch<Scalar>) {
        let layers = network.layers
        let m = batch.m
        let outputs = layers.reduce(0) { $0 + m * $1.fanOut }
        let n = layers[layers.count - 1].fanOut
        precondition(batch.x.count == m * layers[0].fanIn && batch.y.count == m * n,
                     "IncrementalLoss: the batch's x and y do not have the network's widths")
        storage = .allocate(capacity: network.parameterCount + m * layers[0].fanIn + 3 * m * n + 2 * m + 4 * outputs)
        var next = storage.baseAddress!
        func take(_ values: [Scalar]) -> UnsafeMutablePointer<Scalar> {
            defer { next += values.count }
            next.initialize(from: values, count: values.count)
            return next
        }
        func take(_ count: Int) -> UnsafeMutablePointer<Scalar> {
            defer { next += count }
            next.initialize(repeating: 0, count: count)
            return next
        }
        let base = network.forward(batch.x, m: m)
        (loss, weightDecay, self.m, depth) = (network.loss, network.weightDecay, m, layers.count)
        theta = take(network.parameters)
        y = take(batch.y)
        outputZ = take(base.z[layers.count - 1])
        outputA = take(base.a[layers.count])
        columnZ = take(m)
        columnA = take(m)
        slots = .allocate(capacity: layers.count)
        var input = take(batch.x)
        for (l, layer) in layers.enumerated() {
            let (z0, a0) = (take(base.z[l]), take(base.a[l + 1]))
            slots.initializeElement(at: l, to: Slot(layer: layer, input: input, z0: z0, a0: a0,
                                                    z: take(base.z[l]), a: take(base.a[l + 1])))
            input = a0
        }
        var squares: Scalar = 0
        for layer in layers {
            for i in layer.weightOffset..<layer.biasOffset { squares += network.parameters[i] * network.parameters[i] }
        }
        self.squares = squares
        penalty = network.weightDecay == 0 ? 0 : network.weightPenalty()
    }

    deinit {
        storage.deallocate()
        slots.deallocate()
    }

    /// `L` at θ with `θ_i = value`; θ itself is not changed.
    /// - Parameters:
    ///   - i: flat parameter index, `0..<parameters.count`.
    ///   - value: the value `θ_i` takes for this evaluation.
    @inlinable
    public func loss(setting i: Int, to value: Scalar) -> Scalar {
        let (l, j, old) = perturb(i, to: value)
        defer { theta[i] = old }
        let last = depth - 1
        let data = l == last ? outputLoss(column: j, width: slots[l].layer.fanOut)
            : loss(z: slots[last].z, a: slots[last].a)
        guard weightDecay != 0 else { return data }
        if i >= slots[l].layer.biasOffset { return data + penalty }
        return data + weightDecay / 2 * ((squares - old * old) + value * value)
    }

    /// Whether any unit of a layer with a kinked activation (`Activation.hasKink`) has `z` of
    /// another sign (−, 0, +) at θ with `θ_i = value` than at θ: what comparing
    /// `NetworkObjective.kinkPattern()` at the two points tells, from the same incremental
    /// evaluation (a `z` within round-off of 0 can get its sign from the rank-1 update's rounding
    /// rather than the full pass's).
    @inlinable
    public func crossesKink(setting i: Int, to value: Scalar) -> Bool {
        let (l, j, old) = perturb(i, to: value)
        defer { theta[i] = old }
        func sign(_ v: Scalar) -> Int8 { v > 0 ? 1 : (v < 0 ? -1 : 0) }
        let slot = slots[l]
        if slot.layer.activation.hasKink {
            let n = slot.layer.fanOut
            for r in 0..<m where sign(columnZ[r]) != sign(slot.z0[r &* n &+ j]) { return true }
        }
        for k in l + 1..<depth where slots[k].layer.activation.hasKink {
            for e in 0..<m &* slots[k].layer.fanOut where sign(slots[k].z[e]) != sign(slots[k].z0[e]) { return true }
        }
        return false
    }

    /// Sets `θ_i = value`, recomputes column `j` of its layer `l` (`columnZ`, `columnA`) and,
    /// for a hidden layer, every layer after it (the slots' `z`, `a`); the caller puts `old` back.
    @inlinable
    func perturb(_ i: Int, to value: Scalar) -> (layer: Int, column: Int, old: Scalar) {
        var l = 0
        while i >= slots[l].layer.biasOffset &+ slots[l].layer.fanOut { l &+= 1 }
        let layer = slots[l].layer
        let j = i >= layer.biasOffset ? i &- layer.biasOffset : (i &- layer.weightOffset) % layer.fanOut
        let old = theta[i]
        theta[i] = value
        recomputeColumn(j, of: slots[l])
        if l < depth - 1 {
            rankOneUpdate(slots[l + 1], row: j, previous: slots[l])
            for next in l + 2..<depth {
                let slot = slots[next]
                Network.layer(slot.layer, input: slots[next - 1].a, z: slot.z, a: slot.a, m: m, theta: theta)
            }
        }
        return (l, j, old)
    }

    /// `columnZ = z_l[:, j]`, `columnA = f(columnZ)`, with `forward`'s operations in its order.
    @inlinable
    func recomputeColumn(_ j: Int, of slot: Slot) {
        let (fanIn, fanOut) = (slot.layer.fanIn, slot.layer.fanOut)
        let w = theta + (slot.layer.weightOffset &+ j)
        let bias = theta[slot.layer.biasOffset &+ j]
        var x = UnsafePointer(slot.input)
        for r in 0..<m {
            var s = bias
            var c = UnsafePointer(w)
            for k in 0..<fanIn {
                s += x[k] * c.pointee
                c += fanOut
            }
            columnZ[r] = s
            x += fanIn
        }
        slot.layer.activation.apply(columnZ, into: columnA, count: m)
    }

    /// The loss with column `j` of the output layer replaced by `columnZ`, `columnA`; the
    /// cached output is put back afterwards.
    @inlinable
    func outputLoss(column j: Int, width n: Int) -> Scalar {
        for r in 0..<m {
            outputZ[r &* n &+ j] = columnZ[r]
            outputA[r &* n &+ j] = columnA[r]
        }
        let value = loss(z: outputZ, a: outputA)
        let slot = slots[depth - 1]
        for r in 0..<m {
            outputZ[r &* n &+ j] = slot.z0[r &* n &+ j]
            outputA[r &* n &+ j] = slot.a0[r &* n &+ j]
        }
        return value
    }

    /// `Loss.value` of an output `z`, `a` [m × d_L].
    @inlinable
    func loss(z: UnsafeMutablePointer<Scalar>, a: UnsafeMutablePointer<Scalar>) -> Scalar {
        let count = m &* slots[depth - 1].layer.fanOut
        return loss.value(z: UnsafeBufferPointer(start: z, count: count), a: UnsafeBufferPointer(start: a, count: count),
                          y: UnsafeBufferPointer(start: y, count: count), m: m)
    }

    /// `z_l = z_l(θ) + Δ ⊗ W_l[j, :]` with `Δ = columnA − a_{l−1}(θ)[:, j]`, then `a_l = f(z_l)`.
    @inlinable
    func rankOneUpdate(_ slot: Slot, row j: Int, previous: Slot) {
        let (n, width) = (slot.layer.fanOut, previous.layer.fanOut)
        let w = theta + (slot.layer.weightOffset &+ j &* n)
        for r in 0..<m {
            let delta = columnA[r] - previous.a0[r &* width &+ j]
            let (z0, z) = (slot.z0 + r &* n, slot.z + r &* n)
            for c in 0..<n { z[c] = z0[c] + delta * w[c] }
        }
        slot.layer.activation.apply(slot.z, into: slot.a, count: m &* n)
    }
}
