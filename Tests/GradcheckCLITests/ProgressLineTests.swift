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

    static func onTerminal(_ arguments: [String], in directory: URL) throws -> String {
        func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
        let command = ([CLI.executableURL.path] + arguments).map(quoted).joined(separator: " ")
        let typescript = directory.appendingPathComponent("typescript")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["--quiet", "--return", "--command", command, typescript.path]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try String(contentsOf: typescript, encoding: .utf8)
    }

    @Test("on a terminal: drawn from the first trial, erased before the summary",
          .enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func terminal() throws {
        try withTemporaryDirectory { tmp in
            let shown = try Self.onTerminal(["--trials", "5", "--dtype", "double", "--report-dir", "out"], in: tmp)
            #expect(shown.contains("\rdouble: 1/5 trials\u{1B}[K"), "\(shown.debugDescription)")
            #expect(shown.contains(Self.erase + "double: 5 trials, "), "\(shown.debugDescription)")
            // Only the one dtype run draws.
            #expect(!shown.contains("float: "), "\(shown.debugDescription)")

            let quiet = try Self.onTerminal(["--trials", "5", "--dtype", "double", "--quiet", "--report-dir", "quiet"],
                                            in: tmp)
            #expect(!quiet.contains("trials\u{1B}[K") && !quiet.contains(Self.erase), "\(quiet.debugDescription)")
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
