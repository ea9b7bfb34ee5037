extension GradientChecker {
    /// Judges an element whose central stencil crossed a kink (the kink pattern changed).
    ///
    /// A chord across a kink is not a derivative, so the analytic value is held against
    /// one-sided derivatives instead (`gsl_deriv_backward`, `gsl_deriv_forward`). Each side's
    /// step starts at `h` and is halved until all four points of its stencil lie on the smooth
    /// piece next to `θ` (the same kink pattern), so that no further kink mixes in: with
    /// several rows of a batch, kinks can lie on both sides of `θ` within one step.
    /// - If `θ` lies on a piece that continues to a side (same pattern), the derivative from that
    ///   side is the derivative at `θ`: the analytic value must match it by the tolerance rule.
    /// - If `θ` sits exactly on the kink (its pattern matches neither side), the analytic value
    ///   must lie between the left and right derivatives, with the rule's slack.
    /// KINK when it does, FAIL otherwise (also when no side could be isolated).
    @inlinable
    func judgeKink<Model: GradientCheckable>(
        _ element: inout ElementResult, of model: inout Model, theta: Model.Scalar, h: Double,
        basePattern: [Int8], tolerance: Tolerance, epsilon: Double, evaluations: inout Int
    ) {
        let left = oneSided(.backward, of: &model, element.flatIndex, theta: theta, h: h, epsilon: epsilon,
                            evaluations: &evaluations)
        let right = oneSided(.forward, of: &model, element.flatIndex, theta: theta, h: h, epsilon: epsilon,
                             evaluations: &evaluations)
        element.leftDerivative = left?.derivative.value
        element.rightDerivative = right?.derivative.value
        let sides = [left, right].compactMap { $0 }
        if sides.contains(where: { !$0.derivative.isFinite }) {
            element.verdict = .nonFinite
            return
        }
        let (a, bound) = (element.analytic, element.roundingBound ?? 0)
        let onPiece = sides.filter { $0.pattern == basePattern }
        if !onPiece.isEmpty {
            let allowed = onPiece.map {
                tolerance.allowed(analytic: a, numerical: $0.derivative.value, errorEstimate: $0.derivative.errorEstimate,
                                  roundingBound: bound)
            }
            element.allowed = allowed.min()!
            element.verdict = zip(onPiece, allowed).allSatisfy { abs(a - $0.derivative.value) <= $1 } ? .kink : .fail
            return
        }
        guard let left, let right else {
            element.verdict = .fail
            return
        }
        let (l, r) = (left.derivative, right.derivative)
        let slack = tolerance.atol + tolerance.rtol * max(abs(l.value), abs(r.value))
            + tolerance.kappa * (l.errorEstimate + r.errorEstimate) + bound
        element.allowed = slack
        let between = a >= min(l.value, r.value) - slack && a <= max(l.value, r.value) + slack
        element.verdict = between ? .kink : .fail
    }

    /// The one-sided derivative whose stencil `θ ± {¼, ½, ¾, 1}·h'` lies on the piece adjacent
    /// to `θ` on that side, with that piece's kink pattern; `nil` when halving `h` down to the
    /// probe distance does not isolate it. The adjacent piece is the pattern at `θ ± δ`,
    /// `δ = max(h·2⁻³⁰, 2·ulp(θ))`: far enough to move a pre-activation that sits exactly on its
    /// kink (`z = 0`), near enough that no other kink lies in between in practice.
    @inlinable
    func oneSided<Model: GradientCheckable>(
        _ rule: FiniteDifference.Rule, of model: inout Model, _ i: Int, theta: Model.Scalar, h: Double,
        epsilon: Double, evaluations: inout Int
    ) -> (derivative: NumericalDerivative, pattern: [Int8]?)? {
        let sign: Double = rule == .forward ? 1 : -1
        let probe = max(h * 0x1p-30, 2 * Double(theta.ulp))
        model.parameters[i] = Model.Scalar(Double(theta) + sign * probe)
        let adjacent = model.kinkPattern()
        model.parameters[i] = theta
        var step = h
        while step / 4 >= probe {
            let offsets = [0.25, 0.5, 0.75, 1].map { sign * $0 * step }
            if !pattern(of: &model, i, theta: theta, offsets: offsets, differsFrom: adjacent) {
                let d = derivative(i, of: &model, theta: theta, requestedStep: step, rule: rule, epsilon: epsilon,
                                   evaluations: &evaluations)
                return (d, adjacent)
            }
            step /= 2
        }
        return nil
    }
}
