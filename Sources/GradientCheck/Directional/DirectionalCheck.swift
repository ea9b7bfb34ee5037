/// Fast mode (`CheckMode.fast`): the gradient checked along `k` random signed directions and the
/// gradient direction (`Direction`), and element by element only when that is not a clean PASS.
///
/// **Cost.** One `lossAndGradient()`, `loss()` at θ before and after (the HARNESS-ERROR and
/// NONDETERMINISTIC checks of the loss), and per direction GSL's central difference of
/// `t ↦ L(θ + t·u)` (`compareDirection`): 4 loss evaluations, 8 when GSL tries its second step
/// (almost always in Float, whose round-off GSL underestimates). With kinks, 4 kink patterns
/// per direction too. The second backprop pass that the full check compares bitwise is left to
/// the escalation.
///
/// **Verdict.** PASS when every direction is within its rule and at least one is resolved
/// (unresolved ones are INCONCLUSIVE and reported). Otherwise the check is **escalated**: the
/// per-element check (`GradientChecker.check(_:)`, of every tensor, with its KINK judgement and
/// Float80 recheck) runs when a direction FAILs, is NON-FINITE or crosses a kink it cannot step
/// around, when no direction is resolved, or when the loss is nondeterministic or not backprop's.
/// Its elements are then reported as in full mode, so a failure names its worst element, and
/// the trial's verdict is theirs, joined by the directions':
/// - a FAIL or NON-FINITE direction stands when the elements do not pass either;
/// - a FAIL direction the elements do not confirm (every element within its own tolerance,
///   after the Float80 recheck) becomes INCONCLUSIVE with that reason, and the check's notes
///   say so: the element check is the finer instrument and the one full mode trusts, so fast
///   mode never fails a trial that full mode passes. The disagreement is either an error
///   spread so thinly that no element resolves it (which full mode cannot see either), or the
///   directional difference's estimate `E` being short (cancellation in a saturated loss, the
///   case the element recheck exists for);
/// - a NON-FINITE direction stands in any case: a NaN or ±Inf at a point near θ is a fact, not
///   an estimate, and never passes.
///
/// **Detection probability.** A bug changes `g` by `δ`; direction `u` exposes it when
/// `|δᵀu| > A`, `A` that direction's allowed error. For a random direction write
/// `δ̃_i = |u_i|·δ_i` (`|u_i| = w_i/(‖w_T‖₂·√T)`), so that `δᵀu = Σ r_i δ̃_i` with independent
/// Rademacher signs `r_i`; `A` depends on the signs only through `E` (take the largest `A`):
/// - one wrong element `j` gives `|δᵀu| = |δ̃_j|` in every direction: it is caught with
///   certainty once `|δ̃_j| > A`, never missed by bad luck;
/// - in general, if `n` elements have `|δ̃_i| > A`, one direction misses with probability at most
///   `C(n, ⌊n/2⌋)/2ⁿ` (Erdős 1945, the Littlewood–Offord problem; the signs of the other elements
///   only shift the interval): ½ for `n = 1, 2` (with `n = 1`, another element can cancel it), ⅜
///   for 3 and 4, and `≈ √(2/(πn))` for large `n`. The `k` directions are independent, so they
///   all miss with probability at most that to the `k`-th power: `2⁻ᵏ` in the worst case, two
///   equal errors of opposite sign (`δᵀu = 0` whenever their signs agree), ¼ at `k = 2`;
/// - Gaussian directions would instead miss with probability `erf(A/(√2·‖δ̃‖)) ≤ √(2/π)·A/‖δ̃‖`
///   for any `δ` (`δᵀu ~ N(0, ‖δ̃‖²)`), so errors far above `A` are missed less often than `2⁻ᵏ`,
///   but a single wrong element with probability `≈ √(2/π)·A/|δ̃_j|` per direction, and each
///   direction would cost a Gaussian draw per parameter instead of one random bit;
/// - the gradient direction `g/‖g‖₂` is not random: it fails on every error with
///   `|δᵀg|/‖g‖₂ > A`, e.g. a wrong scale `δ = c·g` (`c‖g‖₂`) once `c` exceeds the 5 % it resolves,
///   and sees nothing of an error orthogonal to `g` (a gradient left at 0 where it is not).
/// `A ≈ atol + rtol·Σ|g_i u_i| + κE` (`compareDirection`) is about one element's allowed error
/// with `Σ|g_i u_i|` for `|g_j|`, so compared with the per-element check a random direction needs
/// an error larger by about `1/|u_j|` (`√(T·n_T)` for `n_T` elements of similar magnitude in its
/// tensor), and by `‖g∘u‖₁/|g_j u_j|` more where the rtol term dominates (Float).
/// `Tests/GradientCheckTests/DetectionProbabilityTests.swift` measures these miss rates on
/// injected errors of known size; the README gives the mutant catalogue's.
extension GradientChecker {
    /// The check `order` and `mode` ask for: at order 2 the second-order check
    /// (`checkSecondOrder`); at order 1 `check(_:)` in full mode; in fast mode the directional check
    /// above, along directions drawn from `seed` (the trial's seed, `TrialSpec.trialSeed`), of
    /// the loss the full check would differentiate (`oracle`).
    /// - Throws: `CheckError` when the model breaks the protocol's shape contract, or the
    ///   direction count is outside `1...CheckMode.maxDirections` (`.invalidDirectionCount`).
    @inlinable
    public func check<Model: GradientCheckable>(_ model: inout Model, seed: UInt32) throws(CheckError) -> CheckResult {
        if order == 2 { return try checkSecondOrder(&model, seed: seed) }
        guard case .fast(let directionCount) = mode, !model.parameters.isEmpty else { return try check(&model) }
        guard (1...CheckMode.maxDirections).contains(directionCount) else { throw .invalidDirectionCount(directionCount) }
        let k = directionCount
        let screen: DirectionScreen
        if oracle == .wider, var wider = model.widerModel() {
            screen = try screenDirections(k, seed: seed, of: model, numericalSide: &wider, isWider: true)
        } else {
            let analyticSide = model
            screen = try screenDirections(k, seed: seed, of: analyticSide, numericalSide: &model, isWider: false)
        }
        let (findings, directions, evaluations) = (screen.findings, screen.directions, screen.evaluations)
        let screened = TensorResult(tensor: ParameterTensor(name: Self.directionsName, shape: [k + 1], offset: 0),
                                    elements: directions)
        guard let reason = Self.escalationReason(screened, findings: findings) else {
            return CheckResult(loss: screen.loss, tensors: [], notes: findings.notes, lossEvaluations: evaluations,
                               verdict: screened.verdict, wholeCheckVerdict: nil, directions: screened)
        }
        var full = try check(&model)
        let confirmed = !full.verdict.isAcceptable
        var unconfirmed = 0
        let judged = directions.map { direction -> ElementResult in
            guard direction.verdict == .fail, !confirmed else { return direction }
            unconfirmed += 1
            var judged = direction
            judged.verdict = .inconclusive
            judged.reason = "not confirmed element by element: |a − n|/allowed = \(direction.errorToAllowed) along this "
                + "direction, yet every element is within its own tolerance (an error spread below what any element "
                + "resolves, or a directional error estimate E that is short here)"
            return judged
        }
        full.notes = findings.notes + ["fast mode: escalated to the per-element check: \(reason)"]
            + (unconfirmed > 0 ? ["fast mode: the directional FAIL is not confirmed by the per-element check; the "
                                  + "verdict is the elements' (see the directions' reasons)"] : [])
            + full.notes
        full.directions = TensorResult(tensor: screened.tensor, elements: judged)
        full.lossEvaluations += evaluations
        if let found = findings.verdict { full.wholeCheckVerdict = max(full.wholeCheckVerdict ?? found, found) }
        full.verdict = max(Verdict.aggregate(full.tensors.map(\.verdict) + [full.directions!.verdict]),
                           full.wholeCheckVerdict ?? .pass)
        return full
    }

