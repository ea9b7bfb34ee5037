/// Checks backprop gradients element by element against GSL central differences.
///
/// For each parameter `θ_i`: step `h` from `StepSize` (relative to `|θ_i|`, for the type the
/// loss is differentiated in), the central difference of the loss by `gsl_deriv_central` with
/// its error estimate `E` (widened for Float evaluation), `θ_i` restored bitwise, then the
/// `Tolerance` rule. The loss differentiated is the model's `widerModel()` when it has one and
/// `oracle` is `.wider` (Float: the same network in Double), with the dtype's rounding in the
/// analytic value allowed for by the model's running error bound; else `loss()` itself. When
/// the model reports a kink pattern that changes across the stencil, one-sided derivatives
/// (`gsl_deriv_backward`, `gsl_deriv_forward`) judge the analytic value instead (`judgeKink`):
/// KINK when it agrees with them, FAIL otherwise. Any NaN/Inf is NON-FINITE. A passing or KINK
/// element not resolved to 5 % is INCONCLUSIVE (`ElementResult.isResolved`); a failing one gets
/// a Float80 second opinion first (`recheck`), until one confirms its tensor's FAIL
/// (`ElementResult.rechecked`). Repeated evaluations that differ make the check
/// NONDETERMINISTIC before any element is compared, broken bookkeeping a HARNESS-ERROR
/// (`WholeCheckFindings`).
public struct GradientChecker: Sendable {
    /// The acceptance rule; `nil` uses `Tolerance.defaults(epsilon:)` of the numerical side's
    /// type when the model bounds its rounding (`GradientCheckable.gradientRoundingBound`) and
    /// the wider oracle judges, else of the model's dtype.
    public var tolerance: Tolerance?
    /// Step relative to `max(|θ|, 1)`; `nil` uses `StepSize.defaultRelativeStep(epsilon:)` of the
    /// type the loss is differentiated in.
    public var relativeStep: Double?
    /// What `check(_:seed:)` does: every element, or directions first (`DirectionalCheck.swift`).
    public var mode: CheckMode
    /// Which loss the numerical side differentiates (`OracleChoice`).
    public var oracle: OracleChoice
    /// What `check(_:seed:)` checks: 1, the gradient; 2, the Hessian-vector product against
    /// differences of the gradient (`checkSecondOrder`, `SecondOrderCheck.swift`).
    public var order: Int

    public init(tolerance: Tolerance? = nil, relativeStep: Double? = nil, mode: CheckMode = .full,
                oracle: OracleChoice = .wider, order: Int = 1) {
        self.tolerance = tolerance
        self.relativeStep = relativeStep
        self.mode = mode
        self.oracle = oracle
        self.order = order
    }

    /// Checks every parameter of `model` (full mode, whatever `mode` says; `check(_:seed:)`
    /// follows it); on return its parameters are bitwise what they were
    /// (or, if the model's storage would not take them back, the verdict is HARNESS-ERROR).
    ///
    /// Before any element: `lossAndGradient()` twice at θ, and the differentiated loss twice,
    /// must agree bitwise, else the check is NONDETERMINISTIC and compares no element (a
    /// difference quotient of a noisy loss measures the noise). Then that loss must be the
    /// scalar backprop started from (else HARNESS-ERROR, unless they differ by rounding only).
    /// After all elements, the loss at the restored θ must still be bitwise the same (a model
    /// whose state drifts is NONDETERMINISTIC).
    /// - Throws: `CheckError` when the model breaks the protocol's shape contract.
    @inlinable
    public func check<Model: GradientCheckable>(_ model: inout Model) throws(CheckError) -> CheckResult {
        if oracle == .wider, var wider = model.widerModel() {
            return try check(model, numericalSide: &wider, isWider: true)
        }
        let analyticSide = model
        return try check(analyticSide, numericalSide: &model, isWider: false)
    }

