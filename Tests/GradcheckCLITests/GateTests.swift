import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The CI gate: baselines, regression exit code 3, sharding and merge, JUnit, bad baselines.
@Suite("gradcheck gate")
struct GateTests {
    /// A 100-trial Double run whose W2 buckets are large enough for stable quantiles.
    static let options = ["--trials", "40", "--dtype", "double", "--activation", "tanh", "--loss", "mse", "--seed", "4"]

    func makeBaseline(in tmp: URL) throws -> URL {
        let baseline = tmp.appendingPathComponent("baseline.json")
        let result = try CLI.run(Self.options + ["--baseline", baseline.path, "--update-baseline",
                                                 "--report-dir", tmp.appendingPathComponent("base").path], in: tmp)
        #expect(result.status == 0, "\(result)")
        return baseline
    }

    @Test("an unchanged run exits 0; a precision loss under tolerance exits 3 and names the bucket")
    func regressionExits3() throws {
        try withTemporaryDirectory { tmp in
            let baseline = try makeBaseline(in: tmp)
            let same = try CLI.run(Self.options + ["--baseline", baseline.path, "--report-dir", tmp.path], in: tmp)
            #expect(same.status == 0, "\(same)")
            #expect(same.stdout.contains("no regression"), "\(same)")
            // W2's gradient loses precision: 1e-8 relative, ⅔ of Double's rtol, so every trial passes.
            let worse = try CLI.run(Self.options + ["--baseline", baseline.path, "--report-dir", tmp.path,
                                                    "--plant-gradient-scale", "1.00000001", "--plant-tensor", "W2"], in: tmp)
            #expect(worse.status == 3, "\(worse)")
            #expect(worse.stdout.contains("FAIL 0"), "\(worse)")
            #expect(worse.stdout.contains("double W2 tanh mse"), "\(worse)")
            let markdown = try String(contentsOf: tmp.appendingPathComponent("regression.md"), encoding: .utf8)
            let firstRow = markdown.split(separator: "\n").first { $0.hasPrefix("| double") }
            #expect(firstRow?.contains("double W2 tanh mse") == true && firstRow?.contains("REGRESSED") == true, "\(markdown)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.appendingPathComponent("regression.json"))) as? [String: Any]
            #expect((json?["rows"] as? [[String: Any]])?.first?["regressed"] as? Bool == true)
        }
    }

    @Test("a FAIL wins over a regression: exit 1")
    func failWins() throws {
        try withTemporaryDirectory { tmp in
            let baseline = try makeBaseline(in: tmp)
            let result = try CLI.run(Self.options + ["--baseline", baseline.path, "--report-dir", tmp.path,
                                                     "--plant-gradient-scale", "1.06"], in: tmp)
            #expect(result.status == 1, "\(result)")
        }
    }

    @Test("a baseline of other options is an error unless --force")
    func likeWithLike() throws {
        try withTemporaryDirectory { tmp in
            let baseline = try makeBaseline(in: tmp)
            let other = Self.options.map { $0 == "4" ? "5" : $0 }   // another seed
            let refused = try CLI.run(other + ["--baseline", baseline.path, "--report-dir", tmp.path], in: tmp)
            #expect(refused.status == 64, "\(refused)")
            #expect(refused.stderr.contains("compare like with like"), "\(refused)")
            let forced = try CLI.run(other + ["--baseline", baseline.path, "--report-dir", tmp.path, "--force"], in: tmp)
            #expect([0, 3].contains(forced.status), "\(forced)")
        }
    }

    @Test("--update-baseline keeps the previous baseline as .prev and refuses a failing run unless --force")
    func updateBaseline() throws {
        try withTemporaryDirectory { tmp in
            let baseline = try makeBaseline(in: tmp)
            let first = try Data(contentsOf: baseline)
            let failing = try CLI.run(Self.options + ["--baseline", baseline.path, "--update-baseline", "--report-dir", tmp.path,
                                                      "--plant-gradient-scale", "1.06"], in: tmp)
            #expect(failing.status == 1, "\(failing)")
            #expect(failing.stdout.contains("baseline: kept"), "\(failing)")
            #expect(try Data(contentsOf: baseline) == first)
            let forced = try CLI.run(Self.options + ["--baseline", baseline.path, "--update-baseline", "--force",
                                                     "--report-dir", tmp.path, "--plant-gradient-scale", "1.06"], in: tmp)
            #expect(forced.status == 1, "\(forced)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: baseline.path + ".prev")) == first)
            #expect(try Data(contentsOf: baseline) != first)
        }
    }