    /// `k` random directions and the gradient direction, each compared with the central
    /// difference of `numerical`'s loss along it (`compareDirection`), with the whole-check
    /// findings of the full check; only `numerical` is perturbed, and restored.
    @inlinable
    func screenDirections<Model: GradientCheckable, Numerical: GradientCheckable>(
        _ k: Int, seed: UInt32, of model: Model, numericalSide numerical: inout Numerical, isWider: Bool
    ) throws(CheckError) -> DirectionScreen {
        let bound = isWider ? model.gradientRoundingBound() : nil
        let start = try CheckStart(model, checker: self, numericalEpsilon: Double(Numerical.Scalar.ulpOfOne),
                                   boundsRounding: bound != nil)
        let (tolerance, tensors, lossA) = (start.tolerance, start.tensors, start.loss)
        let theta = numerical.parameters
        guard theta.count == start.theta.count else {
            throw .widerEvaluationMismatch("its \(theta.count) parameters are not the model's \(start.theta.count)")
        }
        if let bound, bound.count != theta.count {
            throw .widerEvaluationMismatch("gradientRoundingBound() has \(bound.count) entries, parameters \(theta.count)")
        }
        // Exact: the numerical side's type is the dtype or wider.
        let gradient = start.gradient.map { Numerical.Scalar($0) }
        var findings = WholeCheckFindings()
        let lossN = numerical.loss()
        findings.compareLosses(analytic: lossA, of: model, numerical: lossN, of: numerical, isWider: isWider,
                               rtol: tolerance.rtol)
        let lossFinite = Double(lossA).isFinite && Double(lossN).isFinite
        let basePattern = numerical.kinkPattern()
        var evaluations = 0
        let directions = (0...k).map { j in
            let direction = j < k ? Direction(index: j, seed: seed, theta: theta, tensors: tensors)
                : Direction(gradient: gradient)
            guard let direction else { return Self.noGradientDirection(j) }
            return compareDirection(j, direction, of: &numerical, theta: theta, gradient: gradient, roundingBound: bound,
                                    lossFinite: lossFinite, basePattern: basePattern, tolerance: tolerance,
                                    relativeStep: start.relativeStep, epsilon: start.epsilon, evaluations: &evaluations)
        }
        findings.checkRestored(&numerical, original: theta)
        if findings.verdict == nil {
            findings.compareRepeated(loss: numerical.loss(), with: lossN, when: "after the check restored θ")
        }
        return DirectionScreen(loss: Double(lossA), findings: findings, directions: directions, evaluations: evaluations)
    }

