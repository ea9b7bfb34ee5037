import CGSL

/// Finite-difference derivatives of `f: ℝ → ℝ` by GSL's adaptive rules
/// (GSL Reference Manual §29 "Numerical Differentiation", `gsl_deriv_central`,
/// `gsl_deriv_forward`, `gsl_deriv_backward`).
///
/// GSL estimates round-off as if `f` were evaluated in Double (`GSL_DBL_EPSILON`). When the
/// loss is evaluated in a coarser dtype (Float), `epsilon` is that dtype's machine epsilon and
/// the round-off term is recomputed from the recorded evaluations with it, using GSL's own
/// formulas (gsl-2.7 `deriv/deriv.c`), and added to GSL's estimate.
public enum FiniteDifference {
    /// Which GSL rule to use.
    public enum Rule: Sendable {
        /// 5-point central rule at `x ± h`, `x ± h/2`; error O(h⁴), estimate O(h²).
        case central
        /// 4-point open rule at `x + h/4 … x + h`: the right derivative at a kink.
        case forward
        /// The mirror image at `x − h/4 … x − h`: the left derivative.
        case backward
    }

    /// The derivative of `f` at `x`.
    /// - Parameters:
    ///   - x: the point, in `f`'s own units.
    ///   - h: the requested step (> 0); GSL may shrink it, never enlarges it (`returnedStep`).
    ///   - rule: central (the default), or the one-sided rule of a side (`Rule`).
    ///   - epsilon: machine epsilon of the dtype `f` is evaluated in (`Float.ulpOfOne` for Float).
    ///   - f: the function; it must not throw (report errors by returning NaN).
    /// - Returns: a derivative whose `isFinite` is false when GSL reports an error or any
    ///   evaluation was non-finite (`gsl_deriv_central` returns GSL_SUCCESS even then).
    public static func derivative(of f: (Double) -> Double, at x: Double, requestedStep h: Double,
                                  rule: Rule = .central, epsilon: Double = Double.ulpOfOne) -> NumericalDerivative {
        _ = gslErrorHandlerOff
        return withoutActuallyEscaping(f) { f in
            // The recorder lives on the stack and GSL gets a pointer to it: no object to
            // allocate and retain for each of the hundreds of thousands of derivatives a run takes.
            var recorder = Recorder(f)
            var result = Double.nan
            var abserr = Double.nan
            let status: Int32 = withUnsafeMutablePointer(to: &recorder) { context in
                var function = gsl_function(function: { x, params in
                    params!.assumingMemoryBound(to: Recorder.self).pointee.evaluate(x)
                }, params: context)
                switch rule {
                case .central: return gsl_deriv_central(&function, x, h, &result, &abserr)
                case .forward: return gsl_deriv_forward(&function, x, h, &result, &abserr)
                case .backward: return gsl_deriv_backward(&function, x, h, &result, &abserr)
                }
            }
            let points = recorder.points
            guard status == GSL_SUCCESS, points.allSatisfy({ $0.f.isFinite }) else {
                return NumericalDerivative(value: .nan, errorEstimate: .nan, returnedStep: h, evaluations: points.count)
            }
            let stencil = Stencil.returned(from: points, rule: rule, x: x, result: result)
            var error = abserr
            if epsilon > Double.ulpOfOne { error += stencil.roundOff(x: x, epsilon: epsilon) }
            return NumericalDerivative(value: result, errorEstimate: error, returnedStep: stencil.h, evaluations: points.count)
        }
    }

    /// The round-off of `rule`'s result when each evaluation of `f` may be off by `e`
    /// (a running error bound of the loss, `GradientCheckable.lossRoundingBound`): `Σ|w_k|·e/h`
    /// for the rule's weights on `f` (central 5-point: `4/3, 4/3, 1/6, 1/6`, Σ = 3; the 4-point
    /// one-sided rule: `22/3, 28, 38, 52/3`, Σ = 90). GSL's own estimate takes `e = ε·|f|`,
    /// which a loss that cancels (`softplus(z) − y·z` with large `z`, `logsumexp(z) − z_y`)
    /// exceeds by orders of magnitude. A worst-case bound, it is also far above the typical
    /// error (measured: it would raise Double's median certified agreement from ~1e-8 to 1e-6),
    /// so it enters only the second opinion on a FAIL (`GradientChecker.recheck`), where it
    /// keeps a cancelling loss from confirming a FAIL it cannot resolve.
    public static func roundOff(ofLossBound e: Double, rule: Rule, returnedStep h: Double) -> Double {
        guard e > 0 else { return 0 }
        return (rule == .central ? 3 : 90) * e / h
    }

    /// Keeps every `(x, f(x))` GSL asks for, so the stencil behind the result can be rebuilt.
    struct Recorder {
        let f: (Double) -> Double
        var points: [(x: Double, f: Double)] = []
        init(_ f: @escaping (Double) -> Double) {
            self.f = f
            points.reserveCapacity(8)  // GSL's most: two stencils of 4
        }
        mutating func evaluate(_ x: Double) -> Double {
            let value = f(x)
            points.append((x, value))
            return value
        }
    }
}
