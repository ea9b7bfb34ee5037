extension GradientChecker {
    /// A second opinion on an element that failed the rule, before it is reported as FAIL.
    ///
    /// The rule trusts GSL's error estimate `E`, which can be wrong in two ways that are not
    /// gradient bugs: the round-off of a loss that cancels (`E` scales with `|L|`, the error
    /// with the terms `L` is made of, e.g. `logsumexp(z) − z_y` with large logits), and the
    /// truncation at a step too large for the local curvature (saturated units under large
    /// weights: `|r5 − r3|/h` bounds the error only once `h` is in the asymptotic range). So the
    /// element is computed again in `ReferenceScalar` (`GradientCheckable.referenceEvaluation`):
    /// the dtype's own stencil (round-off) and the wider type's own, much smaller, step
    /// (truncation), each `n*` with its estimate `E*`, and the analytic `a*` by the same
    /// backprop, whose distance `|a − a*|` is the dtype's own rounding in `a` (a bug shifts `a`
    /// and `a*` alike, so it never widens this). The element is INCONCLUSIVE when either
    /// `|a − n*| ≤ atol + rtol·max(|a|, |n*|) + κ·(E* + |a − a*|)`: the dtype cannot resolve it at
    /// this θ, and a bug of the size seen would fail this rule too. Otherwise the FAIL stands.
    @inlinable
    func recheck<Model: GradientCheckable>(_ element: inout ElementResult, of model: Model,
                                           theta: Model.Scalar, tolerance: Tolerance) {
        let h = element.returnedStep
        let points = [-h, h, -h / 2, h / 2].map { Model.Scalar(Double(theta) + $0) }
        guard let reference = model.referenceEvaluation(element.flatIndex, points: points, returnedStep: h),
              reference.analytic.isFinite else { return }
        element.referenceNumerical = reference.ownStep.value
        let ownRounding = abs(element.analytic - reference.analytic)
        for (n, what) in [(reference.sameStencil, "the same stencil"), (reference.ownStep, "a step of \(reference.ownStep.returnedStep)")]
        where n.isFinite {
            let allowed = tolerance.allowed(analytic: element.analytic, numerical: n.value,
                                            errorEstimate: n.errorEstimate + ownRounding)
            if abs(element.analytic - n.value) <= allowed {
                element.verdict = .inconclusive
                element.reason = "beyond what the dtype resolves here: in \(referenceName), \(what) gives \(n.value) "
                    + "(E \(n.errorEstimate)) and the same backprop \(reference.analytic), which the analytic value agrees with"
                return
            }
        }
    }
}
