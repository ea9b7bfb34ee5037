import GradientCheck
@testable import Harness
import Testing

/// A false HARNESS-ERROR the wider oracle first gave on correct code, in 10⁴ trials with
/// `--train-steps 5` (seed 1): 18 Float trials, among them trial 111 (shrunk to 2-1-2 m=1,
/// identity/sigmoid/bce, inputs ×32). After five descent steps L ≈ 1.0e10: the sigmoid
/// saturates, the running error bound of a saturated `log` is +∞, and `0·∞` made the loss's
/// bound NaN, so the comparison of the Float and Double losses read "by more than rounding, nan".
/// A NaN bound is now +∞ (`RunningError.result`).
@Suite struct TrainedFalseHarnessErrorTests {
    @Test func floatTrial111AfterFiveSteps() throws {
        let spec = TrialGenerator.trial(111, options: TrialOptions(trainSteps: 5))
        let result = spec.run(.float, settings: CaseRun.defaults(.float))
        let trained = try #require(result.trained)
        #expect(trained.wholeCheckVerdict == nil, "\(trained.notes)")
        #expect(result.verdict.isAcceptable, "\(result.verdict)")
        let planted = spec.run(.float, settings: CaseRun.defaults(.float, planted: PlantedBug(scale: 1.06, tensor: nil)))
        #expect(planted.verdict == .fail)
    }

    /// `0·∞` in the propagated bound is "no bound", never NaN.
    @Test func unboundedTimesZeroIsUnbounded() {
        typealias R = RunningError<Float>
        let product = R(value: 0, bound: 0) * R(value: 3, bound: .infinity)
        #expect(product.bound == .infinity)
        #expect((R(value: 2, bound: .infinity) - R(value: 2, bound: .infinity)).bound == .infinity)
    }
}

/// A PASS never hides unresolved elements: the tensor's verdict as reports show it counts them.
@Suite struct VerdictTextTests {
    @Test func passWithUnresolvedElementsSaysHowMany() throws {
        let records = (0..<40).flatMap { i -> [TensorRecord] in
            let result = TrialGenerator.trial(i, options: TrialOptions()).run(.float, settings: CaseRun.defaults(.float))
            return result.check.reportedTensors.compactMap { TensorRecord(trial: result, check: result.check, tensor: $0, trainStep: 0) }
        }
        let mixed = try #require(records.first { $0.verdict == .pass && ($0.elementCounts["INCONCLUSIVE"] ?? 0) > 0 })
        #expect(mixed.verdictText == "PASS (\(mixed.elementCounts["INCONCLUSIVE"]!) INCONCLUSIVE)")
        let clean = try #require(records.first { $0.verdict == .pass && $0.elementCounts["INCONCLUSIVE"] == nil })
        #expect(clean.verdictText == "PASS")
    }
}
