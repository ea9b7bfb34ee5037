/// The second-order check (`GradientChecker.order` 2): `H·v` by the model's own second-order
/// code (`GradientCheckable.hessianVectorProduct`) against GSL's central difference of the
/// backprop gradient along `v`, element by element.
///
/// - **Direction.** `v` is the Taylor test's (`TaylorTest.direction(of:seed:)`, `‖v‖₂ = 1`,
///   from the trial's seed), so `gradcheck taylor` and `--order 2` look along the same line.
/// - **Numerical side.** `n_i = gsl_deriv_central` of `t ↦ g_i(θ + t·v)`, `g` the numerical
///   side's backprop gradient: the wider model's (Double, for Float under the wider oracle) or
///   the model's own. The gradient at each `t` is computed once and shared by every element
///   (GSL's first four points are the same for all of them); only GSL's second, smaller step
///   differs per element. Step `h` in `t` as in the directional check (`StepSize` at 0).
/// - **Tolerance.** `|a − n| ≤ atol + rtol·max(|a|, |n|) + κ·E + B`, the first-order rule
///   (`Tolerance`), with `E` GSL's estimate plus the round-off of the gradient values it
///   differences: GSL assumes `ε·|g_i|`, but backprop's `g_i` can carry far more (cancellation in
///   its sums), so its running error bound `B^g_i` (numerical side,
///   `gradientRoundingBound()`) enters through the rule's weights as `3·B^g_i/h` (Σ|w| = 3, as
///   `NetworkObjective.referenceEvaluation` reasons); `B` is the running error bound of the
///   dtype's `H·v` when the wider oracle judges (`hessianVectorRoundingBound`). Unresolved (the
///   allowed error above 1/20 of the values): INCONCLUSIVE.
/// - **Kinks.** `H` is undefined where a ReLU-like unit is at its kink. When the kink pattern
///   changes within `t = ±h` even after `kinkHalvings` halvings, each element is judged by the
///   one-sided differences of `g_i` along `v` (`gsl_deriv_forward`, `gsl_deriv_backward`): KINK
///   when `a` agrees with one of them (the R-operator takes one side of the kink, as backprop
///   does), FAIL when it agrees with neither.
/// - **Cost.** One backprop and one R-operator pass of the dtype, each with its running error
///   bound; on the numerical side 4 gradients shared by all elements, plus up to 4 per element
///   for GSL's second step, and the kink patterns; the CheckResult's `lossEvaluations` counts
///   these gradient evaluations.
extension GradientChecker {
    /// The second-order check above, of `model`'s `H·v` along the direction drawn from `seed`:
    /// one `ElementResult` per entry of `H·v` (`analytic` is `(Hv)_i`, `numerical` GSL's
    /// difference of `g_i` along `v`, both in the units of `∂²L/∂θ²` times `v`'s), in the tensors
    /// of `parameterTensors`. `model`'s parameters are bitwise what they were on return.
    /// - Throws: `CheckError.noHessianVectorProduct` when the model has no `H·v` (or one of
    ///   another size), and the first-order check's shape errors.
    @inlinable
    public func checkSecondOrder<Model: GradientCheckable>(_ model: inout Model, seed: UInt32) throws(CheckError) -> CheckResult {
        if oracle == .wider, var wider = model.widerModel() {
            return try checkSecondOrder(model, numericalSide: &wider, isWider: true, seed: seed)
        }
        let analyticSide = model
        return try checkSecondOrder(analyticSide, numericalSide: &model, isWider: false, seed: seed)
    }

