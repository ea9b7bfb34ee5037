import Foundation
import GradCheckReports
import GradientCheck
import Harness
import Testing

/// `Report.merge` of a full-mode run's shards (`gradcheck merge`): the unsharded report's exact
/// bytes, whatever the order of the shards, and a `MergeError` (exit 65 in the CLI) when the
/// reports are not each shard of one run exactly once.
@Suite struct ShardMergeTests {
    /// Full mode (`mode == nil`); 6 trials in 4 shards, so that shards differ in size.
    static let run = ReportTests.run

    static let shards = (1...4).map { i -> Checked in
        var run = Self.run
        run.shard = Shard("\(i)/4")
        return Checked(checking: run)
    }

    @Test func shardsMergeIntoTheUnshardedBytes() throws {
        #expect(Self.run.mode == nil)
        let whole = try Checked(checking: Self.run).jsonData()
        #expect(try Checked.merge(Self.shards).jsonData() == whole)
        let shuffled = [Self.shards[2], Self.shards[0], Self.shards[3], Self.shards[1]]
        #expect(try Checked.merge(shuffled).jsonData() == whole)
    }

    @Test(arguments: [
        (["1", "2", "3"], "missing shard(s) 4/4"),
        (["1", "1", "2", "3"], "shard 1/4 appears twice (b.json)"),
        (["whole"], "not a shard report"),
        (["1", "whole"], "b.json is not a shard report"),
    ])
    func incompleteShardsAreRefused(_ picked: [String], _ expected: String) throws {
        let reports = picked.map { $0 == "whole" ? Checked(checking: Self.run) : Self.shards[Int($0)! - 1] }
        let names = ["a.json", "b.json", "c.json", "d.json"].prefix(reports.count)
        let error = try #require(throws: MergeError.self) {
            try Report.merge(reports.map(\.report), names: Array(names), spelling: spelling)
        }
        #expect(error.reason.contains(expected), "\(error)")
    }
}
