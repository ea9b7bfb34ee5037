import Foundation
import Testing

/// The CLI side of the verdict taxonomy, the saturation regime and `--train-steps`.
@Suite("gradcheck CLI: taxonomy, saturation, training")
struct TaxonomyCLITests {
    @Test("--train-steps checks each trial again after descent, and its replay keeps the steps")
    func trainStepsAreReportedAndReplayed() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["--trials", "2", "--dtype", "double", "--train-steps", "3",
                                      "--plant-gradient-scale", "1.5", "--report-dir", tmp.path], in: tmp)
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout.contains("after 3 steps"), "\(result)")
            #expect(result.stdout.contains("--train-steps 3 --learning-rate 0.1"), "\(result)")
            let object = try jsonObject(at: tmp.appendingPathComponent("gradcheck.json"))
            let records = try #require(object["records"] as? [[String: Any]])
            let steps = records.map { $0["trainStep"] as? Int }
            #expect(steps.contains(3) && steps.contains(nil))
            #expect(records.count == 2 * 2 * 4, "2 trials × 2 checks × 4 tensors")
            let alone = try CLI.run(["--learning-rate", "0.5", "--report-dir", tmp.path], in: tmp)
            #expect(alone.status == 64 && alone.stderr.contains("--learning-rate only applies with --train-steps"), "\(alone)")
        }
    }

    @Test("the saturation regime is counted; --saturation-share 0 turns it off")
    func saturationShareIsCounted() throws {
        try withTemporaryDirectory { tmp in
            let on = try CLI.run(["--trials", "60", "--dtype", "double", "--report-dir", tmp.path], in: tmp)
            #expect(on.status == 0 && on.stdout.contains("trials in the saturation regime"), "\(on)")
            let off = try CLI.run(["--trials", "60", "--dtype", "double", "--saturation-share", "0",
                                   "--report-dir", tmp.path], in: tmp)
            #expect(off.status == 0 && !off.stdout.contains("saturation regime"), "\(off)")
            let bad = try CLI.run(["--saturation-share", "1.5", "--report-dir", tmp.path], in: tmp)
            #expect(bad.status == 64 && bad.stderr.contains("--saturation-share must be in 0...1"), "\(bad)")
        }
    }

    @Test("a run in which nothing can be resolved is INCONCLUSIVE and exits 1")
    func nothingResolvedFailsTheGate() throws {
        try withTemporaryDirectory { tmp in
            // 1-1 ReLU networks: some trial among the first 40 has its only unit dead for the whole batch.
            var dead: Int?
            for trial in 0..<40 where dead == nil {
                let r = try CLI.run(["--layers", "1", "--max-width", "1", "--activation", "relu", "--loss", "mse",
                                     "--trial", "\(trial)", "--dtype", "double", "--report-dir", tmp.path], in: tmp)
                if r.stdout.contains("no double trial resolved any element") { dead = trial; #expect(r.status == 1, "\(r)") }
            }
            #expect(dead != nil, "no trial with every unit dead among 40")
        }
    }
}
