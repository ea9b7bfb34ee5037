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
