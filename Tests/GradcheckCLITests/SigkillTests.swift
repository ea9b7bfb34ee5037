import Foundation
import Testing

/// A step of writing the outputs at which a run is killed (`GRADCHECK_PAUSE_AT`, DurableFiles'
/// `KillPoint`), and what the run has replaced by then. A run that compares with a baseline
/// writes its report set (gradcheck.json, .md, .html, regression.json, .md, and cases/ when a
/// trial fails) into a new folder and switches to it in one step (`swapped`), then replaces the
/// baseline, keeping the old one as `.prev`.
struct KillRound: CustomTestStringConvertible, Sendable {
    var pauseAt: String
    /// Whether the run plants a bug (its set has cases/; the one before has not, or the reverse).
    var planted = false
    var setReplaced = false
    var prevReplaced = false
    var baselineReplaced = false
    var testDescription: String { pauseAt + (planted ? " (planted)" : "") }

    static let setNames = ["gradcheck.json", "gradcheck.md", "gradcheck.html", "regression.json", "regression.md"]

    /// Every point, with and without cases. `writing` is reached by every file staged: the
    /// baseline's probe and its `.prev`'s, gradcheck.json (staged before the trials, written as
    /// they finish), the other 4 reports and the cases (2 when planted), then the baseline.
    /// prev-linked comes last so that the final normal run has leftovers of a killed run to remove.
    static let distinct = [
        KillRound(pauseAt: "writing:3"),
        KillRound(pauseAt: "writing:5", planted: true),
        KillRound(pauseAt: "writing:9", planted: true),
        KillRound(pauseAt: "staged"),
        KillRound(pauseAt: "staged", planted: true),
        KillRound(pauseAt: "swapped", setReplaced: true),
        KillRound(pauseAt: "swapped", planted: true, setReplaced: true),
        KillRound(pauseAt: "writing:8", setReplaced: true),
        KillRound(pauseAt: "committed", setReplaced: true, prevReplaced: true, baselineReplaced: true),
        KillRound(pauseAt: "prev-kept", planted: true, setReplaced: true, prevReplaced: true),
        KillRound(pauseAt: "prev-linked", setReplaced: true),
    ]

    /// `GRADCHECK_KILL_ROUNDS=n` (CI: 100) repeats the distinct points to n kills; `swift test`
    /// kills once at each.
    static var all: [KillRound] {
        let n = ProcessInfo.processInfo.environment["GRADCHECK_KILL_ROUNDS"].flatMap(Int.init) ?? distinct.count
        // Ending with prev-linked, whatever n.
        return (0..<n).map { distinct[($0 + distinct.count - n % distinct.count) % distinct.count] }
    }
}

