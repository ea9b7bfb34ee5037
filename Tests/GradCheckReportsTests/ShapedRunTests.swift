import Foundation
@testable import GradCheckReports
import GradientCheck
import Harness
import Testing

/// A `--shapes` run: its reports are deterministic, name the file, are checked against the
/// shapes on reading and merge from shards; its baselines compare by shapes, not by path.
@Suite struct ShapedRunTests {
    static let shapes = [TrialShape(widths: [3, 1, 4], m: 2), TrialShape(widths: [2, 5, 1], m: 3),
                         TrialShape(widths: [1, 2, 2], m: 1), TrialShape(widths: [4, 3, 2], m: 4)]

    static var run: RunDescription {
        var run = RunDescription(options: TrialOptions(layers: 2, seed: 4, shapes: shapes), trials: 4, dtypes: [.float, .double])
        run.shapesPath = "my shapes.csv"
        return run
    }

    @Test func shapedRunIsDeterministicAndNamesItsFile() throws {
        let report = Checked(checking: Self.run)
        let json = try report.jsonData()
        #expect(try Checked(checking: Self.run).jsonData() == json)
        #expect(report.records.allSatisfy { TrialShape(widths: $0.widths, m: $0.m) == Self.shapes[$0.trial] })
        #expect(spelling.replayCommand(Self.run, trial: 1, dtype: .float).hasSuffix("--loss random --shapes 'my shapes.csv'"))
        let decoded = try Report.parse(json, role: "report", path: "r.json")
        #expect(decoded.run == Self.run)
    }

    /// Encoded only when present, so that reports of runs without shapes keep their bytes.
    @Test func runWithoutShapesEncodesNoShapes() throws {
        let text = String(decoding: try Checked(checking: ReportTests.run).jsonData(), as: UTF8.self)
        #expect(!text.contains("shapes"))
    }

    @Test func recordsThatDisagreeWithTheShapesAreInconsistent() throws {
        var report = Checked(checking: Self.run)
        report.run.options.shapes![2].m = 7
        #expect {
            _ = try Report.parse(try report.jsonData(), role: "report", path: "r.json")
        } throws: { "\($0)".contains("record of trial 2 is not the shape") }
        var short = Checked(checking: Self.run)
        short.run.options.shapes!.removeLast()
        #expect {
            _ = try Report.parse(try short.jsonData(), role: "report", path: "r.json")
        } throws: { "\($0)".contains("too few shapes") }
    }

    @Test func shardsOfAShapedRunMergeToTheWholeRun() throws {
        let whole = try Checked(checking: Self.run).jsonData()
        let shards = (1...2).map { i in
            var run = Self.run
            run.shard = Shard("\(i)/2")
            return Checked(checking: run)
        }
        #expect(try Checked.merge(shards.reversed()).jsonData() == whole)
    }

    /// The file's path is not compared, its shapes are.
    @Test func baselineComparesShapesNotTheirPath() {
        var moved = Self.run
        moved.shapesPath = "elsewhere/shapes.csv"
        #expect(Baseline.isComparable(Self.run, with: moved))
        var other = Self.run
        other.options.shapes![0].widths[0] = 9
        #expect(!Baseline.isComparable(Self.run, with: other))
    }

    /// A baseline of a `--shapes` run written before `--max-width` and `--max-batch` were reset
    /// to their defaults for such runs holds the values given: they played no part, so it compares.
    @Test func baselineOfAShapesRunComparesWhateverItsBounds() {
        var old = Self.run
        (old.options.maxWidth, old.options.maxBatch) = (32, 2)
        #expect(Baseline.isComparable(old, with: Self.run))
        #expect(Baseline.isComparable(Self.run, with: old))
        var drawn = Self.run
        drawn.options.shapes = nil
        var wider = drawn
        wider.options.maxWidth = 32
        #expect(!Baseline.isComparable(drawn, with: wider))
    }
}
