/// The central difference `D(h) = (f(x + h) − f(x − h)) / 2h` that every test in this target
/// checks an analytic derivative against, and the error bound that goes with it.
///
/// Error of `D(h)` against `f'(x)`, in Double:
/// - truncation: Taylor to third order gives `D(h) − f'(x) = h²·f‴(ξ)/6` for some `ξ` within
///   `x ± h`, so `|·| ≤ h²·M₃/6` with `M₃` a bound on `|f‴|` there;
/// - round-off: if each evaluation of `f` is off by at most `k·ε·S` (`k` roundings of size
///   `ε = Double.ulpOfOne`, each relative to a magnitude scale `S` of the computation), the
///   difference of two evaluations is off by `2·k·ε·S`, and the quotient by `k·ε·S/h`.
/// The step actually taken is `(x + h) − (x − h)`, not `2h`, so that the rounding of `x ± h`
/// does not add an `|f'|·ε·|x|/h` term.
enum CentralDifference {
    /// The step of every central difference in this target.
    static let h = 1e-5
    static let epsilon = Double.ulpOfOne

    /// `D(h)` with the realised step `(x + h) − (x − h)` (exact by Sterbenz's lemma for |x| ≥ 2h,
    /// and exact near 0 since `x ± h` then has an absolute error far below `h`).
    static func derivative(_ f: (Double) -> Double, at x: Double, step: Double = h) -> Double {
        let (plus, minus) = (x + step, x - step)
        return (f(plus) - f(minus)) / (plus - minus)
    }

    /// `h²·M₃/6 + k·ε·S/h`, plus `4ε·|f'|` for the rounding of the quotient itself and of the
    /// analytic derivative it is compared with.
    static func tolerance(thirdDerivativeBound m3: Double, roundings k: Double, scale s: Double,
                          derivative: Double, step: Double = h) -> Double {
        step * step * m3 / 6 + k * epsilon * s / step + 4 * epsilon * abs(derivative)
    }

    /// `S = Σ_i (|a_i| + |y_i| + 1)² / m`: bounds each loss term of mse, bce and softmax-ce
    /// (with `a` the output activation, or the logits `z`) and the first-order effect of a
    /// relative error in `a` on it; the magnitude that round-off of `L` is relative to.
    static func lossMagnitude(_ a: [Double], _ y: [Double], m: Int) -> Double {
        var total = 0.0
        for (ai, yi) in zip(a, y) {
            let term = abs(ai) + abs(yi) + 1
            total += term * term
        }
        return total / Double(m)
    }

    /// `θ` with element `i` replaced by `value`.
    static func replacing(_ theta: [Double], at i: Int, with value: Double) -> [Double] {
        var copy = theta
        copy[i] = value
        return copy
    }
}
