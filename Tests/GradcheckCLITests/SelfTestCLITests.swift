import Foundation
import Testing

/// `gradcheck selftest`: exit 0 with a 100 % kill rate at the defaults, exit 1 naming a
/// survivor with a command that reproduces it, exit 64 on bad options, deterministic reports.
@Suite("gradcheck selftest")
struct SelfTestCLITests {
    @Test("the whole catalogue at the defaults: every mutant caught in Float and Double, exit 0")
    func everyMutantCaught() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["selftest"], in: tmp)
            #expect(result.status == 0, "\(result)")
            #expect(!containsCrashText(result.output), "\(result)")
            let object = try jsonObject(at: tmp.appendingPathComponent("reports/selftest.json"))
            let outcomes = try #require(object["outcomes"] as? [[String: Any]])
            let mutants = Set(outcomes.compactMap { $0["mutant"] as? String })
            #expect(mutants.count >= 21 && outcomes.count == 2 * mutants.count)
            #expect(outcomes.allSatisfy { $0["kill"] != nil })
            #expect((object["killed"] as? Int) == outcomes.count && (object["killRate"] as? Double) == 1)
            #expect(result.stdout.contains("kill rate: \(outcomes.count)/\(outcomes.count) (100 %)"), "\(result)")
            #expect(result.stdout.contains("float: judged by Double central differences of the Double-evaluated loss"), "\(result)")
            #expect(result.stdout.contains("double: judged by Double central differences of the Double loss (native)"), "\(result)")
            for mutant in mutants {
                #expect(result.stdout.components(separatedBy: "| \(mutant) ").count == 3, "\(mutant): one row per dtype")
            }
            let markdown = try String(contentsOf: tmp.appendingPathComponent("reports/selftest.md"), encoding: .utf8)
            #expect(markdown.contains("**Kill rate: \(outcomes.count)/\(outcomes.count) (100 %)**"))
        }
    }

    /// Trials 0 and 1 of seed 1 are not softmax-ce, so two trials cannot expose the mutant.
    @Test("a survivor exits 1 and is named with the command that reproduces it")
    func survivorExitsOne() throws {
        try withTemporaryDirectory { tmp in
            let arguments = ["selftest", "--mutant", "softmax-unnormalised", "--dtype", "float", "--trials", "2",
                             "--report-dir", "out"]
            let result = try CLI.run(arguments, in: tmp)
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout.contains("kill rate: 0/1 (0 %)"), "\(result)")
            #expect(result.stdout.contains("SURVIVED softmax-unnormalised (float): not caught in 2 trials, 0 of which could expose it"),
                    "\(result)")
            let command = "gradcheck selftest --mutant softmax-unnormalised --dtype float --trials 2"
            #expect(result.stdout.contains("  reproduce: \(command)"), "\(result)")
            let object = try jsonObject(at: tmp.appendingPathComponent("out/selftest.json"))
            #expect((object["killed"] as? Int) == 0 && (object["command"] as? String) == command)

            // The reproduction command repeats the outcome, byte for byte.
            let first = try Data(contentsOf: tmp.appendingPathComponent("out/selftest.json"))
            let again = try CLI.run(Array(command.split(separator: " ").dropFirst().map(String.init)) + ["--report-dir", "again"], in: tmp)
            #expect(again.status == 1, "\(again)")
            #expect(try Data(contentsOf: tmp.appendingPathComponent("again/selftest.json")) == first)
        }
    }

    @Test("bad options exit 64 and write nothing", arguments: [["--mutant", "no-such-bug"], ["--trials", "0"],
                                                              ["--dtype", "half"], ["--report-dir", ""],
                                                              ["--sensitivity", "--mutant", "sign-error"], ["--jobs", "2"],
                                                              ["--sensitivity", "--jobs", "0"]])
    func badOptionsExit64(_ options: [String]) throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["selftest"] + options, in: tmp)
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.contains(options[0]), "\(result)")
            #expect(try directoryEntries(tmp).isEmpty)
        }
    }

    /// The sensitivity study writes its three reports, prints its table, and its command
    /// repeats it byte for byte, whatever `--jobs`.
    @Test("selftest --sensitivity measures detection power and repeats itself")
    func sensitivity() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["selftest", "--sensitivity", "--dtype", "double", "--trials", "3", "--jobs", "1",
                                      "--report-dir", "s"], in: tmp)
            #expect(result.status == 0, "\(result)")
            #expect(!containsCrashText(result.output), "\(result)")
            #expect(result.stdout.contains("| double | native | uniform     | 1e-07              |"), "\(result)")
            let object = try jsonObject(at: tmp.appendingPathComponent("s/sensitivity.json"))
            let command = try #require(object["command"] as? String)
            #expect(command == "gradcheck selftest --sensitivity --dtype double --trials 3")
            let curves = try #require(object["curves"] as? [[String: Any]])
            #expect(curves.count == 2)
            let svg = try String(contentsOf: tmp.appendingPathComponent("s/sensitivity.svg"), encoding: .utf8)
            #expect(svg.hasPrefix("<svg") && !svg.contains("nan") && !svg.contains("inf"))
            let markdown = try String(contentsOf: tmp.appendingPathComponent("s/sensitivity.md"), encoding: .utf8)
            #expect(markdown.contains("## Minimum detectable error"))
            #expect(result.stdout.contains("Only 3 trials per point") && markdown.contains("Only 3 trials per point"), "\(result)")

            let again = try CLI.run(Array(command.split(separator: " ").dropFirst().map(String.init))
                                    + ["--jobs", "2", "--report-dir", "again"], in: tmp)
            #expect(again.status == 0, "\(again)")
            #expect(try Data(contentsOf: tmp.appendingPathComponent("again/sensitivity.json"))
                    == Data(contentsOf: tmp.appendingPathComponent("s/sensitivity.json")))
        }
    }
}
