import RealModule

extension Loss {
    /// Row-wise softmax of logits, `p_j = e^{z_j − logsumexp(z)}` (Goodfellow et al.,
    /// *Deep Learning*, §6.2.2.3): the probabilities that softmax cross-entropy compares with its
    /// targets, and the `p` of its output delta `(Σ_k y_k)·p − y`.
    ///
    /// Shifting by the row's log-sum-exp, itself shifted by the row maximum, means no `e^x` is
    /// taken of `x > 0`: logits of any finite size give entries in `[0, 1]`, never NaN.
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
            let lse = logSumExp(z, base: base, n: n)
            for j in 0..<n { p[base + j] = T.exp(z[base + j] - lse) }
        }
        return p
    }
}