    /// The name of the pseudo-tensor whose elements are a fast check's directions: element `[j]`
    /// is random direction `j` for `j < k`, and element `[k]` the gradient direction; its θ is the
    /// stencil's centre `t = 0`, its analytic value `gᵀu`.
    public static let directionsName = "directions"

    /// Direction `j`, the gradient direction, when the analytic gradient is exactly 0.
    @usableFromInline
    static func noGradientDirection(_ j: Int) -> ElementResult {
        ElementResult(index: [j], flatIndex: j, theta: 0, analytic: 0, numerical: .nan, errorEstimate: .nan, returnedStep: 0,
                      stepEnlarged: false, allowed: .nan, leftDerivative: nil, rightDerivative: nil,
                      verdict: .inconclusive, reason: "the analytic gradient is 0: there is no gradient direction")
    }

    /// Why the directions are not a clean PASS, `nil` when they are.
    @usableFromInline
    static func escalationReason(_ directions: TensorResult, findings: WholeCheckFindings) -> String? {
        if let found = findings.verdict {
            return found == .harnessError ? "loss() is not the loss backprop starts from" : "the loss is nondeterministic"
        }
        func list(_ one: String, _ many: String, _ where: (ElementResult) -> Bool) -> String? {
            let hits = directions.elements.filter(`where`).map { "\($0.index[0])" }
            guard !hits.isEmpty else { return nil }
            return hits.count == 1 ? "direction \(hits[0]) \(one)" : "directions \(hits.joined(separator: ", ")) \(many)"
        }
        let found = [list("is NON-FINITE", "are NON-FINITE") { $0.verdict == .nonFinite },
                     list("FAILs", "FAIL") { $0.verdict == .fail },
                     list("crosses a kink", "cross a kink") { $0.reason?.hasPrefix(Self.kinkCrossing) == true }]
            .compactMap { $0 }
        if !found.isEmpty { return found.joined(separator: "; ") }
        return directions.verdict == .inconclusive ? "no direction is resolved" : nil
    }
}

/// What the directions found before any escalation (`GradientChecker.screenDirections`).
@usableFromInline
struct DirectionScreen {
    /// `L(θ)` as backprop computed it.
    @usableFromInline let loss: Double
    @usableFromInline let findings: WholeCheckFindings
    /// Random directions `0..<k`, then the gradient direction.
    @usableFromInline let directions: [ElementResult]
    /// Loss evaluations spent.
    @usableFromInline let evaluations: Int

    @inlinable
    init(loss: Double, findings: WholeCheckFindings, directions: [ElementResult], evaluations: Int) {
        (self.loss, self.findings, self.directions, self.evaluations) = (loss, findings, directions, evaluations)
    }
}
