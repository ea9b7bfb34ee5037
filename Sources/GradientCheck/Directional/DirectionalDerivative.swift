extension GradientChecker {
    /// Halvings of the step that may keep a directional stencil off a kink (down to `h/16`,
    /// where round-off is 16 times larger) before the direction is left to the per-element check.
    @usableFromInline static let kinkHalvings = 4
    /// How the reason of a direction left to the per-element check for a kink begins.
    @usableFromInline static let kinkCrossing = "the stencil crosses a kink"

    /// Direction `j`'s comparison, as element `[j]` of the pseudo-tensor `directions`: the
    /// analytic `a ≈ gᵀu` against GSL's central difference `n` of `D(t) = L(θ + t·u)` at `t = 0`.
    ///
    /// - Step: `h = 2^round(log₂((3ε)^(1/3)))` in `t` (`StepSize` at `θ = 0`). With `‖u‖₂ = 1` the
    ///   stencil moves θ by `h`, each parameter by `h·u_i`, and the error `h²·|D‴|/6 + ε·|D|/h`
    ///   balances as for one element (Numerical Recipes §5.7), `|D| = |L|`. When the model has
    ///   kinks and its kink pattern changes at `t = ±h, ±h/2`, `h` is halved (at most
    ///   `kinkHalvings` times) until it does not; otherwise the direction is INCONCLUSIVE (a
    ///   chord across a kink is no evidence) and the caller escalates.
    /// - Analytic side: `θ_i + t·u_i` rounds in the dtype, by up to `ε|θ_i|/2`, which divided by
    ///   `h` would be a round-off of order `ε·Σ|g_i θ_i|/h`, larger than the signal in Float for
    ///   thousands of parameters. So each evaluated point's exact displacement `Δ = p − θ`
    ///   (exact in Double for Float values) is kept, and `a` is GSL's rule applied to the
    ///   first-order predictions `gᵀΔ_k` of the four points whose result GSL returned: the rule
    ///   is exact for linear functions, so `a = gᵀu` up to rounding, and a bug `δ` in `g` shows
    ///   as `a − n ≈ δᵀu`.
    /// - Tolerance: `|a − n| ≤ atol + rtol·max(Σ|g_i u_i|, |n|) + κ·E`, the element rule
    ///   (`Tolerance`) summed along `u`. `rtol` covers each element's own analytic rounding, up
    ///   to `rtol·|g_i|`, so the sum's worst case `rtol·Σ|g_i u_i|` (not `rtol·|gᵀu|`, which
    ///   cancellation can make arbitrarily small) is the scale; the dot product's own rounding,
    ///   `γ_P·Σ|g_i Δ_i|` in Double (Higham, *Accuracy and Stability*, §3.1), is far below it.
    ///   `atol` bounds the rounding `e_i` of elements whose true value is ≈ 0; those errors do not
    ///   depend on the random signs, so `Σ e_i u_i` stays within `s·max|e_i|·‖u‖₂` except with
    ///   probability `2·exp(−s²/2)` (Hoeffding), and `atol·‖u‖₂ = atol` is already ≥ 16 times such
    ///   rounding. `E` is GSL's estimate, widened for Float evaluation (`FiniteDifference`); the
    ///   rounding of the points themselves is removed above rather than estimated. With the
    ///   wider oracle and a model that bounds its rounding, `B = Σ|u_i|·B_i` is added: the
    ///   element bounds `B_i` along `u` (`Tolerance`), and `D` is the wider model's loss.
    /// - Verdict: NON-FINITE for any NaN or ±Inf; PASS within the rule and resolved
    ///   (`ElementResult.isResolved`, 5 %), INCONCLUSIVE within it but not resolved; FAIL outside.
    ///
    /// θ is `theta` again on return. `evaluations` counts the loss evaluations of GSL's rule.
    @inlinable
    func compareDirection<Model: GradientCheckable>(
        _ j: Int, _ direction: Direction, of model: inout Model, theta: [Model.Scalar], gradient: [Model.Scalar],
        roundingBound: [Double]?, lossFinite: Bool, basePattern: [Int8]?, tolerance: Tolerance, relativeStep: Double, epsilon: Double,
        evaluations: inout Int
    ) -> ElementResult {
        defer { model.parameters = theta }
        let u = direction.u
        var scale = 0.0
        for i in u.indices { scale += abs(Double(gradient[i]) * u[i]) }
        var h = StepSize.requestedStep(for: Model.Scalar(0), relativeStep: relativeStep).h
        var point = theta
        var isolated = basePattern == nil
        if let basePattern {
            for _ in 0...Self.kinkHalvings {
                let crosses = [-h, -h / 2, h / 2, h].contains { t in
                    _ = Self.move(theta, along: u, by: t, into: &point, gradient: gradient)
                    swap(&model.parameters, &point)
                    return model.kinkPattern() != basePattern
                }
                if !crosses {
                    isolated = true
                    break
                }
                h /= 2
            }
        }
        var element = ElementResult(index: [j], flatIndex: j, theta: 0, analytic: .nan, numerical: .nan,
                                    errorEstimate: .nan, returnedStep: h, stepEnlarged: false, allowed: .nan,
                                    leftDerivative: nil, rightDerivative: nil, verdict: .inconclusive)
        guard isolated else {
            element.reason = Self.kinkCrossing + " of the model (its kink pattern changes within t = ±h even at "
                + "h = \(h * 2)): a chord, not evidence; the per-element check judges the kinks"
            return element
        }
        var steps: [Double] = []
        var predictions: [Double] = []
        let d = FiniteDifference.derivative(of: { t in
            predictions.append(Self.move(theta, along: u, by: t, into: &point, gradient: gradient))
            steps.append(t)
            swap(&model.parameters, &point)
            return Double(model.loss())
        }, at: 0, requestedStep: h, rule: .central, epsilon: epsilon)
        evaluations += d.evaluations
        element.analytic = Self.ruleOfPredictions(predictions, steps: steps, returnedStep: d.returnedStep)
        element.numerical = d.value
        element.errorEstimate = d.errorEstimate
        element.returnedStep = d.returnedStep
        var bound = 0.0
        if let roundingBound { for i in u.indices { bound += abs(u[i]) * roundingBound[i] } }
        element.roundingBound = roundingBound == nil ? nil : bound
        element.allowed = tolerance.allowed(analytic: max(scale, abs(element.analytic)), numerical: d.value,
                                            errorEstimate: d.errorEstimate, roundingBound: bound)
        guard lossFinite, scale.isFinite, element.analytic.isFinite, d.isFinite else {
            element.verdict = .nonFinite
            return element
        }
        if element.absoluteError > element.allowed {
            element.verdict = .fail
        } else if let unresolved = element.unresolvedReason {
            element.reason = unresolved
        } else {
            element.verdict = .pass
        }
        return element
    }

    /// Writes `θ + t·u` rounded to the dtype into `point` (every entry; the callers swap it with
    /// the model's parameters, so the buffer it overwrites is the one the previous point left,
    /// never shared), and returns the first-order change `gᵀΔ` it predicts, `Δ = point − θ`
    /// taken exactly (Double holds the difference of two nearby Float values exactly; of two
    /// Doubles, to a relative `ε`).
    /// - Parameters: theta, u, point, gradient: `P` entries each.
    @inlinable
    static func move<S: BinaryFloatingPoint>(_ theta: [S], along u: [Double], by t: Double, into point: inout [S],
                                             gradient: [S]) -> Double {
        var prediction = 0.0
        theta.withUnsafeBufferPointer { theta in
            u.withUnsafeBufferPointer { u in
                gradient.withUnsafeBufferPointer { gradient in
                    point.withUnsafeMutableBufferPointer { point in
                        precondition(u.count == theta.count && gradient.count == theta.count && point.count == theta.count)
                        for i in theta.indices {
                            let p = S(Double(theta[i]) + t * u[i])
                            point[i] = p
                            prediction += Double(gradient[i]) * (Double(p) - Double(theta[i]))
                        }
                    }
                }
            }
        }
        return prediction
    }

    /// GSL's central rule (`Stencil.result`) applied to the predictions of the four evaluations
    /// whose stencil GSL returned (step `returnedStep`; GSL evaluates groups of four, the first
    /// at the given step, a second at a smaller one when it tries that).
    @usableFromInline
    static func ruleOfPredictions(_ predictions: [Double], steps: [Double], returnedStep: Double) -> Double {
        var best: Double = .nan
        var bestDistance = Double.infinity
        for start in stride(from: 0, to: predictions.count - 3, by: 4) {
            let h = (steps[start + 1] - steps[start]) / 2
            let stencil = Stencil(h: h, f: Array(predictions[start..<start + 4]), rule: .central)
            if abs(h - returnedStep) < bestDistance {
                best = stencil.result
                bestDistance = abs(h - returnedStep)
            }
        }
        return best
    }
}
