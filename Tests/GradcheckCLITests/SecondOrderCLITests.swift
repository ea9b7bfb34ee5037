import Foundation
import Testing

/// `gradcheck taylor`, `--order 2` and the second-order self-tests (issue 18): verdicts, exit
/// codes, reports, determinism, replay and shrinking.
@Suite("gradcheck taylor and --order 2")
struct SecondOrderCLITests {
    @Test("taylor on correct code passes with r₂ of order 2; the same bytes with 1 or 2 jobs")
    func taylorPasses() throws {
        try withTemporaryDirectory { tmp in
            let arguments = ["taylor", "--trials", "20"]
            let one = try CLI.run(arguments + ["--jobs", "1", "--report-dir", "a"], in: tmp)
            let two = try CLI.run(arguments + ["--jobs", "2", "--report-dir", "b"], in: tmp)
            #expect(one.status == 0, "\(one)")
            #expect(two.status == 0, "\(two)")
            #expect(one.stdout.contains("verdict: PASS"), "\(one)")
            #expect(one.stdout.components(separatedBy: " 0 FAIL;").count == 3, "no FAIL in either dtype: \(one)")
            for name in ["taylor.json", "taylor.md", "taylor.html"] {
                #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("a/\(name)").path), "\(name)")
            }
            let json = try Data(contentsOf: tmp.appendingPathComponent("a/taylor.json"))
            #expect(json == (try Data(contentsOf: tmp.appendingPathComponent("b/taylor.json"))))
            let object = try jsonObject(at: tmp.appendingPathComponent("a/taylor.json"))
            let summaries = try #require(object["summaries"] as? [[String: Any]])
            let double = try #require(summaries.first { $0["dtype"] as? String == "double" })
            let orders = try #require(double["medianOrders"] as? [Any])
            let r2 = try #require(orders[1] as? Double)
            #expect(abs(r2 - 2) <= 0.05, "median r₂ order \(r2)")
            let html = try String(contentsOf: tmp.appendingPathComponent("a/taylor.html"), encoding: .utf8)
            #expect(html.components(separatedBy: "<svg").count - 1 == 40, "one chart per trial and dtype")
        }
    }

    @Test("a gradient 0.1 % off fails every Double trial, exit 1, with a command that reproduces it")
    func plantedGradientFailsTaylor() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["taylor", "--trials", "20", "--dtype", "double", "--plant-gradient-scale", "1.001"], in: tmp)
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout.contains("double: 0 PASS, 20 FAIL"), "\(result)")
            #expect(result.stdout.contains("r2 has order 1.0 where 2 is expected"), "\(result)")
            let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("  reproduce: ") })
            let command = line.dropFirst("  reproduce: gradcheck ".count).split(separator: " ").map(String.init)
            let again = try CLI.run(command + ["--report-dir", "again"], in: tmp)
            #expect(again.status == 1 && again.stdout.contains("double: 0 PASS, 1 FAIL"), "\(again)")
        }
    }

    @Test("--order 2 passes on correct code; a planted H·v error fails, shrinks and replays")
    func orderTwo() throws {
        try withTemporaryDirectory { tmp in
            let pass = try CLI.run(["--order", "2", "--trials", "30"], in: tmp)
            #expect(pass.status == 0 && pass.stdout.contains("verdict: PASS"), "\(pass)")
            #expect(pass.stdout.contains("--order 2"), "\(pass)")
            let fail = try CLI.run(["--order", "2", "--trials", "4", "--plant-gradient-scale", "1.01", "--shrink", "1",
                                    "--report-dir", "planted"], in: tmp)
            #expect(fail.status == 1, "\(fail)")
            let replays = fail.stdout.split(separator: "\n").filter { $0.contains("gradcheck replay ") }
            let replay = try #require(replays.first, "\(fail)")
            let words = replay[replay.range(of: "gradcheck replay ")!.upperBound...].split(separator: " ").map(String.init)
            let again = try CLI.run(["replay"] + words, in: tmp)
            #expect(again.status == 1, "\(again)")
            let object = try jsonObject(at: tmp.appendingPathComponent("planted/gradcheck.json"))
            #expect((object["command"] as? String)?.contains("--order 2") == true)
        }
    }

    /// The Taylor self-test in Float only: CI's release run (`.ci/run`) holds both dtypes.
    @Test("the second-order self-tests catch every H·v bug in both dtypes; the Taylor self-test every bug")
    func secondOrderSelfTests() throws {
        try withTemporaryDirectory { tmp in
            let order2 = try CLI.run(["selftest", "--order", "2", "--report-dir", "o2"], in: tmp)
            #expect(order2.status == 0 && order2.stdout.contains("kill rate: 6/6 (100 %)"), "\(order2)")
            let taylor = try CLI.run(["selftest", "--taylor", "--dtype", "float", "--report-dir", "t"], in: tmp)
            #expect(taylor.status == 0, "\(taylor)")
            let object = try jsonObject(at: tmp.appendingPathComponent("t/selftest.json"))
            let outcomes = try #require(object["outcomes"] as? [[String: Any]])
            #expect(outcomes.count == 24 && outcomes.allSatisfy { $0["kill"] != nil }, "\(taylor)")
            let row = taylor.stdout.split(separator: "\n").first { $0.hasPrefix("| dropped-second-derivative ") }
            #expect(row?.contains("| float | yes ") == true && row?.contains("| r3 ") == true, "\(taylor)")
        }
    }

    @Test("options that do not fit exit 64", arguments: [
        ["taylor", "--train-steps", "3"], ["--order", "3"], ["--order", "2", "--mode", "fast"],
        ["selftest", "--mutant", "dropped-second-derivative"], ["selftest", "--taylor", "--mode", "fast"],
        ["selftest", "--order", "2", "--mutant", "sign-error"], ["selftest", "--taylor", "--sensitivity"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(arguments, in: tmp)
            #expect(result.status == 64, "\(result)")
            #expect(!containsCrashText(result.output), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("reports").path))
        }
    }
}
