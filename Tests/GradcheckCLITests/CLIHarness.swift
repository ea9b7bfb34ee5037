import Foundation
import Testing

/// What one run of the `gradcheck` executable produced.
struct CLIResult: CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool

    var output: String { stdout + stderr }

    var description: String {
        "gradcheck \(arguments.joined(separator: " ")) → exit \(status)\(timedOut ? " (timed out)" : "")\n"
            + "--- stdout ---\n\(stdout)--- stderr ---\n\(stderr)"
    }
}

enum CLI {
    /// Finds the `gradcheck` executable built next to the test products.
    ///
    /// SwiftPM puts the test bundle (`*.xctest`) and the executables in the same build
    /// directory (`.build/<triple>/debug` on Linux), so walk up from the test bundle and the
    /// running test binary first; fall back to `<package>/.build/debug/gradcheck`.
    static let executableURL: URL = {
        let fm = FileManager.default
        var starts: [URL] = [Bundle.main.bundleURL, Bundle.main.executableURL].compactMap { $0 }
        if let argv0 = CommandLine.arguments.first {
            starts.append(URL(fileURLWithPath: argv0).resolvingSymlinksInPath())
        }
        for start in starts {
            var dir = start.hasDirectoryPath ? start : start.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("gradcheck")
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fm.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        // <package>/Tests/GradcheckCLITests/CLIHarness.swift → <package>/.build/debug/gradcheck
        let package = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return package.appendingPathComponent(".build/debug/gradcheck")
    }()

    /// Runs `gradcheck arguments…` in `directory` (so a stray default `reports/` cannot land in
    /// the package) and returns its exit status, stdout and stderr.
    static func run(_ arguments: [String], in directory: URL, timeout: TimeInterval = 300,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let fm = FileManager.default
        let capture = try makeTemporaryDirectory(prefix: "gradcheck-cli-io")
        defer { try? fm.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("stdout")
        let errURL = capture.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        let result = CLIResult(
            arguments: arguments,
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            timedOut: timedOut)
        #expect(!timedOut, "gradcheck did not finish within \(timeout) s: \(result)", sourceLocation: sourceLocation)
        return result
    }
}

/// A fresh, empty directory under the system temporary directory.
func makeTemporaryDirectory(prefix: String = "gradcheck-cli") throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.resolvingSymlinksInPath()
}

/// Runs `body` with a fresh temporary directory and removes it afterwards.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Text that only a crash, a trap or an uncaught error would print.
let crashMarkers = ["Fatal error", "Stack dump", "backtrace", "Program crashed", "Illegal instruction",
                    "Segmentation fault"]

func containsCrashText(_ text: String) -> Bool {
    crashMarkers.contains { text.range(of: $0, options: .caseInsensitive) != nil }
}

/// The entries of `directory`, hidden ones included, sorted.
/// The entries of `directory` a user sees, sorted: a report set's own link `.<key>.set` and the
/// folder it names (`FileSet`) are left out, anything else (a killed run's folder) is listed.
func directoryEntries(_ directory: URL) throws -> [String] {
    let entries = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    let links = entries.filter { $0.hasPrefix(".") && $0.hasSuffix(".set") }
    let current = links.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: directory.appendingPathComponent($0).path) }
    return entries.filter { !links.contains($0) && !current.contains($0) }.sorted()
}

/// Parses a report file as a JSON object.
func jsonObject(at url: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: url)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any],
                        "\(url.path) is not a JSON object")
}

/// A canonical text for a parsed JSON value (keys sorted), so parsed values can be compared
/// for equality and a mismatch shows as a readable diff.
func canonicalJSON(_ value: Any) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted])
    return String(decoding: data, as: UTF8.self)
}

/// A damaged input file for the exit-65 tests: what to do to a good file's bytes (`nil`
/// removes the file) and what the error message must say.
struct BadFile: CustomTestStringConvertible, Sendable {
    var name: String
    var expected: String
    var edit: @Sendable (Data) -> Data?
    var testDescription: String { name }

    /// The file's text with `old` replaced by `new`.
    static func replacing(_ old: String, with new: String) -> @Sendable (Data) -> Data? {
        { Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: old, with: new).utf8) }
    }
}
