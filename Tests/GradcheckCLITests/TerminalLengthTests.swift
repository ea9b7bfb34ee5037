import Foundation
import Testing

/// A failing gate is read on a screen: whatever fails and whatever options add lines (fast
/// mode, descent, saturation, a baseline with regressions), stdout stays within 40 lines, and
/// says how many failing trials it did not show.
@Suite("gradcheck terminal summary length")
struct TerminalLengthTests {
    @Test("a run where every trial fails prints at most 40 lines, both dtypes", arguments: [
        [String](),
        ["--mode", "fast", "--train-steps", "1", "--saturation-share", "0.5"],
    ])
    func failingRunFitsAScreen(extra: [String]) throws {
        try withTemporaryDirectory { tmp in
            let options = ["--layers", "2", "--trials", "30", "--seed", "3"] + extra
            let baseline = tmp.appendingPathComponent("baseline.json").path
            let made = try CLI.run(options + ["--report-dir", "base", "--baseline", baseline, "--update-baseline"], in: tmp)
            #expect(made.status == 0, "\(made)")
            let failing = try CLI.run(options + ["--report-dir", "now", "--baseline", baseline, "--plant-gradient-scale", "1.06"],
                                      in: tmp)
            #expect(failing.status == 1, "\(failing)")
            let lines = failing.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count <= 40, "\(lines.count) lines: \(failing.stdout)")
            #expect(failing.stdout.contains(" more failing float trials and 1 more minimal case: gradcheck.md"), "\(failing)")
            #expect(failing.stdout.contains("REGRESSION in "), "\(failing)")
            #expect(lines.last?.hasPrefix("reports: now/gradcheck.json, now/gradcheck.md, now/gradcheck.html, now/regression.json") == true, "\(failing)")
        }
    }
}

/// Test-only options reject what they cannot apply: a planted bug that plants nothing would
/// read as a bug the gate missed.
@Suite("gradcheck test-only options")
struct PlantOptionTests {
    @Test("--plant-tensor that names no tensor, is empty, or has no scale is a usage error (64)", arguments: [
        (["--plant-gradient-scale", "1.5", "--plant-tensor", "W9"], "--plant-tensor W9 names no tensor of a 2-layer network; they are W1, b1, W2, b2."),
        (["--plant-gradient-scale", "1.5", "--plant-tensor", ""], "--plant-tensor must name a tensor"),
        (["--plant-tensor", "b2"], "--plant-tensor needs --plant-gradient-scale"),
    ])
    func unusablePlantTensor(extra: [String], expected: String) throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["--trials", "2"] + extra, in: tmp)
            #expect(result.status == 64 && result.stderr.contains(expected), "\(result)")
            #expect(try directoryEntries(tmp).isEmpty, "a refused run wrote reports")
        }
    }
}

/// `merge` makes the same collision check as `check` (`PathCollisions`): no output may be one of
/// its inputs or another output, whatever the spelling, and nothing is written when one is.
@Suite("gradcheck merge path collisions")
struct MergeCollisionTests {
    @Test("an output that is an input or another output is a usage error (64), and no file changes")
    func collisionsAreRefused() throws {
        try withTemporaryDirectory { tmp in
            for i in 1...2 {
                let shard = try CLI.run(["--trials", "4", "--shard", "\(i)/2", "--report-dir", "s\(i)", "--quiet"], in: tmp)
                #expect(shard.status == 0, "\(shard)")
            }
            #expect(try CLI.run(["--trials", "4", "--report-dir", "base", "--quiet"], in: tmp).status == 0)
            let shards = ["s1/gradcheck.json", "s2/gradcheck.json"]
            let cases: [([String], String)] = [
                (["-o", "s1/gradcheck.json"], "-o and report s1/gradcheck.json both name"),
                (["-o", "./s1/../s2/gradcheck.json"], "-o and report s2/gradcheck.json both name"),
                (["-o", "out.json", "--junit", "out.json"], "-o and --junit both name"),
                (["-o", "out.json", "--junit", "s2/gradcheck.json"], "--junit and report s2/gradcheck.json both name"),
                (["-o", "base/gradcheck.json", "--baseline", "base/gradcheck.json"], "-o and --baseline both name"),
            ]
            let before = try shards.map { try Data(contentsOf: tmp.appendingPathComponent($0)) }
            for (extra, expected) in cases {
                let result = try CLI.run(["merge"] + shards + extra, in: tmp)
                #expect(result.status == 64 && result.stderr.contains(expected), "\(extra): \(result)")
            }
            #expect(try shards.map { try Data(contentsOf: tmp.appendingPathComponent($0)) } == before)
            #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("out.json").path))
        }
    }

    @Test("a --shapes file among a run's own outputs is a usage error (64), in check and in precision")
    func shapesFileAmongTheOutputs() throws {
        try withTemporaryDirectory { tmp in
            let shapes = "m,d0,d1,d2\n2,3,4,2\n"
            try FileManager.default.createDirectory(at: tmp.appendingPathComponent("r"), withIntermediateDirectories: true)
            for (command, name) in [([String](), "gradcheck.md"), (["precision"], "precision.csv")] {
                try Data(shapes.utf8).write(to: tmp.appendingPathComponent("r/\(name)"))
                let result = try CLI.run(command + ["--shapes", "r/\(name)", "--report-dir", "r"], in: tmp)
                #expect(result.status == 64 && result.stderr.contains("--shapes both name"), "\(result)")
                #expect(try String(contentsOf: tmp.appendingPathComponent("r/\(name)"), encoding: .utf8) == shapes)
            }
        }
    }
}
