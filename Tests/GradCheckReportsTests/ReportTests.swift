import DurableFiles
import Foundation
@testable import GradCheckReports
import GradientCheck
import Harness
import Testing

@Suite struct ReportTests {
    static let run = RunDescription(options: TrialOptions(layers: 2, maxWidth: 6, maxBatch: 4, seed: 21),
                                    trials: 6, dtypes: [.float, .double])

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gradcheck-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// K11 (second half): two runs with one seed give identical reports.
    @Test func K11_sameSeedGivesByteIdenticalJSON() throws {
        let first = try Checked(checking: Self.run).jsonData()
        let second = try Checked(checking: Self.run).jsonData()
        #expect(first == second)
        var other = Self.run
        other.options.seed = 22
        #expect(try Checked(checking: other).jsonData() != first)
    }

    @Test func jsonHasSchemaCommandSeedAndOneRecordPerTrialDtypeAndTensor() throws {
        let report = Checked(checking: Self.run)
        let object = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == Report.schemaVersion)
        #expect((object["tool"] as? [String: Any])?["version"] as? String == Tool.version)
        #expect(object["command"] as? String == spelling.command(for: Self.run))
        #expect(object["seed"] as? Int == 21)
        let records = try #require(object["records"] as? [[String: Any]])
        #expect(records.count == 6 * 2 * 4)   // trials × dtypes × (W1, b1, W2, b2)
        let first = try #require(records.first)
        for key in ["trial", "dtype", "widths", "m", "activations", "loss", "tensor", "shape", "verdict",
                    "worst", "largestResolvedRelativeError", "normwiseRelativeError"] {
            #expect(first[key] != nil, "\(key)")
        }
        let worst = try #require(first["worst"] as? [String: Any])
        for key in ["index", "theta", "analytic", "numerical", "ratio", "relativeError", "errorEstimate", "step", "allowed"] {
            #expect(worst[key] != nil, "worst.\(key)")
        }
    }

    /// A report is read line by line and held to the order a run writes: records of two trials
    /// swapped, a file cut short, or a record line run into the next are refused, naming the
    /// problem; the same document re-written on one line (`jq -c`), indented (`jq .`) or with
    /// CRLF line ends still reads.
    @Test func reportsAreReadLineByLineAndValidated() throws {
        let checked = Checked(checking: Self.run)
        let data = try checked.jsonData()
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        #expect(try Checked(parsing: data).records == checked.records)
        func problem(_ bytes: Data) -> String {
            do { _ = try Report.parse(bytes, role: "baseline", path: "b.json"); return "accepted" } catch { return "\(error)" }
        }
        #expect(problem(data.prefix(data.count / 2)).contains("truncated"))
        var swapped = lines
        swapped.swapAt(1, 5)  // trial 0's W1 with trial 1's W1 (4 tensors a trial)
        #expect(problem(Data(swapped.joined(separator: "\n").utf8)).contains("is inconsistent"), "\(problem(Data(swapped.joined(separator: "\n").utf8)))")
        lines[1].removeLast()  // the comma after the first record
        #expect(problem(Data(lines.joined(separator: "\n").utf8)).contains("b.json:3: follows a record that does not end with a comma"))
        let object = try JSONSerialization.jsonObject(with: data)
        for layout in [[], [JSONSerialization.WritingOptions.prettyPrinted]] {
            let rewritten = try JSONSerialization.data(withJSONObject: object, options: .init(layout))
            #expect(try Report.parse(rewritten, role: "baseline", path: "b.json") == checked.report)
        }
        let crlf = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(try Report.parse(crlf, role: "baseline", path: "b.json") == checked.report)
    }

    /// A report's values are held to its run and to each other when it is read: edits that
    /// would hide a regression or a failure, or crash a merge, are refused with 65's error.
    @Test(arguments: [
        ("another trial's seed", 1, "is not the trial its run draws"),
        ("an infinite median in a PASS record", 2, "medianRelativeError is inf"),
        ("a negative median", 3, "medianErrorToAllowed is -1"),
        ("a worst element outside its tensor", 4, "is not an element it counts"),
        ("a FAIL record under passing summaries", 5, "failing trials are not those its records fail"),
        ("a failing trial the records do not fail", 6, "failedTrials are not its"),
        ("a histogram of another shape", 7, "histogram of another shape"),
        ("element counts that do not add up", 8, "element counts"),
    ])
    func tamperedReportsAreRefused(_ what: String, _ edit: Int, _ expected: String) throws {
        let data = try Checked(checking: Self.run).jsonData()
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        func editRecord(_ k: Int, _ change: (inout [String: Any]) -> Void) throws {
            var text = lines[k]
            let comma = text.hasSuffix(",")
            if comma { text.removeLast() }
            var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            change(&object)
            lines[k] = String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
                + (comma ? "," : "")
        }
        func editSummary(_ change: (inout [String: Any]) -> Void) throws {
            let k = try #require(lines.firstIndex { $0.hasPrefix("],") })
            var object = try #require(try JSONSerialization.jsonObject(with: Data(("{" + lines[k].dropFirst(2)).utf8)) as? [String: Any])
            var summaries = try #require(object["summaries"] as? [[String: Any]])
            change(&summaries[0])
            object["summaries"] = summaries
            let text = String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
            lines[k] = "]," + text.dropFirst()
        }
        switch edit {
        case 1: try editRecord(1) { $0["trialSeed"] = 12345 }
        case 2: try editRecord(1) { $0["medianRelativeError"] = "inf" }
        case 3: try editRecord(1) { $0["medianErrorToAllowed"] = -1 }
        case 4: try editRecord(1) { var w = $0["worst"] as! [String: Any]; w["index"] = [100, 100]; $0["worst"] = w }
        case 5: try editRecord(1) { $0["verdict"] = "FAIL" }
        case 6: try editSummary { $0["failedTrials"] = [3] }
        case 7: try editSummary { var h = $0["relativeErrors"] as! [String: Any]; h["counts"] = [1, 2]; $0["relativeErrors"] = h }
        default: try editRecord(1) { $0["elementCounts"] = ["PASS": 999] }
        }
        let error = try #require(throws: InputFileError.self, "\(what)") {
            try Report.parse(Data(lines.joined(separator: "\n").utf8), role: "baseline", path: "b.json")
        }
        #expect(error.problem.contains("is inconsistent") && error.problem.contains(expected), "\(what): \(error)")
    }

    /// JSON has no NaN literal: non-finite values are written as strings and read back.
    @Test func nonFiniteValuesRoundTrip() throws {
        var report = Checked(checking: Self.run)
        report.records[0].worst.numerical = .nan
        report.records[0].worst.analytic = -.infinity
        let decoded = try Checked(parsing: report.jsonData())
        #expect(decoded.records[0].worst.numerical.isNaN)
        #expect(decoded.records[0].worst.analytic == -.infinity)
        #expect(String(decoding: try report.jsonData(), as: UTF8.self).contains("\"nan\""))
    }

    /// Records and their worst elements are encoded field by field (`TensorRecord.encode(into:)`):
    /// with every optional set, each stored property must be written and read back.
    @Test func recordWithEveryFieldSetIsWrittenWhole() throws {
        let run = RunDescription(options: TrialOptions(layers: 2, maxWidth: 4, maxBatch: 3, saturationShare: 1,
                                                       trainSteps: 1, seed: 5),
                                 trials: 1, dtypes: [.double])
        var report = Checked(checking: run)
        var record = try #require(report.records.last)
        record.notes = ["a note"]
        record.worst.leftDerivative = 1
        record.worst.rightDerivative = 2
        record.worst.referenceNumerical = 3
        record.worst.roundingBound = 1e-7
        record.worst.rechecked = false
        record.worst.reason = "a reason"
        #expect(record.saturation != nil && record.trainStep != nil)
        report.records = [record]
        let data = try report.jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let written = try #require((object["records"] as? [[String: Any]])?.first)
        let worst = try #require(written["worst"] as? [String: Any])
        for child in Mirror(reflecting: record).children { #expect(written[child.label!] != nil, "\(child.label!)") }
        for child in Mirror(reflecting: record.worst).children {
            // Stored compactly, or under the step vocabulary's names; written under the JSON's keys.
            let key = ["multiIndex": "index", "returnedStep": "step", "stepEnlarged": "stepAdjusted"][child.label!] ?? child.label!
            #expect(worst[key] != nil, "worst.\(key)")
        }
        #expect(try Report.records(in: data) == [record])
    }

    @Test func markdownListsFailuresWithTheirReplayCommand() throws {
        var run = Self.run
        run.plantedGradientScale = 1.06
        let text = MarkdownSummary(report: Checked(checking: run).report, wallSeconds: ["float": 1.5], spelling: spelling).text
        #expect(text.contains("| float | 6 |"))
        #expect(text.contains("## Failing tensors (48)"))
        #expect(text.contains("`gradcheck --layers 2 --trial 0 --seed 21 --dtype float"))
        #expect(text.contains("--plant-gradient-scale 1.06`"))
        #expect(text.contains("1.50 s"))
    }

    /// A dead ReLU network (every pre-activation negative, no weight decay) tests nothing: its
    /// trial is INCONCLUSIVE, not PASS, and the summary and Markdown say so.
    @Test func allZeroGradientTrialsAreInconclusive() {
        let run = RunDescription(options: TrialOptions(layers: 2, activation: .relu, loss: .mse, saturationShare: 0, seed: 1),
                                 trials: 1, dtypes: [.double])
        var spec = TrialGenerator.trial(0, options: run.options)
        spec.weightDecay = 0
        spec.parameters = spec.parameters.map { _ in -1 }
        spec.x = spec.x.map { _ in 1 }
        let result = spec.run(.double, settings: run.settings(.double))
        #expect(result.check.tensors.allSatisfy { $0.elements.allSatisfy { $0.analytic == 0 && $0.numerical == 0 } })
        #expect(result.verdict == .inconclusive)
        var summary = DTypeSummary(dtype: .double)
        summary.add(result)
        #expect(summary.verdict == .inconclusive && ![summary].passesGate)
        let report = Report(run: run, command: spelling.command(for: run), tolerances: [.double: run.settings(.double).tolerance],
                            summaries: [summary])
        let text = MarkdownSummary(report: report, wallSeconds: [:], spelling: spelling).text
        #expect(text.contains("| INCONCLUSIVE |"))
    }

    /// The gate, the verdict the last line prints, and JUnit's failure count say the same of
    /// every run: passing, failing, resolving nothing (rtol 0.6 resolves no element, issue 20
    /// D6), and with descents that diverge before their check after training (D11, D12).
    @Test(arguments: [(nil, nil, 0.0), (1.06, nil, 0.0), (nil, 0.6, 0.0), (nil, nil, 1e300), (1.5, 0.6, 1e300)] as [(Double?, Double?, Double)])
    func gateVerdictAndJUnitAgree(_ planted: Double?, _ rtol: Double?, _ learningRate: Double) throws {
        let options = TrialOptions(layers: 2, maxWidth: 6, activation: .relu, loss: .mse, trainSteps: learningRate > 0 ? 5 : 0,
                                   learningRate: learningRate > 0 ? learningRate : TrialOptions.defaultLearningRate, seed: 3)
        // α = 1e300 overflows θ in the first step, in either dtype.
        let run = RunDescription(options: options, trials: 12, dtypes: [.float, .double], rtol: rtol, plantedGradientScale: planted)
        let checked = Checked(checking: run)
        let summaries = checked.report.summaries
        let passes = GateOutcome(summaries, regression: nil) == .pass
        #expect(passes == summaries.passesGate && passes == (summaries.gateVerdict == .pass))
        let failures = try #require(checked.junit.firstMatch(of: /<testsuites [^>]*failures="(\d+)"/)).1
        #expect(passes == (failures == "0"), "\(failures) JUnit failures for a run whose gate \(passes ? "passes" : "fails")")
        if rtol == 0.6 { #expect(!passes && summaries.allSatisfy { $0.trialCount(.kink) == 0 && $0.trialCount(.pass) == 0 }) }
        if learningRate > 0 {
            #expect(summaries.allSatisfy { $0.divergedDescents > 0 && $0.firstDivergedTrial != nil } && !passes)
            #expect(checked.junit.contains("name=\"checks after --train-steps\""))
        }
        if planted == nil && rtol == nil && learningRate == 0 { #expect(passes) }
    }

    /// A report that hides a diverged descent (the summary's count edited to 0) is refused:
    /// its records show a trial checked at θ only.
    @Test func hiddenDivergedDescentIsRefused() throws {
        let options = TrialOptions(layers: 2, maxWidth: 6, trainSteps: 5, learningRate: 1e300, seed: 3)
        let data = try Checked(checking: RunDescription(options: options, trials: 6, dtypes: [.double])).jsonData()
        _ = try Checked(parsing: data)
        var text = String(decoding: data, as: UTF8.self)
        let count = try #require(text.firstMatch(of: /"divergedDescents":(\d+)/))
        #expect(count.1 != "0")
        text.replaceSubrange(count.range, with: "\"divergedDescents\":0")
        text = text.replacing(/"firstDivergedTrial":\d+,?/, with: "")
        let error = try #require(throws: InputFileError.self) {
            try Report.parse(Data(text.utf8), role: "baseline", path: "b.json")
        }
        #expect(error.problem.contains("diverged descents"), "\(error)")
    }

    @Test func replayCommandSelectsOneTrialAndDtype() {
        let command = spelling.replayCommand(Self.run, trial: 4, dtype: .double)
        #expect(command == "gradcheck --layers 2 --trial 4 --seed 21 --dtype double --max-width 6 --max-batch 4 "
                + "--activation random --loss random")
    }

    /// A failed write leaves the previous set as it was and no temporary file: here the second
    /// set's last file cannot be created (a name longer than NAME_MAX), after the others were.
    @Test func failedWriteKeepsThePreviousSet() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let long = String(repeating: "x", count: 300)
        let set = FileSet(directory: directory, names: ["a.json", "b.md", long], folders: ["cases"], key: "test")
        try set.replace(with: [("a.json", .bytes(Data("old a".utf8))), ("b.md", .bytes(Data("old b".utf8))),
                               ("cases/c.json", .bytes(Data("old c".utf8)))])
        let before = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(throws: OutputFileError.self) {
            try set.replace(with: [("a.json", .bytes(Data("new a".utf8))), ("b.md", .bytes(Data("new b".utf8))),
                                   (long, .bytes(Data("new".utf8)))])
        }
        #expect(try String(contentsOf: set.url("a.json"), encoding: .utf8) == "old a")
        #expect(try String(contentsOf: set.url("b.md"), encoding: .utf8) == "old b")
        #expect(try String(contentsOf: set.url("cases").appendingPathComponent("c.json"), encoding: .utf8) == "old c")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == before)
        // A set without cases: the old cases are gone with it, and so is the old folder.
        try set.replace(with: [("a.json", .bytes(Data("newer a".utf8)))])
        #expect(try String(contentsOf: set.url("a.json"), encoding: .utf8) == "newer a")
        #expect(!FileManager.default.fileExists(atPath: set.url("b.md").path)
                && !FileManager.default.fileExists(atPath: set.url("cases").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".test.set") } == ["a.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 3)
    }

    /// A report folder written before sets (plain files, a plain cases/ folder) is taken over:
    /// the new set replaces every file, and the old cases are gone with the old set.
    @Test func plainReportsAreTakenOver() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let set = FileSet(directory: directory, names: ["a.json", "b.md"], folders: ["cases"], key: "test")
        try FileManager.default.createDirectory(at: set.url("cases"), withIntermediateDirectories: true)
        for (name, text) in [("a.json", "plain a"), ("b.md", "plain b"), ("cases/old.json", "plain c")] {
            try Data(text.utf8).write(to: set.url(name))
        }
        try set.replace(with: [("a.json", .bytes(Data("new a".utf8))), ("cases/new.json", .bytes(Data("new c".utf8)))])
        #expect(try String(contentsOf: set.url("a.json"), encoding: .utf8) == "new a")
        #expect(!FileManager.default.fileExists(atPath: set.url("b.md").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: set.url("cases").path) == ["new.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 4, "a.json, cases, the link, the folder")
    }

    /// A command or path with backticks or `|` stays one code span (issue 20, D14: a backtick in
    /// a --shapes path broke the Markdown).
    @Test func codeSpansHoldAnyText() {
        #expect(MarkdownTable.code("gradcheck --seed 1") == "`gradcheck --seed 1`")
        #expect(MarkdownTable.code("--shapes 'a`b.csv'") == "``--shapes 'a`b.csv'``")
        #expect(MarkdownTable.code("x``y") == "```x``y```")
        #expect(MarkdownTable.code("`a`") == "`` `a` ``")
        #expect(MarkdownTable.code("a|b", inTable: true) == "`a\\|b`")
    }

    /// A `.<key>.set` that is not gradcheck's link is refused, and nothing it names is removed
    /// (a link to `..` made a run delete its whole workspace); a plain `.<key>.set` folder (a copy
    /// made with `cp -rL`) is taken over.
    @Test func foreignSetLinksAreRefusedAndCopiesTakenOver() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let reports = directory.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: directory.appendingPathComponent("keep.txt"))
        let set = FileSet(directory: reports, names: ["a.json"], key: "test")
        for target in ["..", ".", "../keep.txt", "/tmp"] {
            unlink(set.url(".test.set").path)
            try FileManager.default.createSymbolicLink(atPath: set.url(".test.set").path, withDestinationPath: target)
            #expect(throws: OutputFileError.self, "\(target)") { try set.replace(with: [Data("a".utf8)]) }
            #expect(try String(contentsOf: directory.appendingPathComponent("keep.txt"), encoding: .utf8) == "mine")
        }
        unlink(set.url(".test.set").path)
        try FileManager.default.createDirectory(at: set.url(".test.set"), withIntermediateDirectories: false)
        try Data("copied".utf8).write(to: set.url(".test.set/a.json"))
        try Data("copied".utf8).write(to: set.url("a.json"))
        try set.replace(with: [Data("new".utf8)])
        #expect(try String(contentsOf: set.url("a.json"), encoding: .utf8) == "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: set.url(".test.set").path).hasPrefix(".test.set-"))
    }

    @Test func reportDirectoryUnderAFileIsAnError() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let writer = ReportWriter(directory: file.appendingPathComponent("reports"))
        let error = try #require(throws: OutputFileError.self) { try writer.probe() }
        #expect(error.reason.contains("Not a directory"))
    }

    /// A case's value listing names the weight decay when the loss has one.
    @Test func valueListingNamesTheWeightDecay() {
        let decayed = TrialGenerator.trial(0, options: TrialOptions(weightDecayShare: 1))
        #expect(decayed.valueListing.hasSuffix("; λ = \(Float(decayed.weightDecay))"), "\(decayed.valueListing)")
        let plain = TrialGenerator.trial(0, options: TrialOptions(weightDecayShare: 0))
        #expect(!plain.valueListing.contains("λ"))
    }
}

