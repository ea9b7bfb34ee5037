import GradCheckReports
import Harness
import GradientCheck

/// What `gradcheck replay` prints: the trial, then one table per tensor with a line per element.
struct ReplayOutput {
    let run: RunDescription
    /// List every tensor, not only the failing ones.
    let all: Bool

    static let columns = ["index", "θ", "analytic a", "numerical n", "E", "B", "allowed", "a/n", "rel. error", "step h", "verdict"]
    static let width = 13

    func caseHeader(_ file: CaseFile, path: String, settings: CheckSettings) {
        // A case that is neither shrunk nor the trial its run draws holds a network given by
        // value (GradCheckTesting's checkGradient): no command draws it, so none is named.
        let drawn = file.original != nil || file.shrink != nil
            || TrialGenerator.trial(file.spec.index, options: file.run.options) == file.spec
        print("case \(path): \(file.dtype.rawValue) " + (drawn ? "trial \(file.spec.index) of `\(GradcheckSpelling().command(for: file.run))`"
                                                               : "network given by value (checkGradient), not a drawn trial"))
        if let original = file.original, let shrink = file.shrink {
            print("shrunk from \(original.description) to \(TrialShape(file.spec).description) in \(shrink.predicateCalls) checks"
                  + (shrink.budgetExhausted ? " (budget spent: it may shrink further)" : ""))
        }
        network(file.spec, dtype: file.dtype, settings: settings)
    }

    func trialHeader(_ spec: TrialSpec, dtype: DType, settings: CheckSettings) {
        print("\(dtype.rawValue) trial \(spec.index) of `\(GradcheckSpelling().replayCommand(run, trial: spec.index, dtype: dtype))`")
        network(spec, dtype: dtype, settings: settings)
    }

    /// The network and what it is checked with (`TrialResult.settings`): the tolerances, and
    /// which oracle judges, with the rule that `allowed` applies.
    func network(_ spec: TrialSpec, dtype: DType, settings: CheckSettings) {
        let tolerance = settings.tolerance
        print("network: \(TrialShape(spec).description), \(spec.activations.map(\.rawValue).joined(separator: ", ")), "
              + "\(spec.loss.rawValue); \(spec.parameters.count) parameters; atol \(TerminalOutput.fmt(tolerance.atol)), "
              + "rtol \(TerminalOutput.fmt(tolerance.rtol)), κ \(TerminalOutput.fmt(tolerance.kappa))"
              + (spec.weightDecay > 0 ? "; weight decay λ \(TerminalOutput.fmt(spec.weightDecay))" : "")
              + (spec.trainSteps > 0 ? "; checked again after \(spec.trainSteps) descent steps" : "")
              + (run.plantedGradientScale.map { "; planted gradient scale \($0)" + (run.plantedTensor.map { " on \($0)" } ?? "") } ?? ""))
        print("judged by \(settings.oracleDescription(dtype)): allowed = atol + rtol·max(|a|, |n|) + κ·E + B, "
              + "B the running error bound of a (– where none is used)")
        if spec.parameters.count <= MinimalCase.valueLimit { print("values: \(spec.valueListing)") }
    }

    /// Each check of the trial (at the drawn θ, then after its descent steps), then its verdict.
    func trial(_ result: TrialResult) {
        for (step, check) in result.checks {
            if step > 0 { print("after \(step) descent steps (α = \(result.spec.learningRate)):") }
            self.check(check, trainStep: step)
        }
        if let note = result.descentNote { print("after \(result.spec.trainSteps) descent steps: \(note)") }
        let unresolved = result.checks.map { $0.1.tensors.map { $0.count(.inconclusive) }.reduce(0, +) }.reduce(0, +)
        print("\(result.dtype.rawValue) trial \(result.spec.index): \(result.verdict.rawValue)"
              + (result.verdict != .inconclusive && unresolved > 0 ? " (\(unresolved) element(s) INCONCLUSIVE)" : ""))
    }

    /// The loss, every element of the tensors to show, and the check's notes.
    func check(_ check: CheckResult, trainStep: Int) {
        print("loss L = \(TerminalOutput.fmt(check.loss))")
        let shown = check.reportedTensors.filter { all || !$0.verdict.isAcceptable }
        if shown.isEmpty { print("no failing tensor (--all lists every element)") }
        if check.directions != nil && check.tensors.isEmpty {
            print("fast mode: the directions passed, so no element was compared (--mode full compares every element)")
        }
        for tensor in shown {
            let counts = Verdict.allCases.compactMap { v in tensor.count(v) > 0 ? "\(v.rawValue) \(tensor.count(v))" : nil }
            print("\(TensorRecord.label(tensor.tensor.name, trainStep: trainStep == 0 ? nil : trainStep)) "
                  + "[\(tensor.tensor.shape.map(String.init).joined(separator: " × "))]: "
                  + "\(tensor.verdict.rawValue) (\(counts.joined(separator: ", ")))")
            if tensor.tensor.name == GradientChecker.directionsName {
                print("  random signed directions u (‖u‖₂ = 1): a = gᵀu, n = d/dt L(θ + t·u) at t = 0, so θ reads t = 0")
            }
            print("  " + Self.row(Self.columns))
            for e in tensor.elements { print("  " + line(e)) }
        }
        if shown.contains(where: { $0.elements.contains(where: \.stepEnlarged) }) {
            print("* the step was enlarged to 4·ulp(θ): θ ± h/2 rounded back to θ")
        }
        for note in check.notes { print("note: \(note)") }
    }

    /// Whether a case still fails the way it did when it was shrunk.
    func signature(_ signature: FailureSignature?, result: TrialResult) {
        guard let signature else { return }
        let recorded = signature.verdict.rawValue
            + (signature.tensor.map { " in \(TensorRecord.label($0, trainStep: signature.trainStep))" } ?? "")
        print(signature.matches(result) ? "still fails as recorded: \(recorded)"
                                        : "no longer fails as recorded (\(recorded)): now \(result.verdict.rawValue)")
    }

    func line(_ e: ElementResult) -> String {
        let f = TerminalOutput.fmt
        let cells = ["\(e.index)", f(e.theta), f(e.analytic), f(e.numerical), f(e.errorEstimate), e.roundingBound.map(f) ?? "–", f(e.allowed),
                     f(e.ratio), f(e.relativeError), f(e.returnedStep) + (e.stepEnlarged ? "*" : ""), e.verdict.rawValue]
        let sides = [("left", e.leftDerivative), ("right", e.rightDerivative)]
            .compactMap { name, d in d.map { "\(name) \(f($0))" } }
        return Self.row(cells) + (sides.isEmpty ? "" : "  one-sided: " + sides.joined(separator: ", "))
            + (e.referenceNumerical.map { "  \(referenceName) recheck: n = \(f($0))" } ?? "")
            + (e.reason.map { "  (\($0))" } ?? "")
    }

    /// The cells left-aligned in columns of `width` characters (at least one space apart).
    static func row(_ cells: [String]) -> String {
        let padded = cells.map { $0.count >= width ? $0 + " " : $0 + String(repeating: " ", count: width - $0.count) }
        return String(padded.joined().reversed().drop { $0 == " " }.reversed())
    }
}
