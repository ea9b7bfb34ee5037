import GradientCheck
@testable import Harness
import Mutations
import NeuralNetwork
import Testing

/// The shrinker on every bug of the mutation catalogue: each self-test kill in Double (Float's
/// planted bugs are `ShrinkerTests`') shrinks to a case of at most 2 units per layer and 2 rows, that the mutant still fails the same way
/// while the correct network passes (so the minimal case is the bug's, not a false alarm).
@Suite struct ShrinkMutantTests {
    @Test(arguments: Mutant.firstOrder, [DType.double])
    func killShrinksToTwoUnitsAndTwoRows(_ mutant: Mutant, _ dtype: DType) throws {
        let kill = try #require(SelfTestInvocation(mutant: mutant, dtypes: [dtype]).run().first?.kill, "\(mutant.rawValue) survived in \(dtype)")
        let checker = GradientChecker()
        // The mutant's check, or the correct network's.
        func check(_ spec: TrialSpec, mutated: Bool) -> TrialResult {
            let bug = mutated ? mutant : nil
            switch dtype {
            case .float: return TrialResult(spec: spec, dtype: dtype, settings: CaseRun.defaults(dtype), check: Self.check(spec.objective(Float.self), bug, checker))
            case .double: return TrialResult(spec: spec, dtype: dtype, settings: CaseRun.defaults(dtype), check: Self.check(spec.objective(Double.self), bug, checker))
            }
        }
        let original = check(TrialGenerator.trial(kill.trial, options: TrialOptions()), mutated: true)
        let signature = try #require(FailureSignature(original))
        let shrunk = Shrinker().shrink(original.spec) { spec in
            signature.matches(check(spec, mutated: true)) && check(spec, mutated: false).verdict.isAcceptable
        }
        let minimal = shrunk.minimal
        let replay = "gradcheck selftest --mutant \(mutant.rawValue) --dtype \(dtype.rawValue)"
        #expect(minimal.widths.allSatisfy { $0 <= 2 } && minimal.m <= 2,
                "\(replay): trial \(kill.trial) \(original.spec.widths) m=\(original.spec.m) shrank only to \(minimal.widths) m=\(minimal.m)")
        #expect(signature.matches(check(minimal, mutated: true)) && check(minimal, mutated: false).verdict.isAcceptable, "\(replay)")
        #expect(!shrunk.stats.budgetExhausted, "\(replay): \(shrunk.stats)")
    }

    static func check<S>(_ objective: NetworkObjective<S>, _ mutant: Mutant?, _ checker: GradientChecker) -> CheckResult {
        var correct = objective
        guard let mutant else { return try! checker.check(&correct) }
        var mutated = MutantObjective(objective, mutant: mutant)
        return try! checker.check(&mutated)
    }
}
