import Foundation
import Testing

/// Minimal failing cases (`--shrink`, `<report-dir>/cases/`) and `gradcheck replay`.
@Suite("gradcheck shrink and replay")
struct ShrinkReplayTests {
    static let planted = ["--trials", "3", "--dtype", "float", "--plant-gradient-scale", "1.5"]

    /// The `minimal case:` blocks of a check's stdout: the shape line and the replay command.
    static func minimalCases(in stdout: String) -> [(shape: String, replay: String)] {
        let lines = stdout.split(separator: "\n").map(String.init)
        return lines.indices.compactMap { i in
            guard lines[i].hasPrefix("  minimal case: "),
                  let replay = lines[i...].first(where: { $0.hasPrefix("    replay: gradcheck replay ") }) else { return nil }
            return (lines[i], String(replay.dropFirst("    replay: ".count)))
        }
    }

    @Test("a planted 1.5× bug prints minimal cases of width 1 and m = 1, writes their case files, and replays them")
    func plantedBugShrinksAndReplays() throws {
        try withTemporaryDirectory { tmp in
            let reports = tmp.appendingPathComponent("reports")
            let result = try CLI.run(Self.planted + ["--report-dir", reports.path], in: tmp)
            #expect(result.status == 1, "\(result)")
            let cases = Self.minimalCases(in: result.stdout)
            #expect(cases.count == 3, "\(result)")
            for c in cases {
                // `7-12-3 m=6 → 1-1-1 m=1`: every minimal width ≤ 2 (softmax keeps 2 classes), one row.
                let minimal = try #require(c.shape.split(separator: "→").last?.split(separator: " ").first)
                #expect(minimal.split(separator: "-").allSatisfy { Int($0).map { $0 <= 2 } ?? false }, "\(c.shape)")
                #expect(c.shape.contains("m=1 ("), "\(c.shape)")
            }
            let files = try directoryEntries(reports.appendingPathComponent("cases"))
            #expect(files == ["float-trial-0.json", "float-trial-1.json", "float-trial-2.json"])
            let caseFile = try jsonObject(at: reports.appendingPathComponent("cases/float-trial-0.json"))
            #expect(caseFile["schemaVersion"] as? Int == 2)
            #expect((caseFile["run"] as? [String: Any])?["plantedGradientScale"] as? Double == 1.5)
            let markdown = try String(contentsOf: reports.appendingPathComponent("gradcheck.md"), encoding: .utf8)
            #expect(markdown.contains("## Minimal failing cases (3)"), "\(markdown)")
            #expect(markdown.contains("`gradcheck replay \(reports.path)/cases/float-trial-0.json`"), "\(markdown)")

            // The printed replay command, run as printed, fails again and lists every element.
            let words = try #require(cases.first).replay.split(separator: " ").map(String.init)
            let replay = try CLI.run(Array(words.dropFirst()), in: tmp)
            #expect(replay.status == 1, "\(replay)")
            #expect(replay.stdout.contains("still fails as recorded: FAIL"), "\(replay)")
            #expect(!containsCrashText(replay.output), "\(replay)")
            let elementLines = replay.stdout.split(separator: "\n").filter { $0.hasPrefix("  [") }
            let failingTensors = replay.stdout.split(separator: "\n").filter { $0.contains("]: FAIL (") }
            // Each failing tensor of a width-1 case has one element (two for a softmax output).
            #expect(!failingTensors.isEmpty && elementLines.count >= failingTensors.count, "\(replay)")
            for line in elementLines {
                #expect(line.split(separator: " ").count >= 10 && line.contains(" FAIL"), "not an element line: \(line)")
            }
            let all = try CLI.run(Array(words.dropFirst()) + ["--all"], in: tmp)
            let tensorHeadings = all.stdout.split(separator: "\n").filter { $0.first?.isLetter == true && $0.contains(" [") && $0.contains("]: ") }
            #expect(tensorHeadings.count == 4, "--all does not list W1, b1, W2 and b2: \(all)")
        }
    }

