import ArgumentParser
import Foundation
import GradCheckReports

/// `gradcheck merge`: shard reports into the report of the whole run.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the gradcheck.json of shards 1/n … n/n into the report of the unsharded run.",
        discussion: """
        The merged JSON is byte-identical to the one an unsharded run writes. With --baseline the merged \
        run is compared like a check run, and regression.json/.md go beside the output. Exit codes: 0 \
        merged and passing, 1 a FAIL, NONDETERMINISTIC, NON-FINITE or HARNESS-ERROR, or nothing resolved, 3 a regression, 64 usage error, 65 a report or the \
        baseline is unusable or the reports are not the complete shards of one run, 74 the output \
        cannot be written.
        """)

    @Argument(help: "Shard reports (gradcheck.json of each --shard i/n run).")
    var reports: [String]
    @Option(name: .shortAndLong, help: "Where to write the merged report.")
    var output: String
    @Option(help: "Also write JUnit XML of the merged run to this path.")
    var junit: String?
    @Option(help: "Compare the merged run with this baseline (made without --shard, same options).")
    var baseline: String?
    @Option(parsing: .unconditional, help: "A bucket regresses when its p99 error grows by more than this factor.")
    var regressionFactor = 10.0
    @Flag(help: "Compare with a baseline of other options.")
    var force = false

    func validate() throws {
        if reports.isEmpty { throw ValidationError("give the shard reports to merge.") }
        if output.isEmpty { throw ValidationError("--output must not be empty.") }
        if !(regressionFactor.isFinite && regressionFactor > 1) {
            throw ValidationError("--regression-factor must be a finite number > 1, got \(regressionFactor).")
        }
    }

    func run() throws {
        var shards: [Report] = []
        var previous: Report?
        do {
            for path in reports { shards.append(try Report.load(URL(fileURLWithPath: path), role: "report")) }
            previous = try baseline.map { try Report.load(URL(fileURLWithPath: $0), role: "baseline") }
        } catch {
            Check.fail("\(error)")
            throw ExitCode(65)
        }
        let merged: Report
        do { merged = try Report.merge(shards, names: reports) } catch {
            Check.fail("cannot merge: \(error)")
            throw ExitCode(65)
        }
        if let previous, !Baseline.isComparable(previous.run, with: merged.run) && !force {
            Check.fail("the baseline \(baseline!) was made by `\(previous.command)`, the merged run is "
                       + "`\(merged.command)`: compare like with like, or pass --force.")
            throw ExitCode(64)
        }
        let regression = previous.map { RegressionComparison(baseline: $0, now: merged, factor: regressionFactor) }
        let outputURL = URL(fileURLWithPath: output)
        do {
            try merged.write(to: outputURL)
            if let junit { try JUnitReport.write(merged, to: URL(fileURLWithPath: junit)) }
            if let regression { try regression.write(to: outputURL.deletingLastPathComponent()) }
        } catch { throw Check.ioFailure(error) }
        let passed = merged.summaries.passesGate
        for s in merged.summaries {
            print("\(s.dtype.rawValue): \(s.trials) trials; FAIL \(s.trialCount(.fail)), NON-FINITE \(s.trialCount(.nonFinite))")
        }
        print("merged \(shards.count) shards into \(output): \(passed ? "PASS" : merged.summaries.runVerdict.rawValue)")
        if let regression {
            print(regression.regressed ? "REGRESSION in: " + regression.regressions.map(\.bucket.description).joined(separator: "; ")
                                       : "baseline: no regression")
        }
        if !passed { throw ExitCode(1) }
        if regression?.regressed == true { throw ExitCode(3) }
    }
}
