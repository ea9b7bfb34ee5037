import Harness
import GradientCheck
import NeuralNetwork
import RealModule

/// What must hold for any network the harness is given: the libFuzzer target `FuzzCheck` and
/// the replay tests of `Fuzz/FailCases/FuzzCheck` call this with raw bytes.
public enum CheckInvariants {
    /// Builds a small network from `bytes` (1–3 layers of width 1–4, any activations and loss,
    /// batch 1–3, Float or Double; parameters, inputs and targets including NaN, ±Inf,
    /// subnormals, huge and tiny values), checks it twice, and returns every violated invariant:
    /// - the check does not throw (θ is restored bitwise, the gradient has the right size);
    /// - NaN or ±Inf in the loss, an analytic or a numerical value is never a PASS;
    /// - the two checks give the same verdict for every element;
    /// - fast mode (`fastModeViolations`) agrees with them;
    /// - the Taylor test and the second-order check (`secondOrderViolations`) never pass a
    ///   non-finite value and give the same result twice.
    /// An empty result means all held.
    public static func violations(_ bytes: [UInt8]) -> [String] {
        var reader = ByteReader(bytes)
        let layers = 1 + Int(reader.byte() % 3)
        var widths = (0...layers).map { _ in 1 + Int(reader.byte() % 4) }
        var activations = (0..<layers).map { _ in Activation.allCases[Int(reader.byte()) % Activation.allCases.count] }
        let loss = Loss.allCases[Int(reader.byte()) % Loss.allCases.count]
        if let required = loss.requiredOutputActivation { activations[layers - 1] = required }
        if loss == .softmaxCrossEntropy { widths[layers] = max(widths[layers], 2) }
        let m = 1 + Int(reader.byte() % 3)
        let dtype: DType = reader.byte() % 2 == 0 ? .double : .float
        let count = try! ParameterLayout(widths: widths).parameterCount
        let parameters = (0..<count).map { _ in reader.value() }
        let x = (0..<m * widths[0]).map { _ in reader.value() }
        let y = (0..<m * widths[layers]).map { _ in reader.value() }
        return dtype.dispatch(Case(widths: widths, activations: activations, loss: loss, parameters: parameters, m: m, x: x, y: y))
    }

    /// The invariants of one fuzzed network in the dtype's checked type.
    struct Case: DTypeVisitor {
        let widths: [Int], activations: [Activation], loss: Loss, parameters: [Double], m: Int, x: [Double], y: [Double]

        func visit<Checked: Real & BinaryFloatingPoint & Sendable>(_: Checked.Type) -> [String] {
            CheckInvariants.run(Checked.self, widths, activations, loss, parameters, m, x, y)
        }
    }

    static func run<S: Real & BinaryFloatingPoint & Sendable>(
        _: S.Type, _ widths: [Int], _ activations: [Activation], _ loss: Loss,
        _ parameters: [Double], _ m: Int, _ x: [Double], _ y: [Double]
    ) -> [String] {
        let network: Network<S>
        let batch: Batch<S>
        do {
            network = try Network<S>(widths: widths, activations: activations, loss: loss, parameters: parameters.map { S($0) })
            batch = try network.batch(m: m, x: x.map { S($0) }, y: y.map { S($0) })
        } catch {
            return ["a valid configuration was rejected: \(error)"]
        }
        var objective = NetworkObjective(network: network, batch: batch)
        let first: CheckResult, second: CheckResult, fast: CheckResult
        do {
            first = try GradientChecker().check(&objective)
            second = try GradientChecker().check(&objective)
            fast = try GradientChecker(mode: .fast(directions: 2)).check(&objective, seed: 1)
        } catch {
            return ["the check threw: \(error)"]
        }
        var violations: [String] = []
        if !first.loss.isFinite && first.verdict < .nonFinite {
            violations.append("loss \(first.loss) gave verdict \(first.verdict.rawValue)")
        }
        // The core network is deterministic and its loss() is backprop's loss: any whole-check
        // finding (NONDETERMINISTIC, HARNESS-ERROR) is a bug in the core or the harness.
        if let found = first.wholeCheckVerdict { violations.append("\(found.rawValue): \(first.notes)") }
        for tensor in first.tensors {
            for e in tensor.elements where e.verdict.isAcceptable {
                let values = [e.analytic, e.numerical, e.errorEstimate] + [e.leftDerivative, e.rightDerivative].compactMap { $0 }
                if values.contains(where: { !$0.isFinite }) {
                    violations.append("\(tensor.tensor.name)\(e.index): \(e.verdict.rawValue) with a non-finite value: \(values)")
                }
            }
        }
        let verdicts = { (r: CheckResult) in r.tensors.flatMap { $0.elements.map(\.verdict) } }
        if verdicts(first) != verdicts(second) { violations.append("two checks of one network gave different verdicts") }
        violations += fastModeViolations(fast, full: first)
        violations += secondOrderViolations(objective, spec: TrialSpec(network: network, batch: batch))
        return violations
    }

