import GradientCheck
import NeuralNetwork
import RealModule

/// The mutation self-test: does the checker, at its defaults, catch each bug of the `Mutant`
/// catalogue on the ordinary random trials?
///
/// For each mutant and dtype it draws trials `0, 1, 2, …` of `options` (`TrialGenerator`),
/// checks the mutated backprop (`MutantObjective`) with `checker`, and stops at the first trial
/// whose verdict is not acceptable while the correct network's verdict on that trial is: the
/// kill is then the bug's, not a false alarm. The checker's tolerances are the dtype's
/// defaults, derived from the numerics; nothing here is tuned to the mutants. In fast mode
/// (`checker.mode`) both checks are fast checks along the trial's directions.
///
/// A trial on which the bug changes no gradient value (e.g. a missing `1/m` at `m = 1`) is
/// not checked: the mutant is the correct code there, so its check would be the correct
/// network's. Deterministic: the same options give the same outcomes.
public struct SelfTest: Sendable {
    /// The trial budget per mutant and dtype when none is given.
    public static let defaultTrials = 200

    public var options: TrialOptions
    /// Trials `0..<trials` at most, per mutant and dtype.
    public var trials: Int
    public var checker: GradientChecker
    /// What judges each trial: the gradient check (`checker`), or the Taylor test.
    public var method: SelfTestMethod

    public init(options: TrialOptions = TrialOptions(), trials: Int = SelfTest.defaultTrials,
                checker: GradientChecker = GradientChecker(), method: SelfTestMethod = .check) {
        self.options = options
        self.trials = trials
        self.checker = checker
        self.method = method
    }

    /// One mutant, its outcome labelled `dtype`, in the scalar type `S` of that dtype (the
    /// dispatch in `Harness` gives it; the code is specialised there).
    @inlinable
    public func run<S: Real & BinaryFloatingPoint & Sendable>(_ mutant: Mutant, _ dtype: DType, _: S.Type) -> MutantOutcome {
        var outcome = MutantOutcome(mutant: mutant, dtype: dtype)
        for index in 0..<trials {
            outcome.trialsDrawn += 1
            let spec = TrialGenerator.trial(index, options: options)
            var correct = spec.objective(S.self)
            var mutated = MutantObjective(spec.objective(S.self), mutant: mutant)
            guard Self.isActive(mutated, correct, seed: spec.trialSeed) else { continue }
            outcome.activeTrials += 1
            if case .taylor(let test) = method {
                let result = test.run(mutated, trial: spec)
                guard !result.verdict.isAcceptable else { continue }
                let control = test.run(correct, trial: spec)
                guard control.verdict.isAcceptable else {
                    outcome.unattributedTrials += 1
                    continue
                }
                outcome.kill = Kill(spec: spec, taylor: result, correct: control)
                return outcome
            }
            // Both objectives keep the protocol's contract, so check cannot throw.
            let result = try! checker.check(&mutated, seed: spec.trialSeed)
            guard !result.verdict.isAcceptable else { continue }
            let control = try! checker.check(&correct, seed: spec.trialSeed)
            guard control.verdict.isAcceptable else {
                outcome.unattributedTrials += 1
                continue
            }
            outcome.kill = Kill(spec: spec, mutant: result, correct: control)
            return outcome
        }
        return outcome
    }

    /// Whether the bug changes anything on this trial: the gradient for a first-order mutant,
    /// `H·v` along the Taylor direction of `seed` for a second-order one.
    @inlinable
    static func isActive<S>(_ mutated: MutantObjective<S>, _ correct: NetworkObjective<S>, seed: UInt32) -> Bool {
        if mutated.mutant.order == 1 { return mutated.lossAndGradient().gradient != correct.lossAndGradient().gradient }
        let v = TaylorTest.direction(of: correct, seed: seed)
        return mutated.hessianVectorProduct(v) != correct.hessianVectorProduct(v)
    }
}

/// What judges the self-test's trials.
public enum SelfTestMethod: Sendable, Equatable, Codable {
    /// The gradient check at the dtype's defaults (`SelfTest.checker`): the first-order catalogue.
    case check
    /// The Taylor test (`TaylorTest`): both catalogues, first order through r₂, second through r₃.
    case taylor(TaylorTest)
}