    static let badBaselines: [BadFile] = [
        BadFile(name: "empty", expected: "is empty") { _ in Data() },
        BadFile(name: "truncated", expected: "truncated") { $0.prefix($0.count / 2) },
        BadFile(name: "corrupt", expected: "not a JSON object") { _ in Data("\u{0}\u{1}garbage{{".utf8) },
        BadFile(name: "wrong schema version", expected: "schema version 99",
                edit: BadFile.replacing("\"schemaVersion\":4", with: "\"schemaVersion\":99")),
        BadFile(name: "a field missing", expected: "missing", edit: BadFile.replacing("\"summaries\":", with: "\"summarie\":")),
        BadFile(name: "another JSON document", expected: "no schemaVersion") { _ in Data("{\"hello\": 1}".utf8) },
    ]

    @Test("an unusable baseline exits 65, names the file and the problem, and is left untouched", arguments: badBaselines)
    func badBaselineExits65(bad: BadFile) throws {
        try withTemporaryDirectory { tmp in
            let baseline = try makeBaseline(in: tmp)
            let broken = try #require(bad.edit(try Data(contentsOf: baseline)))
            try broken.write(to: baseline)
            for extra in [[], ["--update-baseline"]] {
                let result = try CLI.run(Self.options + ["--baseline", baseline.path, "--report-dir", tmp.path] + extra, in: tmp)
                #expect(result.status == 65, "\(result)")
                #expect(result.stderr.contains(baseline.path) && result.stderr.contains(bad.expected), "\(result)")
                #expect(!result.stdout.contains("verdict:"), "trials ran: \(result)")
                #expect(!containsCrashText(result.output), "\(result)")
                #expect(try Data(contentsOf: baseline) == broken, "the baseline changed")
            }
        }
    }

    /// The wiring of `--shard` and `gradcheck merge`, with and without a baseline; the merge's
    /// bytes and its refusals are tested in process (GradCheckReportsTests, `ShardMergeTests`).
    @Test("shards 1/2 and 2/2 merged are byte-identical to the unsharded run's JSON; a missing shard exits 65")
    func shardsMergeToTheWholeRun() throws {
        try withTemporaryDirectory { tmp in
            let options = ["--trials", "3", "--seed", "9"]
            let baseline = tmp.appendingPathComponent("baseline.json")
            let whole = try CLI.run(options + ["--report-dir", "whole", "--baseline", baseline.path, "--update-baseline"], in: tmp)
            #expect(whole.status == 0, "\(whole)")
            let shards = ["shard1/gradcheck.json", "shard2/gradcheck.json"]
            for i in 1...2 {
                let result = try CLI.run(options + ["--shard", "\(i)/2", "--report-dir", "shard\(i)"], in: tmp)
                #expect(result.status == 0, "\(result)")
            }
            let merge = try CLI.run(["merge"] + shards.reversed() + ["-o", "out.json"], in: tmp)
            #expect(merge.status == 0, "\(merge)")
            #expect(try Data(contentsOf: tmp.appendingPathComponent("out.json"))
                    == Data(contentsOf: tmp.appendingPathComponent("whole/gradcheck.json")))
            let compared = try CLI.run(["merge"] + shards + ["-o", "out.json", "--baseline", baseline.path], in: tmp)
            #expect(compared.status == 0 && compared.stdout.contains("no regression"), "\(compared)")
            #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("regression.md").path))
            let missing = try CLI.run(["merge", shards[0], "-o", "out.json"], in: tmp)
            #expect(missing.status == 65 && missing.stderr.contains("missing shard(s) 2/2"), "\(missing)")
        }
    }

    @Test("--junit writes JUnit XML that a real XML parser accepts, with failures carrying the replay command")
    func junitParses() throws {
        try withTemporaryDirectory { tmp in
            let junit = tmp.appendingPathComponent("junit.xml")
            let result = try CLI.run(["--trials", "3", "--plant-gradient-scale", "1.06", "--junit", junit.path,
                                      "--report-dir", tmp.path], in: tmp)
            #expect(result.status == 1, "\(result)")
            let counter = JUnitCounter()
            let parser = XMLParser(data: try Data(contentsOf: junit))
            parser.delegate = counter
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
            #expect(counter.elements["testsuites"] == 1 && counter.elements["testsuite"] == 2)
            #expect(counter.elements["testcase"] == 6 && counter.elements["failure"] == 6)
            #expect(counter.failureMessages.allSatisfy { $0.contains("replay: gradcheck --layers 2 --trial") })
        }
    }
}

