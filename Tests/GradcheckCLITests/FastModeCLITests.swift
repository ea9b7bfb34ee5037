import Foundation
import Testing

/// `--mode fast`: directional checks in `check`, `replay` and `selftest`.
@Suite("gradcheck --mode fast")
struct FastModeCLITests {
    @Test("a correct run passes with directional derivatives alone, and its JSON is byte-identical across runs and threads")
    func correctRunPasses() throws {
        try withTemporaryDirectory { tmp in
            let arguments = ["--trials", "5", "--mode", "fast", "--activation", "tanh", "--loss", "mse"]
            let first = try CLI.run(arguments + ["--report-dir", "a"], in: tmp)
            let second = try CLI.run(arguments + ["--report-dir", "b", "--jobs", "2"], in: tmp)
            #expect(first.status == 0 && second.status == 0, "\(first)\n\(second)")
            #expect(first.stdout.contains("  fast mode: 15 directional derivatives (PASS "), "\(first)")
            #expect(try Data(contentsOf: tmp.appendingPathComponent("a/gradcheck.json"))
                    == Data(contentsOf: tmp.appendingPathComponent("b/gradcheck.json")))
            let report = try jsonObject(at: tmp.appendingPathComponent("a/gradcheck.json"))
            #expect((report["command"] as? String)?.hasSuffix("--activation tanh --loss mse --mode fast") == true)
        }
    }

    @Test("a planted bug fails naming its worst element; the replay command and the case file replay it")
    func plantedBugFailsAndReplays() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["--trials", "2", "--dtype", "double", "--mode", "fast", "--plant-gradient-scale", "1.06",
                                      "--plant-tensor", "W2", "--report-dir", tmp.path], in: tmp)
            #expect(result.status == 1, "\(result)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            let failure = try #require(lines.first { $0.hasPrefix("FAIL double trial 0 ") }, "\(result)")
            #expect(failure.hasPrefix("FAIL double trial 0 W2["), "the worst element is named: \(failure)")
            let replayLine = try #require(lines.first { $0.hasPrefix("  replay: gradcheck ") })
            #expect(replayLine.contains(" --mode fast --plant-gradient-scale 1.06 --plant-tensor W2"), "\(replayLine)")

            var words = replayLine.dropFirst("  replay: ".count).split(separator: " ").map(String.init)
            words.insert("replay", at: 1)
            let replay = try CLI.run(Array(words.dropFirst()), in: tmp)
            #expect(replay.status == 1, "\(replay)")
            #expect(replay.stdout.contains("W2 [") && replay.stdout.contains("directions [3]: "), "\(replay)")
            #expect(replay.stdout.contains("note: fast mode: escalated to the per-element check"), "\(replay)")
            #expect(!containsCrashText(replay.output), "\(replay)")

            let caseFile = tmp.appendingPathComponent("cases/double-trial-0.json")
            let replayed = try CLI.run(["replay", caseFile.path], in: tmp)
            #expect(replayed.status == 1 && replayed.stdout.contains("still fails as recorded: FAIL in W2"), "\(replayed)")
            let refused = try CLI.run(["replay", caseFile.path, "--mode", "fast"], in: tmp)
            #expect(refused.status == 64, "\(refused)")
        }
    }

    @Test("mode options out of place are usage errors", arguments: [
        ["--directions", "2"], ["--mode", "fast", "--directions", "0"], ["--mode", "fast", "--directions", "65"],
        ["--mode", "fastest"], ["selftest", "--directions", "2"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(arguments + ["--trials", "1"], in: tmp)
            #expect(result.status == 64 && !containsCrashText(result.output), "\(result)")
        }
    }

    @Test("a fast run is not compared with a full baseline unless forced")
    func fullBaselineIsRefused() throws {
        try withTemporaryDirectory { tmp in
            let baseline = tmp.appendingPathComponent("baseline.json").path
            let record = try CLI.run(["--trials", "2", "--baseline", baseline, "--update-baseline", "--report-dir", "a"], in: tmp)
            #expect(record.status == 0, "\(record)")
            let refused = try CLI.run(["--trials", "2", "--mode", "fast", "--baseline", baseline, "--report-dir", "b"], in: tmp)
            #expect(refused.status == 64 && refused.stderr.contains("--mode fast"), "\(refused)")
        }
    }

    @Test("selftest --mode fast catches a mutant and records the mode")
    func selfTestInFastMode() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["selftest", "--mode", "fast", "--mutant", "sign-error"], in: tmp)
            #expect(result.status == 0 && result.stdout.contains("kill rate: 2/2 (100 %)"), "\(result)")
            let report = try jsonObject(at: tmp.appendingPathComponent("reports/selftest.json"))
            #expect(report["command"] as? String == "gradcheck selftest --mode fast --mutant sign-error")
            #expect(report["mode"] != nil)
        }
    }
}
