extension Network {
    /// `z = x·W + b` for one layer: x [m × fanIn], z [m × fanOut], row-major, `W`, `b` read from
    /// `theta` at the layer's offsets.
    ///
    /// Every `z[r][j]` is `b[j]`, then `+ x[r][k]·W[k][j]` for `k = 0, 1, …` in that order, as
    /// `IncrementalLoss` recomputes a single column (so the two agree bitwise). The loops are
    /// blocked 2 rows × 4 columns so that each loaded `x` and `W` value feeds several
    /// multiply-adds held in registers; the blocking changes which sums run together, not the
    /// order within any sum.
    @inlinable
    static func affine(_ layer: DenseLayer, x: UnsafeBufferPointer<Scalar>, theta: UnsafeBufferPointer<Scalar>, m: Int,
                       into z: UnsafeMutableBufferPointer<Scalar>) {
        let (fanIn, n) = (layer.fanIn, layer.fanOut)
        let (w, b) = (layer.weightOffset, layer.biasOffset)
        var r = 0
        while r < m {
            let rows = min(2, m - r)
            let x0 = r * fanIn
            let x1 = rows == 2 ? x0 + fanIn : x0
            var j = 0
            while j + 4 <= n {
                var (s00, s01, s02, s03) = (theta[b + j], theta[b + j + 1], theta[b + j + 2], theta[b + j + 3])
                var (s10, s11, s12, s13) = (s00, s01, s02, s03)
                for k in 0..<fanIn {
                    let (a0, a1) = (x[x0 + k], x[x1 + k])
                    let c = w + k * n + j
                    let (w0, w1, w2, w3) = (theta[c], theta[c + 1], theta[c + 2], theta[c + 3])
                    s00 += a0 * w0; s01 += a0 * w1; s02 += a0 * w2; s03 += a0 * w3
                    s10 += a1 * w0; s11 += a1 * w1; s12 += a1 * w2; s13 += a1 * w3
                }
                (z[r * n + j], z[r * n + j + 1], z[r * n + j + 2], z[r * n + j + 3]) = (s00, s01, s02, s03)
                if rows == 2 { (z[r * n + n + j], z[r * n + n + j + 1], z[r * n + n + j + 2], z[r * n + n + j + 3]) = (s10, s11, s12, s13) }
                j += 4
            }
            while j < n {
                var (s0, s1) = (theta[b + j], theta[b + j])
                for k in 0..<fanIn {
                    let wk = theta[w + k * n + j]
                    s0 += x[x0 + k] * wk
                    s1 += x[x1 + k] * wk
                }
                z[r * n + j] = s0
                if rows == 2 { z[r * n + n + j] = s1 }
                j += 1
            }
            r += rows
        }
    }
}
