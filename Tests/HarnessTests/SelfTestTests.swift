import GradientCheck
@testable import Harness
import Mutations
import NeuralNetwork
import Testing

/// Each mutant of the catalogue is caught at the checker's defaults on the default trials,
/// in Float and in Double, by a trial on which the correct network passes.
@Suite struct SelfTestTests {
    @Test(arguments: Mutant.firstOrder, DType.allCases)
    func caughtAtDefaultSettings(_ mutant: Mutant, _ dtype: DType) throws {
        let outcome = try #require(SelfTestInvocation(mutant: mutant, dtypes: [dtype]).run().first)
        let kill = try #require(outcome.kill, "\(mutant.rawValue) survived \(outcome.trialsDrawn) \(dtype) trials")
        #expect(outcome.trialsDrawn == kill.trial + 1)
        #expect(outcome.activeTrials >= 1 && outcome.activeTrials <= outcome.trialsDrawn)
        #expect(!kill.verdict.isAcceptable && kill.correctVerdict.isAcceptable)
        #expect(kill.errorToAllowed > 1)

        // Independently of the runner: on the killing trial the mutant fails and the correct
        // network does not, so the kill is the bug's.
        let spec = TrialGenerator.trial(kill.trial, options: TrialOptions())
        switch dtype {
        case .float: try expectKill(spec.objective(Float.self), mutant, kill)
        case .double: try expectKill(spec.objective(Double.self), mutant, kill)
        }
    }

    func expectKill<S>(_ objective: NetworkObjective<S>, _ mutant: Mutant, _ kill: Kill) throws {
        var correct = objective
        var mutated = MutantObjective(objective, mutant: mutant)
        #expect(try GradientChecker().check(&correct).verdict.isAcceptable)
        let result = try GradientChecker().check(&mutated)
        #expect(!result.verdict.isAcceptable)
        #expect(result[tensor: kill.tensor]?.verdict.isAcceptable == false)
    }

    /// Fast mode (`--mode fast`) catches every mutant too, in Float and Double: the mutant's
    /// fast check fails (escalated, so its worst element is named) and the correct network's
    /// fast check passes on the same trial.
    @Test(arguments: Mutant.firstOrder, DType.allCases)
    func caughtInFastMode(_ mutant: Mutant, _ dtype: DType) throws {
        let fast = GradientChecker(mode: .fast(directions: CheckMode.defaultDirections))
        let outcome = try #require(SelfTestInvocation(mutant: mutant, dtypes: [dtype], mode: fast.mode).run().first)
        let kill = try #require(outcome.kill, "\(mutant.rawValue) survived \(outcome.trialsDrawn) \(dtype) trials in fast mode")
        #expect(!kill.verdict.isAcceptable && kill.correctVerdict.isAcceptable)
        #expect(kill.tensor != GradientChecker.directionsName && kill.errorToAllowed > 1)
        let spec = TrialGenerator.trial(kill.trial, options: TrialOptions())
        func expectKill<S>(_ objective: NetworkObjective<S>) throws {
            var correct = objective
            var mutated = MutantObjective(objective, mutant: mutant)
            #expect(try fast.check(&correct, seed: spec.trialSeed).verdict.isAcceptable)
            let result = try fast.check(&mutated, seed: spec.trialSeed)
            #expect(!result.verdict.isAcceptable && result[tensor: kill.tensor]?.verdict.isAcceptable == false)
        }
        switch dtype {
        case .float: try expectKill(spec.objective(Float.self))
        case .double: try expectKill(spec.objective(Double.self))
        }
    }

    /// A mutant that no trial of the options can expose survives, and says so.
    @Test func aMutantNoTrialExposesSurvives() {
        let outcome = SelfTest(options: TrialOptions(loss: .mse), trials: 20).run(.softmaxUnnormalised, .double, Double.self)
        #expect(!outcome.caught)
        #expect(outcome.trialsDrawn == 20 && outcome.activeTrials == 0)
    }

    @Test func sameOptionsSameOutcomes() {
        for mutant in [Mutant.missingBatchMean, .transposedWeights] {
            let invocation = SelfTestInvocation(mutant: mutant, trials: 50)
            #expect(invocation.run() == invocation.run())
        }
    }

    /// A survivor's reproduction repeats the run's oracle, mode, seed and budget.
    @Test func reproductionKeepsTheOracle() {
        let invocation = SelfTestInvocation(mutant: .softmaxUnnormalised, dtypes: [.float], trials: 3, seed: 5,
                                            mode: .fast(directions: 2), oracle: .native)
        let report = SelfTestReport(invocation, outcomes: [MutantOutcome(mutant: .softmaxUnnormalised, dtype: .float)], command: "")
        #expect(report.survivors.count == 1)
        #expect(report.reproduction(of: report.survivors[0]) == invocation)
    }
}
