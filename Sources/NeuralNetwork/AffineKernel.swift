extension Network {
    /// `z = x·W + b` for one layer: x [m × fanIn], z [m × fanOut], row-major, `W`, `b` read from
    /// `theta` at the layer's offsets.
    ///
    /// Every `z[r][j]` is `b[j]`, then `+ x[r][k]·W[k][j]` for `k = 0, 1, …` in that order, as
    /// `IncrementalLoss` recomputes a single column (so the two agree bitwise). The loops are
    /// blocked 4 rows × 4 columns so that each loaded `x` and `W` value feeds several
    /// multiply-adds held in registers (16 sums, which the compiler pairs into vector
    /// registers); the blocking changes which sums run together, not the order within any sum.
    /// A block past the last row repeats that row's sums and stores nothing of them.
    /// Index arithmetic wraps (`&+`, `&*`): the offsets come from `DenseLayer`, whose products
    /// are the sizes of allocated arrays, so they cannot overflow.
    @inlinable
    static func affine(_ layer: DenseLayer, x: UnsafePointer<Scalar>, theta: UnsafePointer<Scalar>, m: Int,
                       into z: UnsafeMutablePointer<Scalar>) {
        let (fanIn, n) = (layer.fanIn, layer.fanOut)
        let (w, b) = (theta + layer.weightOffset, theta + layer.biasOffset)
        var r = 0
        while r < m {
            let rows = min(4, m &- r)
            let x0 = x + r &* fanIn
            let x1 = rows > 1 ? x0 + fanIn : x0
            let x2 = rows > 2 ? x1 + fanIn : x1
            let x3 = rows > 3 ? x2 + fanIn : x2
            let z0 = z + r &* n
            var j = 0
            while j &+ 4 <= n {
                var (s00, s01, s02, s03) = (b[j], b[j &+ 1], b[j &+ 2], b[j &+ 3])
                var (s10, s11, s12, s13) = (s00, s01, s02, s03)
                var (s20, s21, s22, s23) = (s00, s01, s02, s03)
                var (s30, s31, s32, s33) = (s00, s01, s02, s03)
                var c = w + j
                for k in 0..<fanIn {
                    let (a0, a1, a2, a3) = (x0[k], x1[k], x2[k], x3[k])
                    let (w0, w1, w2, w3) = (c[0], c[1], c[2], c[3])
                    s00 += a0 * w0; s01 += a0 * w1; s02 += a0 * w2; s03 += a0 * w3
                    s10 += a1 * w0; s11 += a1 * w1; s12 += a1 * w2; s13 += a1 * w3
                    s20 += a2 * w0; s21 += a2 * w1; s22 += a2 * w2; s23 += a2 * w3
                    s30 += a3 * w0; s31 += a3 * w1; s32 += a3 * w2; s33 += a3 * w3
                    c += n
                }
                (z0[j], z0[j &+ 1], z0[j &+ 2], z0[j &+ 3]) = (s00, s01, s02, s03)
                if rows > 1 { (z0[n &+ j], z0[n &+ j &+ 1], z0[n &+ j &+ 2], z0[n &+ j &+ 3]) = (s10, s11, s12, s13) }
                if rows > 2 {
                    let z2 = z0 + 2 &* n
                    (z2[j], z2[j &+ 1], z2[j &+ 2], z2[j &+ 3]) = (s20, s21, s22, s23)
                }
                if rows > 3 {
                    let z3 = z0 + 3 &* n
                    (z3[j], z3[j &+ 1], z3[j &+ 2], z3[j &+ 3]) = (s30, s31, s32, s33)
                }
                j &+= 4
            }
            while j < n {
                var (s0, s1, s2, s3) = (b[j], b[j], b[j], b[j])
                var c = w + j
                for k in 0..<fanIn {
                    let wk = c.pointee
                    s0 += x0[k] * wk; s1 += x1[k] * wk; s2 += x2[k] * wk; s3 += x3[k] * wk
                    c += n
                }
                z0[j] = s0
                if rows > 1 { z0[n &+ j] = s1 }
                if rows > 2 { z0[2 &* n &+ j] = s2 }
                if rows > 3 { z0[3 &* n &+ j] = s3 }
                j &+= 1
            }
            r &+= rows
        }
    }
}