/// Records are written field by field (`JSONBytes.record`), not by JSONEncoder: the streamed
/// file must hold what JSONEncoder writes for the same report, and read back to it.
@Suite struct ReportStreamEncodingTests {
    @Test("the streamed JSON holds what JSONEncoder writes", arguments: [1, 12])
    func streamedEqualsEncoder(trials: Int) throws {
        let run = RunDescription(options: TrialOptions(layers: 2, saturationShare: 0.5, trainSteps: 1, seed: 3),
                                 trials: trials, dtypes: [.float, .double])
        let checked = Checked(checking: run)
        let data = try checked.jsonData()
        let again = try Checked(parsing: data)
        #expect(again.report == checked.report && again.records == checked.records)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let written = try #require(object["records"] as? [Any])
        let expected = try #require(try JSONSerialization.jsonObject(with: JSONCoding.encoder.encode(checked.records)) as? [Any])
        #expect((written as NSArray).isEqual(to: expected))
        // One record per line between line 1 and the summaries.
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == checked.records.count + 2)
    }

    /// Strings with quotes, backslashes, control characters and non-ASCII text survive.
    @Test func stringsAreEscaped() throws {
        var checked = Checked(checking: RunDescription(options: TrialOptions(layers: 1, seed: 2), trials: 1, dtypes: [.double]))
        checked.records[0].notes = ["a \"quote\", a \\ and a\ttab\n\u{1} – λ/2"]
        let again = try Checked(parsing: checked.jsonData())
        #expect(again.records == checked.records)
    }
}

