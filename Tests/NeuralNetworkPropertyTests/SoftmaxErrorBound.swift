import RealModule

/// Rounding-error bounds for `Loss.softmax` and the log-sum-exp it shifts by, one row of `n`
/// logits, to first order in `u` (Higham, *Accuracy and Stability of Numerical Algorithms*,
/// §3.1, for `γ_n`; products of two rounding errors are dropped).
///
/// The computation is `M = max_j z_j`, `s = Σ_j e^{z_j − M}`, `lse = M + log s`,
/// `p_j = e^{z_j − lse}`, with `r = Rounding.libm` the error of one libm call:
/// - each `e^{fl(z_j − M)}` is off by `e_j·(r + u·|z_j − M|)`, and `e^x·|x| ≤ 1/e` for `x ≤ 0`,
///   so together with the `n − 1` additions `ŝ = s(1 + θ)`, `|θ| ≤ r + n·u/e + γ_{n−1}` (as `s ≥ 1`);
/// - `log ŝ = log s + θ`, plus `log`'s own `r·log s ≤ r·log n`, plus `u·|lse|` for adding `M`.
enum SoftmaxErrorBound {
    /// `|l̂se − lse| ≤ r + n·u/e + γ_{n−1} + r·log n + u·|lse|`; `lseMagnitude ≥ |lse|`, for
    /// which `max_j |z_j| + log n` serves.
    static func logSumExp(n: Int, lseMagnitude: Double, _ rounding: Rounding) -> Double {
        let (u, r) = (rounding.u, rounding.libm)
        let count = Double(n)
        return r + count * u / Double.exp(1) + rounding.gamma(n - 1) + r * Double.log(count) + u * lseMagnitude
    }

    /// `|p̂_j − p_j| ≤ p_j·(Δlse + r) + u·p_j·|z_j − lse| ≤ Δlse + r + u/e`: the exponent is off by
    /// `Δlse` plus the subtraction's `u·|z_j − lse|`, and `p·|log p| ≤ 1/e`.
    static func entry(n: Int, lseMagnitude: Double, _ rounding: Rounding) -> Double {
        logSumExp(n: n, lseMagnitude: lseMagnitude, rounding) + rounding.libm + rounding.u / Double.exp(1)
    }

    /// `|Σ_j p̂_j − 1| ≤ Δlse + r + u·H(p) + γ_{n−1}`: the entries' errors add up to
    /// `Σ p_j·(Δlse + r + u·|log p_j|)` with the entropy `H(p) ≤ log n`, and summing `n` entries
    /// of total ≈ 1 adds `γ_{n−1}`. The `u·|lse|` inside `Δlse` is real: for logits near ±1e4
    /// the rounding of `M + log s` alone shifts every `p_j` by a relative `u·1e4`.
    static func rowSum(n: Int, lseMagnitude: Double, _ rounding: Rounding) -> Double {
        let count = Double(n)
        return logSumExp(n: n, lseMagnitude: lseMagnitude, rounding) + rounding.libm
            + rounding.u * Double.log(count) + rounding.gamma(n - 1)
    }

    /// `max_j |z_j| + log n ≥ |lse|`, since `M ≤ lse ≤ M + log n`.
    static func lseMagnitude(_ row: some Collection<Double>) -> Double {
        row.map(abs).max()! + Double.log(Double(row.count))
    }
}