/// Counts elements and collects `<failure>` messages.
final class JUnitCounter: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var failureMessages: [String] = []
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
        text = ""
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "failure" { failureMessages.append(text) }
    }
}

@Suite("gradcheck gate, found by trying to break it")
struct GateEdgeTests {
    @Test("a baseline that is also a report or JUnit path is refused (64) and left untouched")
    func collidingPathsAreRefused() throws {
        try withTemporaryDirectory { tmp in
            let first = try CLI.run(["--trials", "3", "--report-dir", tmp.path], in: tmp)
            #expect(first.status == 0, "\(first)")
            let report = tmp.appendingPathComponent("gradcheck.json")
            let bytes = try Data(contentsOf: report)
            for extra in [["--baseline", report.path], ["--baseline", report.path, "--update-baseline"],
                          ["--baseline", "b.json", "--junit", "b.json"]] {
                let result = try CLI.run(["--trials", "3", "--report-dir", tmp.path] + extra, in: tmp)
                #expect(result.status == 64 && result.stderr.contains("both name"), "\(result)")
            }
            #expect(try Data(contentsOf: report) == bytes)
        }
    }

    @Test("--update-baseline keeps the baseline when the run regressed, unless --force")
    func regressedRunDoesNotBecomeTheBaseline() throws {
        try withTemporaryDirectory { tmp in
            let options = GateTests.options + ["--report-dir", tmp.path]
            let baseline = tmp.appendingPathComponent("nested/dir/baseline.json")   // parents are created
            #expect(try CLI.run(options + ["--baseline", baseline.path, "--update-baseline"], in: tmp).status == 0)
            let bytes = try Data(contentsOf: baseline)
            let planted = ["--plant-gradient-scale", "1.00000001", "--plant-tensor", "W2"]
            let kept = try CLI.run(options + ["--baseline", baseline.path, "--update-baseline"] + planted, in: tmp)
            #expect(kept.status == 3 && kept.stdout.contains("baseline: kept"), "\(kept)")
            #expect(try Data(contentsOf: baseline) == bytes)
            let forced = try CLI.run(options + ["--baseline", baseline.path, "--update-baseline", "--force"] + planted, in: tmp)
            #expect(forced.status == 3 && forced.stdout.contains("forced"), "\(forced)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: baseline.path + ".prev")) == bytes)
        }
    }

    @Test("an unusable baseline can be replaced with --update-baseline --force; the old one is kept as .prev")
    func corruptBaselineCanBeReplacedWithForce() throws {
        try withTemporaryDirectory { tmp in
            let baseline = tmp.appendingPathComponent("baseline.json")
            try Data("garbage".utf8).write(to: baseline)
            let result = try CLI.run(["--trials", "2", "--report-dir", tmp.path, "--baseline", baseline.path,
                                      "--update-baseline", "--force"], in: tmp)
            #expect(result.status == 0, "\(result)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: baseline.path + ".prev")) == Data("garbage".utf8))
            #expect(try CLI.run(["--trials", "2", "--report-dir", tmp.path, "--baseline", baseline.path], in: tmp).status == 0)
        }
    }