    /// The Taylor test (evaluated in the wider type, as `gradcheck taylor` does) and the
    /// second-order check: a NaN or ±Inf in `L`, `g` or `H·v` is NON-FINITE, never acceptable;
    /// an acceptable element or fitted remainder has finite values; both repeat exactly; and
    /// neither finds the core network at fault as a whole.
    static func secondOrderViolations<S>(_ objective: NetworkObjective<S>, spec: TrialSpec) -> [String] {
        var violations: [String] = []
        let taylor = TaylorTest().run(objective, trial: spec)
        // Compared as text: NaN remainders are equal there, as they are bit for bit.
        if "\(taylor)" != "\(TaylorTest().run(objective, trial: spec))" { violations.append("taylor: two runs differ") }
        let v = TaylorTest.direction(of: objective, seed: spec.trialSeed)
        let (loss, gradient) = objective.lossAndGradient()
        let hv = objective.hessianVectorProduct(v) ?? []
        if !(loss.isFinite && gradient.allSatisfy(\.isFinite) && hv.allSatisfy(\.isFinite)) && taylor.verdict != .nonFinite {
            violations.append("taylor: a non-finite L, g or H·v gave \(taylor.verdict.rawValue)")
        }
        if taylor.verdict == .harnessError { violations.append("taylor: HARNESS-ERROR: \(taylor.reason ?? "")") }
        for fit in taylor.fits where fit.verdict == .pass {
            if !(fit.order?.isFinite ?? false) { violations.append("taylor: r\(fit.remainder) passes with order \(String(describing: fit.order))") }
        }
        var model = objective
        let first: CheckResult, second: CheckResult
        do {
            first = try GradientChecker(order: 2).check(&model, seed: spec.trialSeed)
            second = try GradientChecker(order: 2).check(&model, seed: spec.trialSeed)
        } catch {
            return violations + ["order 2: the check threw: \(error)"]
        }
        if let found = first.wholeCheckVerdict { violations.append("order 2: \(found.rawValue): \(first.notes)") }
        for tensor in first.tensors {
            for e in tensor.elements where e.verdict.isAcceptable && e.verdict != .inconclusive {
                if ![e.analytic, e.numerical, e.errorEstimate].allSatisfy(\.isFinite) {
                    violations.append("order 2: \(tensor.tensor.name)\(e.index) is \(e.verdict.rawValue) with a non-finite value")
                }
            }
        }
        if "\(first)" != "\(second)" { violations.append("order 2: two checks of one network differ") }
        return violations
    }

    /// Fast mode: a non-finite loss is never acceptable, a passing direction has finite values,
    /// and a FAIL always comes from the per-element check, so the full check fails too.
    static func fastModeViolations(_ fast: CheckResult, full: CheckResult) -> [String] {
        var violations: [String] = []
        if !fast.loss.isFinite && fast.verdict < .nonFinite {
            violations.append("fast mode: loss \(fast.loss) gave verdict \(fast.verdict.rawValue)")
        }
        for d in fast.directions?.elements ?? [] where d.verdict.isAcceptable && d.verdict != .inconclusive {
            if ![d.analytic, d.numerical, d.errorEstimate].allSatisfy(\.isFinite) {
                violations.append("fast mode: direction \(d.index) is \(d.verdict.rawValue) with a non-finite value")
            }
        }
        // As in the full check: the core network never breaks the whole-check contract.
        if let found = fast.wholeCheckVerdict { violations.append("fast mode: \(found.rawValue): \(fast.notes)") }
        if fast.verdict == .fail && full.verdict.isAcceptable {
            violations.append("fast mode FAILs a network that the full check passes (\(full.verdict.rawValue))")
        }
        return violations
    }
}
