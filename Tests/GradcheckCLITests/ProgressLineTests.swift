import Foundation
import Testing

/// The progress line: drawn in place on a terminal's stderr while trials run, erased before the
/// summary, and never written to a pipe or file.
@Suite("gradcheck progress line")
struct ProgressLineTests {
    static let erase = "\r\u{1B}[K"

    #if os(Linux)
    /// util-linux `script` runs the command on a pseudo-terminal and copies what it printed,
    /// carriage returns and escapes included, to `typescript`.
    static let script = "/usr/bin/script"

    /// Runs `gradcheck arguments…` (then `| pipe`, if given) on a pseudo-terminal; what it drew.
    static func onTerminal(_ arguments: [String], pipe: String? = nil, in directory: URL) throws -> String {
        func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
        let command = ([CLI.executableURL.path] + arguments).map(quoted).joined(separator: " ") + (pipe.map { " | \($0)" } ?? "")
        let typescript = directory.appendingPathComponent("typescript")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["--quiet", "--return", "--command", command, typescript.path]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return try String(contentsOf: typescript, encoding: .utf8)
    }

    /// The progress lines drawn, and whether every one is followed by a carriage return (the
    /// next draw, or the erase before other output), so that nothing is printed onto it.
    static func draws(in shown: String) -> (count: Int, allErased: Bool) {
        let draws = shown.matches(of: /\r(float|double): \d+\/\d+ trials\x1B\[K(.)?/.dotMatchesNewlines())
        return (draws.count, draws.allSatisfy { $0.output.2 == "\r" })
    }

    @Test("on a terminal: drawn from the first trial, erased before the summary",
          .enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func terminal() throws {
        try withTemporaryDirectory { tmp in
            let shown = try Self.onTerminal(["--trials", "5", "--dtype", "double", "--report-dir", "out"], in: tmp)
            #expect(shown.contains("\rdouble: 1/5 trials\u{1B}[K"), "\(shown.debugDescription)")
            #expect(shown.contains(Self.erase + "double: 5 trials, "), "\(shown.debugDescription)")
            #expect(Self.draws(in: shown).allErased, "\(shown.debugDescription)")
            // Only the one dtype run draws.
            #expect(!shown.contains("float: "), "\(shown.debugDescription)")

            let quiet = try Self.onTerminal(["--trials", "5", "--dtype", "double", "--quiet", "--report-dir", "quiet"],
                                            in: tmp)
            #expect(!quiet.contains("trials\u{1B}[K") && !quiet.contains(Self.erase), "\(quiet.debugDescription)")

            // stdout into a pipe whose reader writes to the same terminal: not drawn at all.
            let piped = try Self.onTerminal(["--trials", "5", "--dtype", "double", "--report-dir", "piped"], pipe: "cat",
                                            in: tmp)
            #expect(piped.contains("double: 5 trials, "), "\(piped.debugDescription)")
            #expect(!piped.contains("trials\u{1B}[K") && !piped.contains(Self.erase), "\(piped.debugDescription)")
        }
    }

    @Test("a failing run: erased before every failure and minimal case, and redrawn at most every interval",
          .enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func failingRun() throws {
        try withTemporaryDirectory { tmp in
            let trials = 200
            // Small networks keep the debug build's run short; every trial fails.
            let shown = try Self.onTerminal(["--trials", "\(trials)", "--dtype", "double", "--max-width", "4", "--max-batch", "2",
                                             "--plant-gradient-scale", "1.5", "--shrink", "1", "--report-dir", "out"], in: tmp)
            #expect(shown.contains("FAIL double trial "), "\(shown.debugDescription)")
            #expect(shown.contains("  minimal case: "), "\(shown.debugDescription)")
            let (count, allErased) = Self.draws(in: shown)
            #expect(allErased, "\(shown.debugDescription)")
            // Every trial fails, and prints nothing after the first 20 failures: the line must
            // still be redrawn per interval, not per trial (it was, once, per trial).
            #expect(count >= 1 && count < trials / 2, "\(count) draws in \(shown.debugDescription)")
        }
    }
    #endif

    @Test("into a file or pipe: no progress line")
    func notTerminal() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["--trials", "5", "--dtype", "double", "--report-dir", "out"], in: tmp)
            #expect(result.status == 0, "\(result)")
            #expect(!result.output.contains("\r") && !result.output.contains("\u{1B}"), "\(result)")
        }
    }
}