    /// The check of `model`'s gradient against differences of `numerical`'s loss, which is
    /// `model` itself (native) or its wider model; only `numerical` is perturbed.
    @inlinable
    func check<Model: GradientCheckable, Numerical: GradientCheckable>(
        _ model: Model, numericalSide numerical: inout Numerical, isWider: Bool
    ) throws(CheckError) -> CheckResult {
        let bound = isWider ? model.gradientRoundingBound() : nil
        let start = try CheckStart(model, checker: self, numericalEpsilon: Double(Numerical.Scalar.ulpOfOne),
                                   boundsRounding: bound != nil)
        let (epsilon, tolerance, relativeStep) = (start.epsilon, start.tolerance, start.relativeStep)
        let (tensors, lossA, gradient) = (start.tensors, start.loss, start.gradient)
        let original = numerical.parameters
        guard original.count == start.theta.count,
              zip(original, start.theta).allSatisfy({ Double($0) == Double($1) || ($0.isNaN && $1.isNaN) }) else {
            throw .widerEvaluationMismatch("its \(original.count) parameters are not the model's \(start.theta.count)")
        }
        if let bound, bound.count != original.count {
            throw .widerEvaluationMismatch("gradientRoundingBound() has \(bound.count) entries, parameters \(original.count)")
        }
        var findings = WholeCheckFindings()
        findings.compareRepeated(model.lossAndGradient(), with: (lossA, gradient))
        let lossN = numerical.loss()
        findings.compareRepeated(loss: numerical.loss(), with: lossN, when: isWider ? "at θ, in the wider model" : "at θ")
        if findings.verdict != nil {
            findings.notes.append("no element was compared: a difference quotient of a loss that does not repeat "
                                  + "measures its noise, not the derivative")
            return CheckResult(loss: Double(lossA), tensors: [], notes: findings.notes, lossEvaluations: 0,
                               verdict: findings.verdict!, wholeCheckVerdict: findings.verdict)
        }
        findings.compareLosses(analytic: lossA, of: model, numerical: lossN, of: numerical, isWider: isWider,
                               rtol: tolerance.rtol)
        let lossFinite = Double(lossA).isFinite && Double(lossN).isFinite
        if !lossFinite { findings.notes.append("the loss is not finite at θ: \(Double(lossA).isFinite ? Double(lossN) : Double(lossA))") }

        let basePattern = model.kinkPattern()
        // A wider evaluation can put a pre-activation within the dtype's rounding of 0 on the
        // other side of its kink: then backprop took the other branch at θ itself, and every
        // element is judged by its one-sided derivatives against the analytic side's pattern.
        let patternsAgree = !isWider || basePattern == nil || numerical.kinkPattern() == basePattern
        let untestable = model.untestableParameters()
        let evaluation = numerical.elementEvaluation()
        var reference = RecheckReference(model)
        var evaluations = 0
        var results: [TensorResult] = []
        for tensor in tensors {
            var elements: [ElementResult] = []
            elements.reserveCapacity(tensor.count)
            // Once one element's FAIL survives the second opinion, the tensor's FAIL is confirmed:
            // rechecking its other failing elements (a Float80 stencil each) could only move
            // them to INCONCLUSIVE and not change the tensor's verdict, and it made a failing
            // run 30× as slow as a passing one. They stay FAIL, marked `rechecked == false`.
            var confirmed = false
            for k in 0..<tensor.count {
                let i = tensor.offset + k
                var element = checkElement(i, of: &numerical, evaluation: evaluation, original: original[i],
                                           analytic: Double(gradient[i]), roundingBound: bound?[i],
                                           basePattern: basePattern, patternsAgree: patternsAgree,
                                           tolerance: tolerance, relativeStep: relativeStep, epsilon: epsilon,
                                           lossFinite: lossFinite, recheck: !confirmed, reference: &reference,
                                           evaluations: &evaluations)
                if element.verdict == .fail && element.rechecked == true { confirmed = true }
                element.multiIndex = MultiIndex(k, shape: tensor.shape)
                if element.verdict == .pass || element.verdict == .kink, let unresolved = element.unresolvedReason {
                    element.verdict = .inconclusive
                    element.reason = untestable[i] ?? unresolved
                }
                elements.append(element)
            }
            results.append(TensorResult(tensor: tensor, elements: elements))
        }
        findings.checkRestored(&numerical, original: original)
        if findings.verdict == nil {
            findings.compareRepeated(loss: numerical.loss(), with: lossN, when: "after the check restored θ")
        }
        var verdict = Verdict.aggregate(results.lazy.map(\.verdict))
        if verdict == .inconclusive {
            findings.notes.append("no element could be resolved: the loss is locally constant at θ, or its changes "
                                  + "are below the dtype's round-off (see each element's reason)")
        }
        if let override = findings.verdict { verdict = max(verdict, override) }
        return CheckResult(loss: Double(lossA), tensors: results, notes: findings.notes,
                           lossEvaluations: evaluations, verdict: verdict, wholeCheckVerdict: findings.verdict)
    }

