import Foundation
import FuzzInvariants
import GradCheckReports
import Harness
import Testing

/// Every input the fuzzers ever failed on (`Fuzz/FailCases/<target>/`) and every seed of their
/// corpus (`Fuzz/Corpus/<target>/`), replayed through the same invariants as ordinary tests.
@Suite struct FuzzReplayTests {
    static let fuzz = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ target: String) -> [URL] {
        ["FailCases", "Corpus"].flatMap { folder -> [URL] in
            let directory = fuzz.appendingPathComponent(folder).appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { directory.appendingPathComponent($0) }
        }
    }

    @Test(arguments: inputs("FuzzCheck"))
    func FuzzCheck(_ input: URL) throws {
        let violations = CheckInvariants.violations(Array(try Data(contentsOf: input)))
        #expect(violations.isEmpty, "\(input.lastPathComponent): \(violations)")
    }

    @Test(arguments: inputs("FuzzReports"))
    func FuzzReports(_ input: URL) throws {
        let violations = ReportInvariants.violations(Array(try Data(contentsOf: input)))
        #expect(violations.isEmpty, "\(input.lastPathComponent): \(violations)")
    }

    /// The corpus holds the option sets that once trapped (`identity-16-saturated`,
    /// `relu-64-saturated`, `softplus-40-saturated`, `relu-64`).
    @Test(arguments: inputs("FuzzPrecision"))
    func FuzzPrecision(_ input: URL) throws {
        let violations = PrecisionInvariants.violations(Array(try Data(contentsOf: input)))
        #expect(violations.isEmpty, "\(input.lastPathComponent): \(violations)")
    }

    /// The corpus's valid reports are of the current schema (regenerate them when it changes:
    /// a seed every reader refuses explores nothing past the version check).
    @Test(arguments: ["valid-1-trial.json", "shard.json", "fast-train-step.json"])
    func corpusReportsAreCurrent(_ name: String) throws {
        let data = try Data(contentsOf: Self.fuzz.appendingPathComponent("Corpus/FuzzReports/\(name)"))
        _ = try Report.parse(data, role: "report", path: name)
    }

    @Test func thereAreSeedsToReplay() {
        #expect(Self.inputs("FuzzCheck").count >= 3 && Self.inputs("FuzzReports").count >= 3)
        #expect(Self.inputs("FuzzPrecision").count >= 4)
    }
}