/// A ratio that three digits would print as 1 shows its distance from 1.
@Suite struct MarkdownRatioTests {
    @Test func ratiosNearOneShowTheirDistance() {
        #expect(MarkdownSummary.ratio(1.0001) == "1 + 1.0e-04")
        #expect(MarkdownSummary.ratio(0.9999977) == "1 − 2.3e-06")
        #expect(MarkdownSummary.ratio(1) == "1")
        #expect(MarkdownSummary.ratio(1.5) == "1.5")
        #expect(MarkdownSummary.ratio(.infinity) == "inf")
        // 0/0 has its sign bit set on x86: still "nan".
        let zero = 0.0
        #expect(MarkdownSummary.ratio(zero / zero) == "nan" && MarkdownSummary.sci(-Double.nan) == "nan")
    }
}

/// gradcheck.md stays readable however many tensors fail: the 20 worst, one replay per failing
/// trial for the first 20, counts by tensor kind, and the rest left to the JSON.
@Suite struct MarkdownBoundTests {
    @Test func manyFailuresStayUnder100KB() throws {
        var run = ReportTests.run
        run.plantedGradientScale = 1.06
        var report = Checked(checking: run)
        let failing = report.records.filter { !$0.verdict.isAcceptable }
        #expect(failing.count == 48)
        report.records = (0..<250).flatMap { copy in
            failing.map { r in
                var r = r
                r.trial += 6 * copy
                return r
            }
        }
        let text = MarkdownSummary(report: report.report, wallSeconds: [:], spelling: spelling).text
        #expect(text.utf8.count < 100_000, "\(text.utf8.count) bytes")
        #expect(text.contains("## Failing tensors (12000)"))
        #expect(text.contains("The 20 worst by `|a − n|`/allowed at the tensor's worst element; all 12000 are in gradcheck.json."))
        #expect(text.contains("### Failing trials (3000)"), "12 dtype-trial pairs in each of 250 copies")
        #expect(text.contains("the first 20 in trial order, 2980 more in gradcheck.json."))
        let lines = text.components(separatedBy: "\n")
        #expect(lines.filter { $0.hasPrefix("- ") && $0.contains(" trial ") && $0.contains("`gradcheck ") }.count == 20)
        let rows = lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| dtype") && $0.contains(" | FAIL | ") }
        #expect(rows.count == 20)
        #expect(text.contains("| float | W | 0 | 0 | 0 | "), "the kind table counts W elements")
        // The first row is the worst record (the earliest of equals).
        let worst = report.records.indices.max { (report.records[$0].worst.errorToAllowed, $1) < (report.records[$1].worst.errorToAllowed, $0) }!
        #expect(rows.first?.hasPrefix("| \(report.records[worst].trial) | \(report.records[worst].dtype.rawValue) |") == true,
                "\(rows.first ?? "")")
    }
}
