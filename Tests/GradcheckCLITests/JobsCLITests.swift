import Foundation
import Testing

/// `--jobs N`: the same reports, cases and output whatever N, apart from wall times.
@Suite("gradcheck --jobs")
struct JobsCLITests {
    /// Drops the lines that carry a wall time or a rate (`3.66 s`, `… trials/s`): the only ones
    /// allowed to differ between runs.
    static func withoutTimings(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.range(of: #"\d s\b|/s\b"#, options: .regularExpression) == nil }
            .joined(separator: "\n")
    }

    @Test("--jobs 1, 2 and 3 give the same gradcheck.json, gradcheck.md, cases and output",
          arguments: [[String](), ["--plant-gradient-scale", "1.06"]])
    func sameResultsWhateverTheJobs(extra: [String]) throws {
        try withTemporaryDirectory { tmp in
            var outputs: [(json: Data, markdown: String, stdout: String, cases: [String: Data])] = []
            for jobs in [1, 2, 3] {
                // Each run in its own directory with the same relative --report-dir, so the
                // printed paths agree.
                let dir = tmp.appendingPathComponent("jobs\(jobs)")
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                let result = try CLI.run(["--trials", "12", "--max-width", "8", "--jobs", "\(jobs)", "--report-dir", "out"] + extra,
                                         in: dir)
                #expect(result.status == (extra.isEmpty ? 0 : 1), "\(result)")
                let out = dir.appendingPathComponent("out")
                let casesDir = out.appendingPathComponent("cases")
                let caseNames = (try? directoryEntries(casesDir)) ?? []
                let cases = try Dictionary(uniqueKeysWithValues: caseNames.map {
                    ($0, try Data(contentsOf: casesDir.appendingPathComponent($0)))
                })
                outputs.append((try Data(contentsOf: out.appendingPathComponent("gradcheck.json")),
                                Self.withoutTimings(try String(contentsOf: out.appendingPathComponent("gradcheck.md"), encoding: .utf8)),
                                Self.withoutTimings(result.stdout), cases))
            }
            #expect(extra.isEmpty ? outputs[0].cases.isEmpty : outputs[0].cases.count == 6)
            if !extra.isEmpty { #expect(outputs[0].stdout.contains("minimal case:")) }
            for k in 1..<outputs.count {
                #expect(outputs[k].json == outputs[0].json, "--jobs \(k + 1): gradcheck.json differs")
                #expect(outputs[k].markdown == outputs[0].markdown, "--jobs \(k + 1): gradcheck.md differs")
                #expect(outputs[k].stdout == outputs[0].stdout, "--jobs \(k + 1): output differs")
                #expect(outputs[k].cases == outputs[0].cases, "--jobs \(k + 1): case files differ")
            }
        }
    }

    @Test("--jobs outside 1...256 is a usage error (64)", arguments: ["0", "-1", "257"])
    func badJobsIsAUsageError(jobs: String) throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["--trials", "1", "--jobs", jobs, "--report-dir", tmp.path], in: tmp)
            #expect(result.status == 64 && result.stderr.contains("--jobs"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("gradcheck.json").path))
        }
    }

    @Test("precision --jobs 1 and 3 write the same precision.json")
    func precisionSameWhateverTheJobs() throws {
        try withTemporaryDirectory { tmp in
            var reports: [Data] = []
            for jobs in ["1", "3"] {
                let dir = tmp.appendingPathComponent("jobs\(jobs)")
                let result = try CLI.run(["precision", "--trials", "4", "--max-width", "6", "--jobs", jobs, "--report-dir", dir.path], in: tmp)
                #expect(result.status == 0, "\(result)")
                reports.append(try Data(contentsOf: dir.appendingPathComponent("precision.json")))
            }
            #expect(reports[0] == reports[1])
        }
    }
}
