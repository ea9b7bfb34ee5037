/// A direction `u` in parameter space for a directional derivative (`DirectionalCheck`): random
/// and signed, or the analytic gradient's own.
///
/// `u_i = r_i·w_i/(‖w_T‖₂·√T)` for parameter `i` of tensor `T` (one of `T` tensors), with
/// independent Rademacher signs `r_i = ±1` and weights `w_i = max(|θ_i|, 1)`:
/// - `w_i` is the scale `StepSize` gives each element's own step: a parameter of magnitude 30
///   moves 30 times as far as one near 0, as it would in its per-element check;
/// - each tensor's block has norm `1/√T`, so a bias vector of 10 entries weighs as much as a
///   weight matrix of 1000: a bug confined to one tensor (the usual kind: a bias gradient, one
///   layer's weights) is seen with the same strength whatever the tensor's size, where
///   `u ∝ r∘w` over all of θ would give the bias block a tenth of the matrix's weight;
/// - since `r_i² = 1`, `‖u‖₂ = 1` exactly, so a step `h` in `t ↦ L(θ + t·u)` moves θ by `h` and
///   the step reasoning of `StepSize` carries over to `t` unchanged.
///
/// The signs come from a GSL mt19937 (`RandomSource`) seeded with `TrialSeed.derive(seed, j)`
/// for direction `j`, 32 signs per draw: direction `j` does not depend on how many directions
/// are drawn, and the Float and Double checks of a trial (same θ, same seed) use the same `u`.
///
/// The gradient direction `u = g/‖g‖₂` has the largest directional derivative there is,
/// `gᵀu = ‖g‖₂`, where a random one has about `‖g‖₂/√P`: it is resolved where random directions
/// drown in Float's round-off (large networks, large losses), and an error along `g` (a wrong
/// scale, sign or batch factor: `δᵀu = c‖g‖₂` for `δ = c·g`) fails it whenever `c > 5 %` and it
/// is resolved. Errors orthogonal to `g` (a gradient left at 0) are the random directions' job.
@usableFromInline
struct Direction {
    /// `u`, one entry per parameter; `‖u‖₂ = 1`.
    @usableFromInline var u: [Double]

    /// The gradient direction `g/‖g‖₂`; `nil` when `g = 0` (there is none). Non-finite `g`
    /// gives a non-finite `u`.
    @inlinable
    init?<S: BinaryFloatingPoint>(gradient: [S]) {
        let norm = gradient.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        guard norm != 0 else { return nil }
        u = gradient.map { Double($0) / norm }
    }

    /// - Parameters:
    ///   - index: `j`, 0-based.
    ///   - seed: the check's seed (`GradientChecker.check(_:seed:)`).
    ///   - theta: θ, for the weights `w_i`; not empty.
    ///   - tensors: the model's tensors, which cover θ (`GradientChecker.validate`).
    @inlinable
    init<S: BinaryFloatingPoint>(index: Int, seed: UInt32, theta: [S], tensors: [ParameterTensor]) {
        let random = RandomSource(seed: TrialSeed.derive(UInt64(seed), index))
        let blocks = tensors.map { $0.offset..<$0.offset + $0.count }.filter { !$0.isEmpty }
        var u = [Double](repeating: 0, count: theta.count)
        for block in blocks {
            var norm = 0.0
            for i in block {
                u[i] = max(abs(Double(theta[i])), 1)
                norm += u[i] * u[i]
            }
            let scale = 1 / (norm * Double(blocks.count)).squareRoot()
            for i in block { u[i] *= scale }
        }
        var bits: UInt32 = 0
        for i in u.indices {
            if i % 32 == 0 { bits = random.word() }
            if bits & 1 == 1 { u[i] = -u[i] }
            bits >>= 1
        }
        self.u = u
    }
}