    @inlinable
    func checkElement<Numerical: GradientCheckable, Analytic: GradientCheckable>(
        _ i: Int, of model: inout Numerical, evaluation: ElementEvaluation<Numerical.Scalar>?,
        original theta: Numerical.Scalar, analytic: Double, roundingBound: Double?,
        basePattern: [Int8]?, patternsAgree: Bool, tolerance: Tolerance, relativeStep: Double, epsilon: Double,
        lossFinite: Bool, recheck runsRecheck: Bool, reference: inout RecheckReference<Analytic>, evaluations: inout Int
    ) -> ElementResult {
        // A bound that cannot be given (+∞, or NaN from one) leaves the element unresolved, not failed.
        let roundingBound = roundingBound.map { $0.isNaN ? Double.infinity : $0 }
        let (h, enlarged) = StepSize.requestedStep(for: theta, relativeStep: relativeStep)
        let central = derivative(i, of: &model, elementLoss: evaluation?.loss, theta: theta, requestedStep: h, rule: .central,
                                 epsilon: epsilon, evaluations: &evaluations)
        var element = ElementResult(index: [], flatIndex: i, theta: Double(theta), analytic: analytic,
                                    numerical: central.value, errorEstimate: central.errorEstimate,
                                    returnedStep: central.returnedStep, stepEnlarged: enlarged,
                                    allowed: tolerance.allowed(analytic: analytic, numerical: central.value,
                                                               errorEstimate: central.errorEstimate,
                                                               roundingBound: roundingBound ?? 0),
                                    leftDerivative: nil, rightDerivative: nil, roundingBound: roundingBound, verdict: .pass)
        guard lossFinite, analytic.isFinite, central.isFinite else {
            element.verdict = .nonFinite
            return element
        }
        if let basePattern,
           !patternsAgree || crossesKink(i, of: &model, evaluation: evaluation, theta: theta, h: h, basePattern: basePattern) {
            judgeKink(&element, of: &model, theta: theta, h: h, basePattern: basePattern, tolerance: tolerance,
                      epsilon: epsilon, evaluations: &evaluations)
        } else {
            element.verdict = element.absoluteError <= element.allowed ? .pass : .fail
        }
        // A one-sided rule's truncation at a wide (Float) step under large curvature fails a kink
        // element as it fails a plain one; the recheck's small step sees the derivative at θ.
        if element.verdict == .fail {
            if runsRecheck {
                recheck(&element, of: model, theta: theta, tolerance: tolerance, reference: reference.gradient(i),
                        lossBound: reference.lossBound(of: model))
            } else {
                element.rechecked = false
            }
        }
        return element
    }

    /// `dL/dθ_i` by GSL's `rule` with step `h`, the loss evaluated in the model's dtype, by
    /// `elementLoss` when the model has one (`ElementEvaluation.loss`), else by setting
    /// `θ_i` and calling `loss()`, with `θ_i` restored bitwise afterwards.
    @inlinable
    func derivative<Model: GradientCheckable>(
        _ i: Int, of model: inout Model, elementLoss: ((Int, Model.Scalar) -> Model.Scalar)? = nil,
        theta: Model.Scalar, requestedStep h: Double, rule: FiniteDifference.Rule, epsilon: Double,
        evaluations: inout Int
    ) -> NumericalDerivative {
        let d: NumericalDerivative
        if let elementLoss {
            d = FiniteDifference.derivative(of: { t in Double(elementLoss(i, Model.Scalar(t))) },
                                            at: Double(theta), requestedStep: h, rule: rule, epsilon: epsilon)
        } else {
            defer { model.parameters[i] = theta }
            d = FiniteDifference.derivative(of: { t in
                model.parameters[i] = Model.Scalar(t)
                return Double(model.loss())
            }, at: Double(theta), requestedStep: h, rule: rule, epsilon: epsilon)
        }
        evaluations += d.evaluations
        return d
    }

    /// Whether the kink pattern at any of `θ_i ± h`, `θ_i ± h/2` (GSL's first stencil) differs
    /// from θ's: by the model's `ElementEvaluation.crossesKink` when it has one, else by setting
    /// `θ_i` and asking `kinkPattern()`.
    @inlinable
    func crossesKink<Model: GradientCheckable>(_ i: Int, of model: inout Model, evaluation: ElementEvaluation<Model.Scalar>?,
                                               theta: Model.Scalar, h: Double, basePattern: [Int8]) -> Bool {
        let offsets = [-h, -h / 2, h / 2, h]
        if let crosses = evaluation?.crossesKink { return offsets.contains { crosses(i, Model.Scalar(Double(theta) + $0)) } }
        return pattern(of: &model, i, theta: theta, offsets: offsets, differsFrom: basePattern)
    }

    /// Whether the kink pattern at any of `θ_i + offsets` differs from `pattern`
    /// (`θ_i` is restored bitwise).
    @inlinable
    func pattern<Model: GradientCheckable>(of model: inout Model, _ i: Int, theta: Model.Scalar,
                                           offsets: [Double], differsFrom pattern: [Int8]?) -> Bool {
        defer { model.parameters[i] = theta }
        for offset in offsets {
            model.parameters[i] = Model.Scalar(Double(theta) + offset)
            if model.kinkPattern() != pattern { return true }
        }
        return false
    }

    @usableFromInline
    static func validate(_ tensors: [ParameterTensor], count: Int) throws(CheckError) {
        var covered = [Bool](repeating: false, count: count)
        for t in tensors {
            guard t.offset >= 0, t.count >= 0, t.offset + t.count <= count else {
                throw .tensorLayoutMismatch("\(t.name) spans \(t.offset)..<\(t.offset + t.count), parameters have \(count)")
            }
            for i in t.offset..<t.offset + t.count {
                if covered[i] { throw .tensorLayoutMismatch("\(t.name) overlaps another tensor at \(i)") }
                covered[i] = true
            }
        }
        if let gap = covered.firstIndex(of: false) { throw .tensorLayoutMismatch("parameter \(gap) is in no tensor") }
    }
}