    /// A report is read more than once (validated, then compared): a baseline given as a pipe
    /// (`--baseline <(…)`, a FIFO) is copied first, so that the second reading finds it whole.
    @Test("a baseline read from a FIFO is compared like a file")
    func baselineFromAFIFO() throws {
        try withTemporaryDirectory { tmp in
            #expect(try CLI.run(["--trials", "3", "--report-dir", "base"], in: tmp).status == 0)
            let fifo = tmp.appendingPathComponent("fifo").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: "/bin/sh")
            writer.arguments = ["-c", "cat base/gradcheck.json > fifo"]
            writer.currentDirectoryURL = tmp
            try writer.run()
            let result = try CLI.run(["--trials", "3", "--report-dir", "now", "--baseline", fifo], in: tmp)
            writer.waitUntilExit()
            #expect(result.status == 0 && result.stdout.contains("baseline: no regression"), "\(result)")
        }
    }

    @Test("a hand-edited report is rejected (65): records that disagree with its run")
    func inconsistentReportIsRejected() throws {
        try withTemporaryDirectory { tmp in
            #expect(try CLI.run(["--trials", "3", "--report-dir", tmp.path], in: tmp).status == 0)
            let report = tmp.appendingPathComponent("gradcheck.json")
            var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
            object["records"] = []
            let edited = tmp.appendingPathComponent("edited.json")
            try JSONSerialization.data(withJSONObject: object).write(to: edited)
            let result = try CLI.run(["--trials", "3", "--report-dir", tmp.path, "--baseline", edited.path], in: tmp)
            #expect(result.status == 65 && result.stderr.contains("is inconsistent"), "\(result)")
        }
    }

    @Test("descents that diverge before their check after training fail the gate, in the check and in its replay (issue 20, D11)")
    func divergedDescentFails() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["--trials", "4", "--dtype", "double", "--max-width", "6", "--train-steps", "5",
                                      "--learning-rate", "1e300", "--report-dir", tmp.path, "--junit", "j.xml"], in: tmp)
            #expect(result.status == 1, "\(result)")
            let last = result.stdout.split(separator: "\n").last { $0.hasPrefix("verdict:") }
            #expect(last?.contains("INCONCLUSIVE") == true && last?.contains("after training never ran") == true, "\(result)")
            let junit = try String(contentsOf: tmp.appendingPathComponent("j.xml"), encoding: .utf8)
            #expect(!junit.contains("failures=\"0\""), "\(junit)")
            let replayLine = try #require(result.stdout.split(separator: "\n").first { $0.contains("replay: gradcheck") })
            let arguments = replayLine.split(separator: " ").drop { $0 != "gradcheck" }.dropFirst().map(String.init)
            let alone = try CLI.run(arguments, in: tmp)
            #expect(alone.status == 1 && alone.stdout.contains("after training never ran"), "\(alone)")
            let replay = try CLI.run(["replay"] + arguments, in: tmp)
            #expect(replay.status == 1 && replay.stdout.contains("after training never ran"), "\(replay)")
        }
    }

    @Test("a shard count beyond the trials is a usage error, not a crash")
    func hugeShardCountIsRefused() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["--trials", "3", "--shard", "2/9223372036854775807", "--report-dir", tmp.path], in: tmp)
            #expect(result.status == 64 && result.stderr.contains("--shard"), "\(result)")
            // A negative shard is a value of --shard, not a missing one (issue 20, D14).
            let negative = try CLI.run(["--trials", "3", "--shard", "-1/3", "--report-dir", tmp.path], in: tmp)
            #expect(negative.status == 64 && negative.stderr.contains("'-1/3' is invalid for '--shard"), "\(negative)")
        }
    }

    @Test("a run without --baseline removes an earlier run's regression report")
    func staleRegressionReportIsRemoved() throws {
        try withTemporaryDirectory { tmp in
            let baseline = tmp.appendingPathComponent("b.json")
            let record = try CLI.run(["--trials", "2", "--report-dir", tmp.path, "--baseline", baseline.path, "--update-baseline"], in: tmp)
            let compare = try CLI.run(["--trials", "2", "--report-dir", tmp.path, "--baseline", baseline.path], in: tmp)
            #expect(record.status == 0 && compare.status == 0, "\(record)\n\(compare)")
            #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("regression.md").path))
            let plain = try CLI.run(["--trials", "2", "--report-dir", tmp.path], in: tmp)
            #expect(plain.status == 0, "\(plain)")
            #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("regression.md").path))
        }
    }
}
