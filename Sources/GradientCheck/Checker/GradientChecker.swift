/// Checks backprop gradients element by element against GSL central differences.
///
/// For each parameter `θ_i`: step `h` from `StepSize` (relative to `|θ_i|`, per dtype), the
/// central difference of `loss()` by `gsl_deriv_central` with its error estimate `E` (widened
/// for Float evaluation), `θ_i` restored bitwise, then the `Tolerance` rule. When the model
/// reports a kink pattern that changes across the stencil, one-sided derivatives
/// (`gsl_deriv_backward`, `gsl_deriv_forward`) judge the analytic value instead
/// (`judgeKink`): KINK when it agrees with them, FAIL otherwise. Any NaN/Inf is NON-FINITE.
/// A passing element not resolved to 5 % is INCONCLUSIVE (`ElementResult.isResolved`); a
/// failing one gets a Float80 second opinion first (`recheck`). Repeated evaluations that differ
/// make the check NONDETERMINISTIC, broken bookkeeping a HARNESS-ERROR (`WholeCheckFindings`).
public struct GradientChecker: Sendable {
    /// The acceptance rule; `nil` uses `Tolerance.defaults(epsilon:)` of the model's dtype.
    public var tolerance: Tolerance?
    /// Step relative to `max(|θ|, 1)`; `nil` uses `StepSize.defaultRelativeStep(epsilon:)`.
    public var relativeStep: Double?
    /// What `check(_:seed:)` does: every element, or directions first (`DirectionalCheck.swift`).
    public var mode: CheckMode

    public init(tolerance: Tolerance? = nil, relativeStep: Double? = nil, mode: CheckMode = .full) {
        self.tolerance = tolerance
        self.relativeStep = relativeStep
        self.mode = mode
    }

    /// Checks every parameter of `model` (full mode, whatever `mode` says; `check(_:seed:)`
    /// follows it); on return its parameters are bitwise what they were
    /// (or, if the model's storage would not take them back, the verdict is HARNESS-ERROR).
    ///
    /// Before any element: `loss()` twice and `lossAndGradient()` twice at θ must agree bitwise
    /// (else NONDETERMINISTIC), and `loss()` must be the scalar backprop started from (else
    /// HARNESS-ERROR, unless they differ by rounding only). After all elements, `loss()` at the
    /// restored θ must still be bitwise the same (a model whose state drifts is NONDETERMINISTIC).
    /// - Throws: `CheckError` when the model breaks the protocol's shape contract.
    @inlinable
    public func check<Model: GradientCheckable>(_ model: inout Model) throws(CheckError) -> CheckResult {
        let start = try CheckStart(&model, checker: self)
        let (epsilon, tolerance, relativeStep) = (start.epsilon, start.tolerance, start.relativeStep)
        let (original, tensors, lossA, gradient) = (start.theta, start.tensors, start.loss, start.gradient)
        var findings = WholeCheckFindings()
        let lossN = model.loss()
        findings.compareRepeated(model.lossAndGradient(), with: (lossA, gradient))
        findings.compareRepeated(loss: model.loss(), with: lossN, when: "at θ")
        findings.compareSides(numerical: lossN, analytic: lossA, rtol: tolerance.rtol)
        let lossFinite = Double(lossA).isFinite && Double(lossN).isFinite
        if !lossFinite { findings.notes.append("the loss is not finite at θ: \(lossA)") }

        let basePattern = model.kinkPattern()
        let untestable = model.untestableParameters()
        let evaluation = model.elementEvaluation()
        var evaluations = 0
        var results: [TensorResult] = []
        for tensor in tensors {
            var elements: [ElementResult] = []
            elements.reserveCapacity(tensor.count)
            for k in 0..<tensor.count {
                let i = tensor.offset + k
                var element = checkElement(i, of: &model, evaluation: evaluation, original: original[i],
                                           analytic: Double(gradient[i]), basePattern: basePattern, tolerance: tolerance, relativeStep: relativeStep,
                                           epsilon: epsilon, lossFinite: lossFinite, evaluations: &evaluations)
                element.multiIndex = MultiIndex(k, shape: tensor.shape)
                if element.verdict == .pass, let unresolved = element.unresolvedReason {
                    element.verdict = .inconclusive
                    element.reason = untestable[i] ?? unresolved
                }
                elements.append(element)
            }
            results.append(TensorResult(tensor: tensor, elements: elements))
        }
        findings.checkRestored(&model, original: original)
        if findings.verdict == nil {
            findings.compareRepeated(loss: model.loss(), with: lossN, when: "after the check restored θ")
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
    func checkElement<Model: GradientCheckable>(
        _ i: Int, of model: inout Model, evaluation: ElementEvaluation<Model.Scalar>?,
        original theta: Model.Scalar, analytic: Double,
        basePattern: [Int8]?, tolerance: Tolerance, relativeStep: Double, epsilon: Double,
        lossFinite: Bool, evaluations: inout Int
    ) -> ElementResult {
        let (h, enlarged) = StepSize.requestedStep(for: theta, relativeStep: relativeStep)
        let central = derivative(i, of: &model, elementLoss: evaluation?.loss, theta: theta, requestedStep: h, rule: .central,
                                 epsilon: epsilon, evaluations: &evaluations)
        var element = ElementResult(index: [], flatIndex: i, theta: Double(theta), analytic: analytic,
                                    numerical: central.value, errorEstimate: central.errorEstimate,
                                    returnedStep: central.returnedStep, stepEnlarged: enlarged,
                                    allowed: tolerance.allowed(analytic: analytic, numerical: central.value,
                                                               errorEstimate: central.errorEstimate),
                                    leftDerivative: nil, rightDerivative: nil, verdict: .pass)
        guard lossFinite, analytic.isFinite, central.isFinite else {
            element.verdict = .nonFinite
            return element
        }
        if let basePattern, crossesKink(i, of: &model, evaluation: evaluation, theta: theta, h: h, basePattern: basePattern) {
            judgeKink(&element, of: &model, theta: theta, h: h, basePattern: basePattern, tolerance: tolerance,
                      epsilon: epsilon, evaluations: &evaluations)
            return element
        }
        element.verdict = element.absoluteError <= element.allowed ? .pass : .fail
        if element.verdict == .fail {
            recheck(&element, of: model, theta: theta, tolerance: tolerance)
        }
        return element
    }

    /// `dL/dθ_i` by GSL's `rule` with step `h`, the loss evaluated in the model's dtype, by
    /// `elementLoss` when the model has one (`ElementEvaluation.loss`), else by setting
    /// `θ_i` and calling `loss()`, with `θ_i` restored bitwise afterwards.
    @inlinable
    func derivative<Model: GradientCheckable>(
        _ i: Int, of model: inout Model, elementLoss: ((Int, Model.Scalar) -> Model.Scalar)? = nil,
        theta: Model.Scalar, requestedStep h: Double, rule: FiniteDifference.Rule, epsilon: Double, evaluations: inout Int
    ) -> NumericalDerivative {
        if let elementLoss {
            let d = FiniteDifference.derivative(of: { t in Double(elementLoss(i, Model.Scalar(t))) },
                                                at: Double(theta), requestedStep: h, rule: rule, epsilon: epsilon)
            evaluations += d.evaluations
            return d
        }
        defer { model.parameters[i] = theta }
        let d = FiniteDifference.derivative(of: { t in
            model.parameters[i] = Model.Scalar(t)
            return Double(model.loss())
        }, at: Double(theta), requestedStep: h, rule: rule, epsilon: epsilon)
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
