extension GradientChecker {
    /// A second opinion on an element that failed the rule, before it is reported as FAIL.
    ///
    /// The rule trusts GSL's error estimate `E`, which can be wrong in two ways that are not
    /// gradient bugs: the round-off of a loss that cancels (`E` scales with `|L|`, the error
    /// with the terms `L` is made of, e.g. `logsumexp(z) − z_y` with large logits), and the
    /// truncation at a step too large for the local curvature (saturated units under large
    /// weights: `|r5 − r3|/h` bounds the error only once `h` is in the asymptotic range). So the
    /// element is computed again in `ReferenceScalar` (`GradientCheckable.referenceEvaluation` of
    /// the model whose loss was differentiated): over the checked stencil (round-off) and at the
    /// wider type's own, much smaller, step (truncation), each `n*` with its estimate `E*`; and
    /// the analytic `a*` by the same backprop (`GradientCheckable.referenceGradient` of the
    /// checked model), whose distance `|a − a*|` is the dtype's own rounding in `a` (a bug shifts
    /// `a` and `a*` alike, so it never widens this). `E*` also holds the round-off of a loss
    /// that cancels, from the loss's running error bound `e` at θ in the differentiated type
    /// (`GradientCheckable.lossRoundingBound`), scaled to `ReferenceScalar` by `u*/u` (to first
    /// order every term of a running error bound is proportional to `u`): `3·e·(u*/u)/h`
    /// (`FiniteDifference.roundOff`). The element is INCONCLUSIVE when either
    /// `|a − n*| ≤ atol + rtol·max(|a|, |n*|) + κ·(E* + |a − a*|)`: the dtype cannot resolve it at
    /// this θ, and a bug of the size seen would fail this rule too. Otherwise the FAIL stands.
    @inlinable
    func recheck<Model: GradientCheckable>(_ element: inout ElementResult, of model: Model,
                                           theta: Model.Scalar, tolerance: Tolerance, reference analytic: Double?,
                                           lossBound: Double?) {
        let h = element.returnedStep
        let points = [-h, h, -h / 2, h / 2].map { Model.Scalar(Double(theta) + $0) }
        guard let analytic, analytic.isFinite,
              let reference = model.referenceEvaluation(element.flatIndex, points: points, returnedStep: h) else { return }
        element.rechecked = true
        element.referenceNumerical = reference.ownStep.value
        let ownRounding = abs(element.analytic - analytic)
        // An infinite bound (a saturated log) is the analysis giving up, no evidence of
        // cancellation: it adds nothing, so it cannot excuse a FAIL.
        let wideLossBound = (lossBound.flatMap { $0.isFinite ? $0 : nil } ?? 0)
            * Double(ReferenceScalar.ulpOfOne) / Double(Model.Scalar.ulpOfOne)
        for (n, what) in [(reference.sameStencil, "the same stencil"), (reference.ownStep, "a step of \(reference.ownStep.returnedStep)")]
        where n.isFinite {
            let cancellation = FiniteDifference.roundOff(ofLossBound: wideLossBound, rule: .central, returnedStep: n.returnedStep)
            let allowed = tolerance.allowed(analytic: element.analytic, numerical: n.value,
                                            errorEstimate: n.errorEstimate + cancellation + ownRounding)
            if abs(element.analytic - n.value) <= allowed {
                element.verdict = .inconclusive
                element.reason = "beyond what the dtype resolves here: in \(referenceName), \(what) gives \(n.value) "
                    + "(E \(n.errorEstimate + cancellation)) and the same backprop \(analytic), which the analytic value agrees with"
                return
            }
        }
    }
}
