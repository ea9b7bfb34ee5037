import RealModule

extension Loss {
    /// Row-wise softmax of logits, `p_j = e^{z_j − max z} / Σ_k e^{z_k − max z}` (Goodfellow et
    /// al., *Deep Learning*, §6.2.2.3): the probabilities that softmax cross-entropy compares
    /// with its targets, and the `p` of its output delta `(Σ_k y_k)·p − y`.
    ///
    /// Shifting by the row maximum means no `e^x` is taken of `x > 0`: logits of any finite size
    /// give entries in `[0, 1]`, never NaN. Dividing by the shifted sum, rather than taking
    /// `e^{z_j − logsumexp(z)}`, keeps the relative error at a few ε: the exponent `z_j − lse`
    /// carries an absolute rounding error of about `ε·|lse|`, which `e^x` turns into a relative
    /// error of `ε·|lse|` (measured: 5e-7 relative in the output delta of a Double network
    /// with logits near 5000, which the gradient check then flags).
    /// - Parameters:
    ///   - z: logits, [m × n] row-major.
    ///   - m: number of rows; `n = z.count / m`.
    /// - Returns: `p`, [m × n] row-major, each row summing to 1 up to rounding.
    @inlinable
    public static func softmax<T: Real>(_ z: [T], m: Int) -> [T] {
        let n = z.count / m
        var p = [T](repeating: 0, count: z.count)
        for row in 0..<m {
            let base = row * n
            let maxZ = rowMaximum(z, base: base, n: n)
            var sum: T = 0
            for j in 0..<n {
                p[base + j] = T.exp(z[base + j] - maxZ)
                sum += p[base + j]
            }
            for j in 0..<n { p[base + j] /= sum }
        }
        return p
    }
}
