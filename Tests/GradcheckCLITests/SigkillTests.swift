import Foundation
import Testing

/// A step of writing the outputs at which a run is killed (`GRADCHECK_PAUSE_AT`, DurableFiles'
/// `KillPoint`), and what the run has replaced by then. A run that compares with a baseline
/// renames gradcheck.json, gradcheck.md, gradcheck.html, regression.json, regression.md in
/// this order, then replaces the baseline, keeping the old one as `.prev`.
struct KillRound: CustomTestStringConvertible, Sendable {
    var pauseAt: String
    var reportsReplaced: Int
    var prevReplaced = false
    var baselineReplaced = false
    var testDescription: String { pauseAt }

    static let reportNames = ["gradcheck.json", "gradcheck.md", "gradcheck.html", "regression.json", "regression.md"]

    /// Every point. prev-linked comes last so that the final normal run has leftovers of a killed
    /// run to remove (`.baseline.json.tmp-<pid>` and `.baseline.json.prev-<pid>`); the others'
    /// are removed by the round after them. prev-kept just before it leaves `.prev` a hard link
    /// of the baseline itself, a case `commitKeepingPrevious` must clean up after (rename(2) of
    /// one inode onto itself removes nothing).
    ///
    /// `writing` is reached by every file staged: 3 probes before the trials (the report
    /// directory's, the baseline's and its `.prev`'s), then gradcheck.json (staged before the
    /// trials, written as they finish), the other 4 reports, then the baseline.
    static let all = [
        KillRound(pauseAt: "writing:4", reportsReplaced: 0),
        KillRound(pauseAt: "writing:6", reportsReplaced: 0),
        KillRound(pauseAt: "writing:9", reportsReplaced: 5),
        KillRound(pauseAt: "staged", reportsReplaced: 0),
        KillRound(pauseAt: "renamed:1", reportsReplaced: 1),
        KillRound(pauseAt: "renamed:2", reportsReplaced: 2),
        KillRound(pauseAt: "renamed:3", reportsReplaced: 3),
        KillRound(pauseAt: "renamed:4", reportsReplaced: 4),
        KillRound(pauseAt: "committed", reportsReplaced: 5, prevReplaced: true, baselineReplaced: true),
        KillRound(pauseAt: "prev-kept", reportsReplaced: 5, prevReplaced: true),
        KillRound(pauseAt: "prev-linked", reportsReplaced: 5),
    ]
}

extension GateTests {
    /// SIGKILL at each step of writing the reports and the baseline: every file in place is
    /// complete, the old version or the new one, and the baseline path always holds one. The run
    /// stops itself at the step (SIGSTOP) and is killed there, so no kill depends on timing.
    @Test("a SIGKILL at any step of writing never leaves a truncated report or baseline")
    func sigkillLeavesCompleteFiles() throws {
        try withTemporaryDirectory { tmp in
            let baseline = tmp.appendingPathComponent("baseline.json")
            let reports = tmp.appendingPathComponent("reports")
            let arguments = ["--trials", "8", "--baseline", baseline.path, "--update-baseline", "--force",
                             "--report-dir", reports.path, "--quiet"]
            let first = try CLI.run(arguments + ["--seed", "1"], in: tmp)
            #expect(first.status == 0, "\(first)")
            // The 5 reports, then the baseline (5) and its .prev (6).
            let files = KillRound.reportNames.map { reports.appendingPathComponent($0) }
                + [baseline, URL(fileURLWithPath: baseline.path + ".prev")]
            for (k, round) in KillRound.all.enumerated() {
                // Another seed than the round before, so that every file replaced changes.
                let before = files.map { try? Data(contentsOf: $0) }
                let killed = try CLI.killed(arguments + ["--seed", "\(k + 2)"], at: round.pauseAt, in: tmp)
                #expect(killed.stopped, "\(round.pauseAt) was never reached: \(killed.stderr)")
                let after = files.map { try? Data(contentsOf: $0) }
                for (file, data) in zip(files, after) {
                    if let data { #expect(isComplete(data, file), "\(round.pauseAt): \(file.lastPathComponent) is cut") }
                }
                #expect(after[5] != nil, "\(round.pauseAt): the baseline is missing")
                for n in 0..<5 {
                    let replaced = n < round.reportsReplaced
                    #expect(replaced ? after[n] != nil && after[n] != before[n] : after[n] == before[n],
                            "\(round.pauseAt): \(files[n].lastPathComponent) should be \(replaced ? "new" : "old")")
                }
                #expect(round.baselineReplaced ? after[5] != before[5] : after[5] == before[5], "\(round.pauseAt): baseline")
                #expect(after[6] == (round.prevReplaced ? before[5] : before[6]), "\(round.pauseAt): baseline.json.prev")
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

    /// A whole file of its kind: the end of the Markdown, a JSON document of the report schema
    /// (regression.json has no schemaVersion: its rows).
    func isComplete(_ data: Data, _ file: URL) -> Bool {
        let text = String(decoding: data, as: UTF8.self)
        switch file.lastPathComponent {
        case "gradcheck.md": return text.contains("## Largest relative errors") && text.hasSuffix("\n")
        case "gradcheck.html": return text.hasPrefix("<!DOCTYPE html>") && text.hasSuffix("</html>\n")
        case "regression.md": return text.hasPrefix("# gradcheck regression report") && text.hasSuffix("|\n")
        default:
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            return file.lastPathComponent == "regression.json" ? object?["rows"] is [Any] : object?["schemaVersion"] as? Int == 4
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