extension GateTests {
    /// SIGKILL at each step of writing the reports and the baseline: the report folder shows
    /// the whole old set or the whole new one (every file names one run, the set has that run's
    /// files and no others: no stale cases), every file is complete, and the baseline path
    /// always holds one. The run stops itself at the step (SIGSTOP) and is killed there, so no
    /// kill depends on timing. A complete run afterwards leaves no temporary file.
    @Test("a SIGKILL at any step of writing leaves one whole report set and a whole baseline")
    func sigkillLeavesOneWholeSet() throws {
        try withTemporaryDirectory { tmp in
            let baseline = tmp.appendingPathComponent("baseline.json")
            let reports = tmp.appendingPathComponent("reports")
            let arguments = ["--trials", "8", "--baseline", baseline.path, "--update-baseline", "--force",
                             "--report-dir", reports.path, "--quiet", "--shrink", "1"]
            // Twice: the second run has a baseline to compare with, so its set has regression files.
            for _ in 0..<2 {
                let first = try CLI.run(arguments + ["--seed", "1"], in: tmp)
                #expect(first.status == 0, "\(first)")
            }
            var current = (seed: 1, planted: false)
            let baselines = [baseline, URL(fileURLWithPath: baseline.path + ".prev")]
            for (k, round) in KillRound.all.enumerated() {
                let seed = k + 2
                let before = (set: try reportSet(reports), baselines: baselines.map { try? Data(contentsOf: $0) })
                let killed = try CLI.killed(arguments + ["--seed", "\(seed)"] + (round.planted ? ["--plant-gradient-scale", "1.5"] : []),
                                            at: round.pauseAt, in: tmp)
                #expect(killed.stopped, "\(round.pauseAt) was never reached: \(killed.stderr)")
                let after = try reportSet(reports)
                if round.setReplaced { current = (seed, round.planted) }
                #expect(round.setReplaced ? after != before.set : after == before.set, "\(round.testDescription): the set")
                let expected = KillRound.setNames + (current.planted ? ["cases/double-trial-0.json", "cases/float-trial-0.json"] : [])
                #expect(after.keys.sorted() == expected.sorted(), "\(round.testDescription): the set's files")
                for (name, data) in after {
                    #expect(names(data, seed: current.seed), "\(round.testDescription): \(name) is not run \(current.seed)'s")
                    #expect(isComplete(data, name), "\(round.testDescription): \(name) is cut")
                }
                let files = baselines.map { try? Data(contentsOf: $0) }
                #expect(files[0].map { isComplete($0, "baseline.json") } == true, "\(round.testDescription): the baseline")
                #expect(round.baselineReplaced ? files[0] != before.baselines[0] : files[0] == before.baselines[0],
                        "\(round.testDescription): baseline")
                #expect(files[1] == (round.prevReplaced ? before.baselines[0] : before.baselines[1]), "\(round.testDescription): .prev")
            }
            let leftovers = { try [tmp, reports].flatMap { try directoryEntries($0).filter { $0.hasPrefix(".") } } }
            #expect(try !leftovers().isEmpty, "the kill at prev-linked left nothing for the final run to remove")
            // A complete run afterwards removes what the killed runs left behind.
            // (--force compares across the rounds' seeds, so a regression, exit 3, is possible.)
            let cleanup = try CLI.run(arguments + ["--seed", "1"], in: tmp)
            #expect([0, 3].contains(cleanup.status), "\(cleanup)")
            let remaining = try leftovers()
            #expect(remaining.isEmpty, "left behind: \(remaining)")
        }
    }

    /// The files a reader sees in the report folder (through the set's links), by name.
    func reportSet(_ reports: URL) throws -> [String: Data] {
        var set: [String: Data] = [:]
        for name in KillRound.setNames { set[name] = try? Data(contentsOf: reports.appendingPathComponent(name)) }
        let cases = reports.appendingPathComponent("cases")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: cases.path)) ?? [] {
            set["cases/" + name] = try Data(contentsOf: cases.appendingPathComponent(name))
        }
        return set
    }

    /// Whether a file of the set was written by the run of this seed: its command (or, in a
    /// case file, its run's options) names it.
    func names(_ data: Data, seed: Int) -> Bool {
        let text = String(decoding: data, as: UTF8.self)
        return text.contains("--seed \(seed) ") || text.contains("\"seed\" : \(seed),")
    }

    /// A whole file of its kind: the end of the Markdown, a JSON document of the report schema
    /// (regression.json has no schemaVersion: its rows; a case file has its own).
    func isComplete(_ data: Data, _ name: String) -> Bool {
        let text = String(decoding: data, as: UTF8.self)
        switch name {
        case "gradcheck.md": return text.contains("## Largest relative errors") && text.hasSuffix("\n")
        case "gradcheck.html": return text.hasPrefix("<!DOCTYPE html>") && text.hasSuffix("</html>\n")
        case "regression.md": return text.hasPrefix("# gradcheck regression report") && text.hasSuffix("|\n")
        default:
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            if name.hasPrefix("cases/") { return object?["signature"] != nil }
            return name == "regression.json" ? object?["rows"] is [Any] : object?["schemaVersion"] as? Int == 4
        }
    }
}

extension CLI {
    /// Runs gradcheck with `GRADCHECK_PAUSE_AT=point`, waits until it stops itself there and
    /// SIGKILLs it. `stopped` is false when it exited (or hung) instead; the deadline only ends a
    /// hang, it is no bound on how fast the point is reached.
    static func killed(_ arguments: [String], at point: String, in directory: URL,
                       deadline: TimeInterval = 300) throws -> (stopped: Bool, stderr: String) {
        let capture = try makeTemporaryDirectory(prefix: "gradcheck-cli-kill")
        defer { try? FileManager.default.removeItem(at: capture) }
        let errURL = capture.appendingPathComponent("stderr")
        try Data().write(to: errURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(["GRADCHECK_PAUSE_AT": point]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errHandle
        try process.run()
        let end = Date().addingTimeInterval(deadline)
        var stopped = false
        while process.isRunning && !stopped && Date() < end {
            stopped = processState(process.processIdentifier) == "T"
            if !stopped { usleep(5_000) }
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try errHandle.close()
        let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        return (stopped && killed, String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// The state letter of `/proc/<pid>/stat` ("T": stopped by a signal), nil once the process is gone.
    static func processState(_ pid: Int32) -> Character? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        // "pid (comm) state …", where comm may itself contain ") ".
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].first { $0 != " " }
    }
}