    @inlinable
    func checkSecondOrder<Model: GradientCheckable, Numerical: GradientCheckable>(
        _ model: Model, numericalSide numerical: inout Numerical, isWider: Bool, seed: UInt32
    ) throws(CheckError) -> CheckResult {
        typealias N = Numerical.Scalar
        let v = TaylorTest.direction(of: model, seed: seed)
        guard let hv = model.hessianVectorProduct(v) else { throw .noHessianVectorProduct("the model has none") }
        guard hv.count == v.count else {
            throw .noHessianVectorProduct("hessianVectorProduct(v) has \(hv.count) entries, parameters \(v.count)")
        }
        let hvBound = isWider ? model.hessianVectorRoundingBound(v) : nil
        let start = try CheckStart(model, checker: self, numericalEpsilon: Double(N.ulpOfOne), boundsRounding: hvBound != nil)
        let (tolerance, epsilon) = (start.tolerance, start.epsilon)
        let original = numerical.parameters
        guard original.count == start.theta.count,
              zip(original, start.theta).allSatisfy({ Double($0) == Double($1) || ($0.isNaN && $1.isNaN) }) else {
            throw .widerEvaluationMismatch("its \(original.count) parameters are not the model's \(start.theta.count)")
        }
        var findings = WholeCheckFindings()
        let base = numerical.lossAndGradient()
        findings.compareRepeated(numerical.lossAndGradient(), with: base)
        if findings.verdict != nil {
            findings.notes.append("no element was compared: a difference quotient of a gradient that does not repeat "
                                  + "measures its noise, not H·v")
            return CheckResult(loss: Double(start.loss), tensors: [], notes: findings.notes, lossEvaluations: 0,
                               verdict: findings.verdict!, wholeCheckVerdict: findings.verdict)
        }
        let gradientBound = numerical.gradientRoundingBound()
        let vN = v.map { N($0) }
        var cache: [UInt64: [Double]] = [:]
        var evaluations = 0
        func gradient(at t: Double) -> [Double] {
            if let known = cache[t.bitPattern] { return known }
            var point = original
            for i in point.indices { point[i] = original[i] + N(t) * vN[i] }
            numerical.parameters = point
            let g = numerical.lossAndGradient().gradient.map { Double($0) }
            numerical.parameters = original
            evaluations += 1
            cache[t.bitPattern] = g
            return g
        }
        // The step in t, halved (at most kinkHalvings times) until no stencil point is across a kink.
        var h = StepSize.requestedStep(for: N(0), relativeStep: start.relativeStep).h
        var isolated = true
        if let basePattern = numerical.kinkPattern() {
            isolated = false
            for _ in 0...Self.kinkHalvings {
                let crosses = [-h, -h / 2, h / 2, h].contains { t in
                    var point = original
                    for i in point.indices { point[i] = original[i] + N(t) * vN[i] }
                    numerical.parameters = point
                    defer { numerical.parameters = original }
                    return numerical.kinkPattern() != basePattern
                }
                if !crosses {
                    isolated = true
                    break
                }
                h /= 2
            }
        }
        var tensors: [TensorResult] = []
        for tensor in start.tensors {
            var elements: [ElementResult] = []
            for k in 0..<tensor.count {
                let i = tensor.offset + k
                let a = Double(hv[i])
                var element = ElementResult(index: [], flatIndex: i, theta: Double(start.theta[i]), analytic: a, numerical: .nan,
                                            errorEstimate: .nan, returnedStep: h, stepEnlarged: false, allowed: .nan,
                                            leftDerivative: nil, rightDerivative: nil, roundingBound: hvBound?[i], verdict: .nonFinite)
                element.multiIndex = MultiIndex(k, shape: tensor.shape)
                func difference(_ rule: FiniteDifference.Rule) -> (value: Double, error: Double, step: Double) {
                    let d = FiniteDifference.derivative(of: { gradient(at: $0)[i] }, at: 0, requestedStep: h, rule: rule,
                                                        epsilon: epsilon)
                    let roundOff = gradientBound.map { 3 * $0[i] / d.returnedStep } ?? 0
                    return (d.value, d.errorEstimate + roundOff, d.returnedStep)
                }
                func allowed(_ n: Double, _ e: Double) -> Double {
                    tolerance.allowed(analytic: a, numerical: n, errorEstimate: e, roundingBound: hvBound?[i] ?? 0)
                }
                if isolated {
                    let d = difference(.central)
                    (element.numerical, element.errorEstimate, element.returnedStep) = d
                    element.allowed = allowed(d.value, d.error)
                    if !(a.isFinite && d.value.isFinite && d.error.isFinite) {
                        element.verdict = .nonFinite
                    } else if abs(a - d.value) <= element.allowed {
                        element.verdict = .pass
                        if let unresolved = element.unresolvedReason { (element.verdict, element.reason) = (.inconclusive, unresolved) }
                    } else {
                        element.verdict = .fail
                    }
                } else {
                    let (left, right) = (difference(.backward), difference(.forward))
                    (element.leftDerivative, element.rightDerivative) = (left.value, right.value)
                    element.numerical = abs(a - left.value) <= abs(a - right.value) ? left.value : right.value
                    let side = element.numerical == left.value ? left : right
                    (element.errorEstimate, element.returnedStep) = (side.error, side.step)
                    element.allowed = allowed(side.value, side.error)
                    if !(a.isFinite && left.value.isFinite && right.value.isFinite && side.error.isFinite) {
                        element.verdict = .nonFinite
                    } else if abs(a - side.value) <= element.allowed {
                        element.verdict = .kink
                        element.reason = "the stencil along v crosses a kink even at h = \(h): H is undefined there; "
                            + "H·v agrees with the one-sided difference of the gradient on the \(side.value == left.value ? "left" : "right")"
                    } else {
                        element.verdict = .fail
                        element.reason = "the stencil along v crosses a kink, and H·v agrees with neither one-sided difference"
                    }
                }
                elements.append(element)
            }
            tensors.append(TensorResult(tensor: tensor, elements: elements))
        }
        findings.checkRestored(&numerical, original: original)
        let notes = findings.notes + ["second order: H·v along the trial's unit direction v against GSL central differences "
                                      + "of the backprop gradient along v"]
        let verdict = max(Verdict.aggregate(tensors.map(\.verdict)), findings.verdict ?? .pass)
        return CheckResult(loss: Double(start.loss), tensors: tensors, notes: notes, lossEvaluations: evaluations,
                           verdict: verdict, wholeCheckVerdict: findings.verdict)
    }
}
