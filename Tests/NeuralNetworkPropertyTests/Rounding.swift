/// The rounding-error constants of one floating-point type, in the notation of Higham,
/// *Accuracy and Stability of Numerical Algorithms*, 2nd ed. (2002), §2.1 and §3.1. Every bound
/// in this target is built from them.
struct Rounding: Sendable {
    /// Unit roundoff `u = ε/2`, `ε = ulpOfOne`: each correctly rounded `+ − × ÷` returns
    /// `(x op y)(1 + δ)` with `|δ| ≤ u` (Higham §2.2, the standard model).
    let u: Double

    init<T: BinaryFloatingPoint>(_: T.Type) {
        u = Double(T.ulpOfOne) / 2
    }

    /// `γ_n = n·u/(1 − n·u)` (Higham §3.1, Lemma 3.1): `n` roundings compound to a relative error
    /// of at most `γ_n`. A recursive sum of `n + 1` terms, or a dot product of length `n`, is off
    /// by at most `γ_n·Σ|terms|` (Higham §3.1, eq. 3.5, and §4.2).
    func gamma(_ n: Int) -> Double {
        let nu = Double(n) * u
        precondition(nu < 1, "γ_\(n) needs n·u < 1")
        return nu / (1 - nu)
    }

    /// Ulps of error of one libm call (`exp`, `log`, `log1p`, `tanh`, float or double). glibc does
    /// not round these correctly; measured on glibc 2.36 (x86_64) with 2·10⁶ random arguments
    /// each against a wider type, `tanh` and `tanhf` reach 2.14 ulps, `log1p` 0.84, `log` 0.81,
    /// `exp` 0.51. 3 ulps covers them all.
    static let libmULPs = 3.0

    /// Relative error of one libm call: `k` ulps of a value `v` are at most `k·2u·|v|`, since an
    /// ulp of `v` is at most `2u·|v|`.
    var libm: Double { 2 * Self.libmULPs * u }
}
