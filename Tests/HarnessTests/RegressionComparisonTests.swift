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
        let (report, original) = Report.checking(run)
        var records = original
        let first = try #require(records.firstIndex { $0.trainStep == nil })
        let after = try #require(records.firstIndex {
            $0.trainStep == 1 && $0.trial == records[first].trial && $0.tensor == records[first].tensor
        })
        #expect(after > first && records[after].verdict == .pass)
        records[first].verdict = .fail
        let comparison = RegressionComparison(baseline: report, baselineRecords: records, now: report, nowRecords: records, factor: 10)
        #expect(!comparison.regressed)
        #expect(comparison.rows.allSatisfy { $0.worsened == 0 })
        // The same change read as a worsening from the original is counted, in its bucket.
        let worse = RegressionComparison(baseline: report, baselineRecords: original, now: report, nowRecords: records, factor: 10)
        #expect(worse.regressions.map(\.bucket) == [BucketKey(records[first])] && worse.regressions[0].worsened == 1)
    }

    /// Sketched quantiles are never below the exact ones and at most 2.3 % above; count and
    /// maximum are exact; zeros, infinities and NaN are handled as `Quantiles` handles them.
    @Test func sketchedQuantilesBoundTheExactOnes() {
        var values = (1...1000).map { 1e-9 * pow(1.013, Double($0)) }
        values += [0, 0, .infinity, .nan]
        var sketch = QuantileSketch()
        values.forEach { sketch.add($0) }
        let exact = Quantiles(values), sketched = sketch.quantiles
        #expect(sketched.count == exact.count && sketched.max == exact.max)
        for (s, e) in [(sketched.median, exact.median), (sketched.p90, exact.p90), (sketched.p99, exact.p99)] {
            #expect(s >= e && s <= e * 1.0233, "\(s) vs \(e)")
        }
        var zeros = QuantileSketch()
        zeros.add(0)
        #expect(zeros.quantile(0.99) == 0 && QuantileSketch().quantile(0.5) == 0)
    }
}

extension Report {
    /// `run` checked the way the CLI checks it (no shrinking): its report and records.
    static func checking(_ run: RunDescription) -> (Report, [TensorRecord]) {
        let list = RecordList()
        let report = CheckRun(run: run, jobs: 1, shrinkBudget: 0, reportDirectory: URL(fileURLWithPath: "reports"), timesPasses: false)
            .perform(Silent(), sink: list).report(command: "gradcheck (test)")
        return (report, list.records)
    }
}

/// A check run that prints nothing.
struct Silent: CheckRunObserver {
    func checked(_ result: TrialResult, records: [TensorRecord], done: Int, total: Int) {}
    func shrunk(_ minimal: MinimalCase) {}
    func finished(_ summary: DTypeSummary, throughput: Throughput) {}
}
