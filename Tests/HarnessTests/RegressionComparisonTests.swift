import Foundation
import GradientCheck
import Harness
import Testing

@Suite struct RegressionComparisonTests {
    /// A run with `--train-steps` has a record per tensor at θ₀ and another after the steps;
    /// each is compared with its own counterpart, so a run compared with itself has no regression
    /// even when the two checks of one tensor have different verdicts.
    @Test func checksAfterTrainingStepsAreMatchedByStep() throws {
        let run = RunDescription(options: TrialOptions(layers: 2, maxWidth: 4, maxBatch: 3, trainSteps: 1, seed: 5),
                                 trials: 2, dtypes: [.double])
        var report = Report(checking: run)
        let first = try #require(report.records.firstIndex { $0.trainStep == nil })
        let after = try #require(report.records.firstIndex {
            $0.trainStep == 1 && $0.trial == report.records[first].trial && $0.tensor == report.records[first].tensor
        })
        #expect(after > first && report.records[after].verdict == .pass)
        report.records[first].verdict = .fail
        let comparison = RegressionComparison(baseline: report, now: report, factor: 10)
        #expect(!comparison.regressed)
        #expect(comparison.rows.allSatisfy { $0.worsened == 0 })
    }
}

extension Report {
    /// `run` checked the way the CLI checks it (no shrinking), as its report.
    init(checking run: RunDescription) {
        self = CheckRun(run: run, jobs: 1, shrinkBudget: 0, reportDirectory: URL(fileURLWithPath: "reports"), timesPasses: false)
            .perform(Silent()).report(command: "gradcheck (test)")
    }
}

/// A check run that prints nothing.
struct Silent: CheckRunObserver {
    func checked(_ result: TrialResult, records: [TensorRecord], done: Int, total: Int) {}
    func shrunk(_ minimal: MinimalCase) {}
    func finished(_ summary: DTypeSummary, throughput: Throughput) {}
}