    @Test("with --train-steps the case keeps its descent steps, and replay shows the check after them")
    func trainStepsAreKept() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["--trials", "1", "--dtype", "double", "--train-steps", "2", "--plant-gradient-scale", "1.5",
                                      "--report-dir", tmp.path], in: tmp)
            #expect(result.status == 1 && result.stdout.contains("after 2 steps FAIL"), "\(result)")
            let replay = try CLI.run(["replay", tmp.appendingPathComponent("cases/double-trial-0.json").path], in: tmp)
            #expect(replay.status == 1, "\(replay)")
            #expect(replay.stdout.contains("after 2 descent steps") && replay.stdout.contains("--train-steps 2"), "\(replay)")
        }
    }

    @Test("case files are byte-identical for the same seed, whatever the report directory")
    func caseFilesAreDeterministic() throws {
        try withTemporaryDirectory { tmp in
            func caseBytes(_ name: String) throws -> [Data] {
                let reports = tmp.appendingPathComponent(name)
                let result = try CLI.run(Self.planted + ["--report-dir", reports.path], in: tmp)
                #expect(result.status == 1, "\(result)")
                let cases = reports.appendingPathComponent("cases")
                return try directoryEntries(cases).map { try Data(contentsOf: cases.appendingPathComponent($0)) }
                    + [try Data(contentsOf: reports.appendingPathComponent("gradcheck.json"))]
            }
            let a = try caseBytes("a")
            let b = try caseBytes("b-elsewhere")
            #expect(a.count == 4 && a == b)
        }
    }

    /// A case file that is neither shrunk nor the trial its run draws (what GradCheckTesting
    /// writes for a network given by value) does not name a command that would draw another.
    @Test("a case of a network given by value names no drawing command")
    func caseOfAGivenNetwork() throws {
        try withTemporaryDirectory { tmp in
            _ = try CLI.run(Self.planted + ["--shrink", "1", "--report-dir", tmp.path], in: tmp)
            let url = tmp.appendingPathComponent("cases/float-trial-0.json")
            var object = try jsonObject(at: url)
            object["original"] = nil
            object["shrink"] = nil
            var spec = try #require(object["spec"] as? [String: Any])
            spec["parameters"] = (spec["parameters"] as? [Double])?.map { $0 + 0.25 }
            object["spec"] = spec
            try JSONSerialization.data(withJSONObject: object).write(to: url)
            let replay = try CLI.run(["replay", url.path], in: tmp)
            #expect(replay.stdout.contains("float network given by value (checkGradient), not a drawn trial"), "\(replay)")
            #expect(!replay.stdout.contains("of `gradcheck"), "\(replay)")
        }
    }

    @Test("a file gradcheck did not write in cases/ stops the run before the trials (74) and is kept (issue 20, D14)")
    func foreignFileInCasesIsKept() throws {
        try withTemporaryDirectory { tmp in
            let cases = tmp.appendingPathComponent("reports/cases")
            try FileManager.default.createDirectory(at: cases, withIntermediateDirectories: true)
            try Data("mine".utf8).write(to: cases.appendingPathComponent("baseline.json"))
            let result = try CLI.run(["--trials", "2", "--report-dir", "reports"], in: tmp)
            #expect(result.status == 74 && result.stderr.contains("gradcheck did not write it"), "\(result)")
            // Named as an output inside cases/, it is a usage error (64).
            let named = try CLI.run(["--trials", "2", "--report-dir", "reports", "--baseline", "reports/cases/baseline.json",
                                     "--update-baseline"], in: tmp)
            #expect(named.status == 64 && named.stderr.contains("inside"), "\(named)")
            #expect(!result.stdout.contains("verdict:"), "\(result)")
            #expect(try String(contentsOf: cases.appendingPathComponent("baseline.json"), encoding: .utf8) == "mine")
        }
    }

    @Test("--shrink 0 writes no cases; a later passing run removes an earlier run's cases")
    func shrinkZeroAndStaleCases() throws {
        try withTemporaryDirectory { tmp in
            let off = try CLI.run(Self.planted + ["--shrink", "0", "--report-dir", tmp.path], in: tmp)
            #expect(off.status == 1 && !off.stdout.contains("minimal case"), "\(off)")
            #expect(try directoryEntries(tmp) == ["gradcheck.html", "gradcheck.json", "gradcheck.md"])
            let one = try CLI.run(Self.planted + ["--shrink", "1", "--report-dir", tmp.path], in: tmp)
            #expect(Self.minimalCases(in: one.stdout).count == 1, "\(one)")
            #expect(try directoryEntries(tmp.appendingPathComponent("cases")) == ["float-trial-0.json"])
            let passing = try CLI.run(["--trials", "2", "--dtype", "float", "--report-dir", tmp.path], in: tmp)
            #expect(passing.status == 0, "\(passing)")
            #expect(try directoryEntries(tmp) == ["gradcheck.html", "gradcheck.json", "gradcheck.md"], "a stale case survived")
        }
    }

    @Test("a check's replay line with `replay` inserted reruns the trial verbosely; a passing trial exits 0")
    func replayByOptions() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(Self.planted + ["--shrink", "0", "--report-dir", tmp.path], in: tmp)
            let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("  replay: gradcheck --") })
            let words = line.split(separator: " ").dropFirst(2).map(String.init)
            let replay = try CLI.run(["replay"] + words, in: tmp)
            #expect(replay.status == 1, "\(replay)")
            #expect(replay.stdout.contains("float trial 0 of `gradcheck --layers 2 --trial 0"), "\(replay)")
            #expect(replay.stdout.contains("step h") && replay.stdout.contains("verdict: FAIL"), "\(replay)")
            #expect(try directoryEntries(tmp) == ["gradcheck.html", "gradcheck.json", "gradcheck.md"], "replay wrote files")

            let passing = try CLI.run(["replay", "--trial", "0", "--dtype", "double"], in: tmp)
            #expect(passing.status == 0, "\(passing)")
            #expect(passing.stdout.contains("no failing tensor") && !passing.stdout.contains("verdict: FAIL"), "\(passing)")
        }
    }

    static let badCases: [BadFile] = [
        BadFile(name: "missing", expected: "does not exist") { _ in nil },
        BadFile(name: "empty", expected: "is empty") { _ in Data() },
        BadFile(name: "truncated", expected: "not a JSON object") { $0.prefix($0.count / 2) },
        BadFile(name: "a report", expected: "has no schemaVersion") { _ in Data("{\"records\": []}".utf8) },
        BadFile(name: "schema 3", expected: "schema version 3",
                edit: BadFile.replacing("\"schemaVersion\" : 2", with: "\"schemaVersion\" : 3")),
        BadFile(name: "mistyped", expected: "is not a valid case file", edit: BadFile.replacing("\"m\" : 1", with: "\"m\" : \"one\"")),
        BadFile(name: "wrong batch size", expected: "is inconsistent", edit: BadFile.replacing("\"m\" : 1", with: "\"m\" : 3")),
        BadFile(name: "a signature tensor the network lacks", expected: "signature.tensor W9 is not a tensor",
                edit: BadFile.replacing("\"tensor\" : \"b2\"", with: "\"tensor\" : \"W9\"")),
        // Held to the CLI's limits and option rules (issue 19; issue 20, D14).
        BadFile(name: "a negative atol", expected: "run.atol -1.0 is not a finite number ≥ 0",
                edit: BadFile.replacing("\"plantedGradientScale\" : 1.5", with: "\"atol\" : -1, \"plantedGradientScale\" : 1.5")),
        BadFile(name: "a batch beyond --max-batch's limit", expected: "spec.m 5000 is outside 1...4096",
                edit: BadFile.replacing("\"m\" : 1", with: "\"m\" : 5000")),
        BadFile(name: "a --max-width beyond its limit", expected: "run.options.maxWidth 2000 is outside 1...1024",
                edit: BadFile.replacing("\"maxWidth\" : 16", with: "\"maxWidth\" : 2000")),
    ]

    @Test("an unusable case file exits 65 naming the file and the problem", arguments: badCases)
    func badCaseFileExits65(bad: BadFile) throws {
        try withTemporaryDirectory { tmp in
            let reports = tmp.appendingPathComponent("reports")
            _ = try CLI.run(Self.planted + ["--shrink", "1", "--report-dir", reports.path], in: tmp)
            let file = reports.appendingPathComponent("cases/float-trial-0.json")
            if let data = bad.edit(try Data(contentsOf: file)) { try data.write(to: file) } else { try FileManager.default.removeItem(at: file) }
            let result = try CLI.run(["replay", file.path], in: tmp)
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.contains("case file \(file.path): ") && result.stderr.contains(bad.expected), "\(result)")
            #expect(!containsCrashText(result.output) && !result.stdout.contains("verdict:"), "\(result)")
        }
    }

    @Test("replay usage errors exit 64: nothing to replay, a case file with trial options, --report-dir")
    func replayUsageErrors() throws {
        try withTemporaryDirectory { tmp in
            for arguments in [["replay"], ["replay", "x.json", "--trial", "1"], ["replay", "x.json", "--atol", "1"],
                              ["replay", "--trial", "1", "--report-dir", "r"], ["replay", "x.json", "--oracle", "wider"]] {
                let result = try CLI.run(arguments, in: tmp)
                #expect(result.status == 64, "\(result)")
                #expect(!result.stderr.isEmpty && !containsCrashText(result.output), "\(result)")
                if arguments.contains("--oracle") { #expect(result.stderr.contains("--oracle"), "\(result)") }
            }
        }
    }

    @Test("a cases path taken by a file exits 74 before the trials")
    func blockedCasesPathExits74() throws {
        try withTemporaryDirectory { tmp in
            try Data("not a directory\n".utf8).write(to: tmp.appendingPathComponent("cases"))
            let result = try CLI.run(Self.planted + ["--report-dir", tmp.path], in: tmp)
            #expect(result.status == 74, "\(result)")
            #expect(result.stderr.contains("cases") && !result.stdout.contains("verdict:"), "\(result)")
        }
    }
}
