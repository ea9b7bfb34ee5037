import Foundation
import GradCheckReports
import GradientCheck
import Harness
import Testing

/// Reports of fast-mode runs (`RunDescription.mode`): records, summaries, loading, merging,
/// baselines; and the reports of full-mode runs, unchanged by the mode's existence.
@Suite struct FastModeReportTests {
    static let run: RunDescription = {
        var run = ReportTests.run
        run.mode = .fast(directions: 2)   // the default
        return run
    }()

    @Test func sameSeedGivesByteIdenticalJSONThatLoads() throws {
        let data = try Checked(checking: Self.run).jsonData()
        #expect(try Checked(checking: Self.run).jsonData() == data)
        let loaded = try Report.parse(data, role: "report", path: "fast.json")
        #expect(loaded.run.mode == .fast(directions: 2) && loaded.command.contains(" --mode fast"))
        #expect(spelling.replayCommand(Self.run, trial: 2, dtype: .float).hasSuffix("--loss random --mode fast"))
        var more = Self.run
        more.mode = .fast(directions: 5)
        #expect(spelling.command(for: more).contains("--mode fast --directions 5"))
    }

    /// One `directions` record per check, last; tensor records only for escalated checks;
    /// the summary counts the directions, and elements only of escalated checks.
    @Test func recordsAndSummaries() throws {
        let report = Checked(checking: Self.run)
        let byCheck = Dictionary(grouping: report.records) { "\($0.dtype) \($0.trial)" }
        #expect(byCheck.count == 6 * 2)
        for (_, records) in byCheck {
            #expect(records.last?.tensor == GradientChecker.directionsName && records.last?.shape == [3])
            #expect(records.count == 1 || records.map(\.tensor) == ["W1", "b1", "W2", "b2", "directions"])
        }
        for summary in report.summaries {
            #expect(summary.directions == 6 * 3)   // 2 random directions and the gradient's
            let escalated = report.records.filter { $0.dtype == summary.dtype && $0.tensor == "W1" }.count
            #expect(summary.escalatedChecks == escalated)
            #expect(summary.parameters == report.records.filter { $0.dtype == summary.dtype && $0.tensor != "directions" }
                .reduce(0) { $0 + $1.elementCounts.values.reduce(0, +) })
        }
        let markdown = MarkdownSummary(report: report.report, wallSeconds: [:], spelling: spelling).text
        #expect(markdown.contains("float: fast mode, 18 directional derivatives ("), "\(markdown)")
        let record = try #require(report.records.first { $0.tensor == GradientChecker.directionsName })
        #expect(record.worstLabel == "direction \(record.worst.index[0])")
        #expect(BucketKey(record).description == "\(record.dtype.rawValue) directions \(record.activations[0].rawValue) \(record.loss.rawValue)")
    }

    /// A planted error fails, escalated, with the failing tensors' records as in full mode.
    @Test func plantedErrorIsReportedByElement() throws {
        var run = Self.run
        run.plantedGradientScale = 1.06
        var full = ReportTests.run
        full.plantedGradientScale = 1.06
        let fast = Checked(checking: run), reference = Checked(checking: full)
        #expect(fast.summaries.map(\.trialCounts) == reference.summaries.map(\.trialCounts))
        // The same records, but for the escalation's note.
        let elementRecords = fast.records.filter { $0.tensor != "directions" }.map { record -> TensorRecord in
            var r = record
            r.notes = r.notes?.filter { !$0.hasPrefix("fast mode: ") }
            if r.notes?.isEmpty == true { r.notes = nil }
            return r
        }
        #expect(elementRecords == reference.records)
        let text = MarkdownSummary(report: fast.report, wallSeconds: [:], spelling: spelling).text
        #expect(text.contains("--mode fast --plant-gradient-scale 1.06`"))
    }

    @Test func shardsMergeIntoTheUnshardedBytes() throws {
        let whole = try Checked(checking: Self.run).jsonData()
        let shards = (1...3).map { i -> Checked in
            var run = Self.run
            run.shard = Shard("\(i)/3")
            return Checked(checking: run)
        }
        #expect(try Checked.merge(shards).jsonData() == whole)
    }

    /// A fast run is not compared with a full baseline (or one of other directions) silently.
    @Test func baselinesCompareLikeWithLike() {
        var other = Self.run
        other.mode = .fast(directions: 3)
        #expect(!Baseline.isComparable(ReportTests.run, with: Self.run))
        #expect(!Baseline.isComparable(other, with: Self.run))
        #expect(Baseline.isComparable(Self.run, with: Self.run))
        let comparison = RegressionComparison(Checked(checking: Self.run), Checked(checking: Self.run), factor: 10)
        #expect(!comparison.regressed && comparison.rows.contains { $0.bucket.kind == "directions" })
    }

    /// A report whose checks lack their `directions` record, or name too many directions, is
    /// inconsistent.
    @Test func inconsistentFastReportsAreRejected() throws {
        let report = Checked(checking: Self.run)
        var missing = report
        missing.records.removeAll { $0.tensor == GradientChecker.directionsName && $0.trial == 2 && $0.dtype == .double }
        var reshaped = report
        let first = try #require(reshaped.records.firstIndex { $0.tensor == GradientChecker.directionsName })
        reshaped.records[first].shape = [4]
        var asFull = report
        asFull.run.mode = nil
        for (edited, problem) in [(missing, "double trial 2"), (reshaped, "has shape [4]"), (asFull, "name directions")] {
            let error = try #require(throws: InputFileError.self) {
                try Report.parse(edited.jsonData(), role: "report", path: "edited.json")
            }
            #expect(error.problem.contains("is inconsistent") && error.problem.contains(problem), "\(error)")
        }
    }

    /// Full-mode reports keep their bytes: no mode, no direction counts.
    @Test func fullModeReportsHaveNoModeFields() throws {
        let text = String(decoding: try Checked(checking: ReportTests.run).jsonData(), as: UTF8.self)
        for key in ["\"mode\"", "\"directionCounts\"", "\"escalatedChecks\"", "\"directions\""] {
            #expect(!text.contains(key), "\(key)")
        }
    }

    /// Reports with `--train-steps` (two checks per trial, or one after a diverged descent)
    /// load, in both modes.
    @Test(arguments: [nil, CheckMode.fast(directions: 2)])
    func trainStepReportsLoad(_ mode: CheckMode?) throws {
        var run = ReportTests.run
        run.options.trainSteps = 2
        run.mode = mode
        let report = Checked(checking: run)
        #expect(report.records.contains { $0.trainStep == 2 })
        _ = try Report.parse(report.jsonData(), role: "report", path: "trained.json")
    }
}
