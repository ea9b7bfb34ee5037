import Foundation
import Testing

/// End-to-end tests of the `gradcheck` executable: exit codes 0 / 1 / 64 / 74, the report files,
/// replay commands and determinism. Each run uses its own temporary `--report-dir`.
@Suite("gradcheck CLI")
struct GradcheckCLITests {

    // MARK: - 1. exit 0

    @Test("a passing run exits 0, prints PASS and writes both reports")
    func passingRunWritesReports() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["--layers", "2", "--trials", "5", "--report-dir", tmp.path], in: tmp)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("verdict: PASS"), "\(result)")
            #expect(!containsCrashText(result.output), "\(result)")

            let json = tmp.appendingPathComponent("gradcheck.json")
            let markdown = tmp.appendingPathComponent("gradcheck.md")
            #expect(FileManager.default.fileExists(atPath: json.path))
            #expect(FileManager.default.fileExists(atPath: markdown.path))
            #expect(try Data(contentsOf: markdown).count > 0)

            let object = try jsonObject(at: json)
            #expect((object["schemaVersion"] as? Int) == 4)
            let records = try #require(object["records"] as? [Any], "records is not an array")
            #expect(!records.isEmpty)
        }
    }

    // MARK: - 2. exit 1, with a replay command that reproduces the failure

    @Test("a planted 6 % gradient bug exits 1 and its replay command fails again",
          arguments: ["float", "double"])
    func plantedBugFailsAndReplays(dtype: String) throws {
        try withTemporaryDirectory { tmp in
            let reports = tmp.appendingPathComponent("first")
            let result = try CLI.run(["--trials", "3", "--plant-gradient-scale", "1.06", "--dtype", dtype,
                                      "--report-dir", reports.path], in: tmp)
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout.contains("FAIL"), "\(result)")
            #expect(!containsCrashText(result.output), "\(result)")

            let prefix = "  replay: "
            let replayLine = try #require(
                result.stdout.split(separator: "\n").first { $0.hasPrefix(prefix + "gradcheck") },
                "no line starting with \"  replay: gradcheck\": \(result)")
            let command = String(replayLine.dropFirst(prefix.count))
            var words = command.split(separator: " ").map(String.init)
            #expect(words.first == "gradcheck")
            words.removeFirst()
            #expect(command.contains("--dtype \(dtype)"), "replay does not keep the dtype: \(command)")
            #expect(command.contains("--plant-gradient-scale"), "replay drops the planted bug: \(command)")

            let replayReports = tmp.appendingPathComponent("replay")
            let replay = try CLI.run(words + ["--report-dir", replayReports.path], in: tmp)
            #expect(replay.status == 1, "replay of `\(command)` did not fail: \(replay)")
            #expect(replay.stdout.contains("FAIL"), "\(replay)")
            #expect(!containsCrashText(replay.output), "\(replay)")
        }
    }

    // MARK: - 3. exit 64 for usage errors

    struct BadInput: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        /// Texts the error message must contain (the option's name, the bad value, …).
        var mentions: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let badInputs: [BadInput] = [
        BadInput(arguments: ["--layers", "0"], mentions: ["--layers"]),
        BadInput(arguments: ["--trials", "-1"], mentions: ["--trials"]),
        BadInput(arguments: ["--trials", "0"], mentions: ["--trials"]),
        BadInput(arguments: ["--trials", "1000000"], mentions: ["--trials", "250000"]),
        BadInput(arguments: ["--activation", "foo"], mentions: ["--activation", "foo"]),
        BadInput(arguments: ["--loss", "bar"], mentions: ["--loss", "bar"]),
        BadInput(arguments: ["--dtype", "half"], mentions: ["--dtype", "half"]),
        BadInput(arguments: ["--max-width", "0"], mentions: ["--max-width"]),
        BadInput(arguments: ["--max-width", "100000"], mentions: ["--max-width"]),
        BadInput(arguments: ["--layers", "64", "--max-width", "1024"], mentions: ["--layers", "--max-width", "limit"]),
        BadInput(arguments: ["--atol", "-1"], mentions: ["--atol"]),
        BadInput(arguments: ["--seed", "-3"], mentions: ["--seed"]),
        BadInput(arguments: ["--frobnicate"], mentions: ["--frobnicate"]),
        // The same values attached with `=`, so they reach the range checks.
        BadInput(arguments: ["--trials=-1"], mentions: ["--trials", "-1"]),
        BadInput(arguments: ["--atol=-1"], mentions: ["--atol"]),
        BadInput(arguments: ["--seed=-3"], mentions: ["--seed", "-3"]),
        BadInput(arguments: ["--trial=-1"], mentions: ["--trial"]),
        BadInput(arguments: ["--rtol=nan"], mentions: ["--rtol"]),
        BadInput(arguments: ["--max-batch", "0"], mentions: ["--max-batch"]),
        BadInput(arguments: ["--trial", "9223372036854775807"], mentions: ["--trial"]),
        BadInput(arguments: ["--shrink", "-1"], mentions: ["--shrink"]),
    ]

    @Test("a bad option exits 64 with a message naming it, and writes nothing", arguments: badInputs)
    func usageErrorExits64(input: BadInput) throws {
        try withTemporaryDirectory { tmp in
            let reports = tmp.appendingPathComponent("reports")
            let result = try CLI.run(input.arguments + ["--report-dir", reports.path], in: tmp)
            #expect(result.status == 64, "\(result)")
            let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!message.isEmpty, "no message on stderr: \(result)")
            for text in input.mentions {
                #expect(message.contains(text), "stderr does not mention \(text): \(result)")
            }
            #expect(!containsCrashText(result.output), "\(result)")
            #expect(!result.stdout.contains("verdict:"), "a usage error ran trials: \(result)")
            #expect(!FileManager.default.fileExists(atPath: reports.path), "a usage error created the report dir")
        }
    }

    // MARK: - 4. exit 74 when the reports cannot be written

    enum UnwritableDirectory: String, CaseIterable, CustomTestStringConvertible, Sendable {
        /// `<tmp>/afile/sub`, where `afile` is a regular file.
        case underRegularFile
        /// A directory under `/proc`, where nothing can be created.
        case underProc

        var testDescription: String { rawValue }
    }

    @Test("an unwritable --report-dir exits 74 with \"cannot write\" before running trials",
          arguments: UnwritableDirectory.allCases)
    func unwritableReportDirExits74(kind: UnwritableDirectory) throws {
        try withTemporaryDirectory { tmp in
            let directory: String
            switch kind {
            case .underRegularFile:
                let file = tmp.appendingPathComponent("afile")
                try Data("not a directory\n".utf8).write(to: file)
                directory = file.appendingPathComponent("sub").path
            case .underProc:
                directory = "/proc/gradcheck-cli-test-\(UUID().uuidString)/sub"
            }
            let result = try CLI.run(["--trials", "1", "--report-dir", directory], in: tmp)
            #expect(result.status == 74, "\(result)")
            #expect(result.stderr.contains("cannot write"), "\(result)")
            #expect(result.stderr.contains(directory), "the message does not name the path: \(result)")
            #expect(!containsCrashText(result.output), "\(result)")
            #expect(!result.stdout.contains("verdict:"), "trials ran before the unwritable dir was noticed: \(result)")
        }
    }

    @Test("a successful run leaves only gradcheck.json and gradcheck.md (no temporary files)")
    func successfulRunLeavesNoTemporaryFiles() throws {
        try withTemporaryDirectory { tmp in
            let reports = tmp.appendingPathComponent("reports")
            let result = try CLI.run(["--trials", "2", "--report-dir", reports.path], in: tmp)
            #expect(result.status == 0, "\(result)")
            let entries = try directoryEntries(reports)
            #expect(entries.filter { $0.hasPrefix(".") } == [], "temporary files left behind: \(entries)")
            #expect(entries == ["gradcheck.html", "gradcheck.json", "gradcheck.md"])
        }
    }

    @Test("a report path taken by a directory exits 74 before the trials and keeps the other report")
    func blockedReportPathExits74BeforeTrials() throws {
        try withTemporaryDirectory { tmp in
            let first = try CLI.run(["--trials", "1", "--report-dir", tmp.path], in: tmp)
            #expect(first.status == 0, "\(first)")
            let json = tmp.appendingPathComponent("gradcheck.json")
            let jsonBefore = try Data(contentsOf: json)
            // rename(2) cannot replace a directory: gradcheck.md becomes one.
            let blocker = tmp.appendingPathComponent("gradcheck.md")
            try FileManager.default.removeItem(at: blocker)
            try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: false)
            let result = try CLI.run(["--trials", "1", "--seed", "5", "--report-dir", tmp.path], in: tmp)
            #expect(result.status == 74, "\(result)")
            #expect(result.stderr.contains("cannot write"), "\(result)")
            #expect(result.stderr.contains("gradcheck.md"), "\(result)")
            #expect(!result.stdout.contains("verdict:"), "trials ran before the check: \(result)")
            #expect(!containsCrashText(result.output), "\(result)")
            #expect(try Data(contentsOf: json) == jsonBefore, "gradcheck.json was replaced without its Markdown")
            let entries = try directoryEntries(tmp)
            #expect(entries.filter { $0.hasPrefix(".") } == [], "temporary files left behind: \(entries)")
        }
    }

    @Test("gradcheck precision writes its four reports and exits 0; bad input gives 64 and 74")
    func precisionSubcommand() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["precision", "--layers", "2", "--trials", "3", "--report-dir", tmp.path], in: tmp)
            #expect(result.status == 0, "\(result)")
            #expect(try directoryEntries(tmp).sorted() == ["precision.csv", "precision.html", "precision.json", "precision.md"])
            #expect(result.stdout.contains("best step h"), "\(result)")
            let bad = try CLI.run(["precision", "--layers", "0", "--report-dir", tmp.path], in: tmp)
            #expect(bad.status == 64 && bad.stderr.contains("--layers"), "\(bad)")
            try Data("a file".utf8).write(to: tmp.appendingPathComponent("blocker"))
            let blocked = try CLI.run(["precision", "--trials", "1",
                                       "--report-dir", tmp.appendingPathComponent("blocker/x").path], in: tmp)
            #expect(blocked.status == 74 && blocked.stderr.contains("cannot write"), "\(blocked)")
        }
    }

    @Test("an empty --report-dir is a usage error")
    func emptyReportDirExits64() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["--trials", "1", "--report-dir", ""], in: tmp)
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.contains("--report-dir"), "\(result)")
            #expect(try directoryEntries(tmp).isEmpty)
        }
    }

    @Test("a replay without --report-dir writes to reports/replay and keeps the full run's reports")
    func replayKeepsFullRunReports() throws {
        try withTemporaryDirectory { tmp in
            let full = try CLI.run(["--trials", "2"], in: tmp)
            #expect(full.status == 0, "\(full)")
            let json = tmp.appendingPathComponent("reports/gradcheck.json")
            let before = try Data(contentsOf: json)
            let replay = try CLI.run(["--trial", "1"], in: tmp)
            #expect(replay.status == 0, "\(replay)")
            #expect(try Data(contentsOf: json) == before)
            #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("reports/replay/gradcheck.json").path))
        }
    }

    // MARK: - 5. earlier reports survive a failed run

    @Test("a run that cannot write its reports leaves the previous reports byte-identical")
    func failedRunKeepsEarlierReports() throws {
        try withTemporaryDirectory { tmp in
            let first = try CLI.run(["--trials", "2", "--report-dir", tmp.path], in: tmp)
            #expect(first.status == 0, "\(first)")
            let json = tmp.appendingPathComponent("gradcheck.json")
            let markdown = tmp.appendingPathComponent("gradcheck.md")
            let jsonBefore = try Data(contentsOf: json)
            let markdownBefore = try Data(contentsOf: markdown)

            // A report dir under an existing file cannot be created (under gradcheck.json itself
            // it is a usage error: a path inside the report set).
            let blocker = tmp.appendingPathComponent("blocker")
            try Data("a file".utf8).write(to: blocker)
            let second = try CLI.run(["--trials", "3", "--seed", "99",
                                      "--report-dir", blocker.appendingPathComponent("x").path], in: tmp)
            #expect(second.status == 74, "\(second)")
            #expect(second.stderr.contains("cannot write"), "\(second)")

            #expect(try Data(contentsOf: json) == jsonBefore, "gradcheck.json changed after a failed run")
            #expect(try Data(contentsOf: markdown) == markdownBefore, "gradcheck.md changed after a failed run")
            let entries = try directoryEntries(tmp)
            #expect(entries == ["blocker", "gradcheck.html", "gradcheck.json", "gradcheck.md"], "unexpected entries: \(entries)")
        }
    }

    // MARK: - 6. determinism

    @Test("the same seed gives byte-identical JSON; another seed gives different JSON")
    func sameSeedSameBytes() throws {
        try withTemporaryDirectory { tmp in
            func report(seed: Int, into name: String) throws -> Data {
                let dir = tmp.appendingPathComponent(name)
                let result = try CLI.run(["--seed", "\(seed)", "--trials", "4", "--report-dir", dir.path], in: tmp)
                #expect([0, 1].contains(result.status), "\(result)")
                return try Data(contentsOf: dir.appendingPathComponent("gradcheck.json"))
            }
            let a = try report(seed: 7, into: "a")
            let b = try report(seed: 7, into: "b-with-a-longer-name")
            let c = try report(seed: 8, into: "c")
            #expect(a == b, "two runs with --seed 7 wrote different gradcheck.json")
            #expect(a != c, "--seed 7 and --seed 8 wrote the same gradcheck.json")
        }
    }

    // MARK: - 7. --trial N replays one trial

    @Test("--trial 2 reproduces trial 2 of a --trials 5 run exactly")
    func singleTrialReplayMatches() throws {
        try withTemporaryDirectory { tmp in
            let all = tmp.appendingPathComponent("all")
            let one = tmp.appendingPathComponent("one")
            let full = try CLI.run(["--trials", "5", "--seed", "3", "--dtype", "double", "--report-dir", all.path], in: tmp)
            #expect([0, 1].contains(full.status), "\(full)")
            let single = try CLI.run(["--trial", "2", "--seed", "3", "--dtype", "double", "--report-dir", one.path], in: tmp)
            #expect([0, 1].contains(single.status), "\(single)")
            if full.status == 0 { #expect(single.status == 0, "trial 2 fails alone but not in the full run: \(single)") }

            let fullRecords = try #require(try jsonObject(at: all.appendingPathComponent("gradcheck.json"))["records"]
                                           as? [[String: Any]])
            let singleRecords = try #require(try jsonObject(at: one.appendingPathComponent("gradcheck.json"))["records"]
                                             as? [[String: Any]])
            let trial2 = fullRecords.filter { ($0["trial"] as? Int) == 2 }
            #expect(!trial2.isEmpty, "the 5-trial run has no records of trial 2")
            #expect(singleRecords.allSatisfy { ($0["trial"] as? Int) == 2 }, "the --trial 2 run has records of other trials")
            #expect(try canonicalJSON(trial2) == canonicalJSON(singleRecords))
        }
    }
}
