import ArgumentParser
import DurableFiles
import Foundation
import GradCheckReports
import Harness

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
        let outputURL = URL(fileURLWithPath: output)
        let regressionFolder = outputURL.deletingLastPathComponent()
        try PathCollisions.check(
            inputs: reports.map { .init(option: "report \($0)", path: $0) } + (baseline.map { [.init(option: "--baseline", path: $0)] } ?? []),
            outputs: [.init(option: "-o", path: output)] + (junit.map { [.init(option: "--junit", path: $0)] } ?? [])
                + (baseline == nil ? [] : ["regression.json", "regression.md"].map {
                    .init(option: "--baseline's \($0)", path: regressionFolder.appendingPathComponent($0).path, ownSet: ".regression.set")
                }))
        // regression.json and .md beside a check's report set would read as that run's (its next
        // run without a baseline would leave them there).
        if baseline != nil, FileManager.default.fileExists(atPath: regressionFolder.appendingPathComponent(".gradcheck.set").path) {
            throw ExitCodes.usageFailure("-o \(output) is in \(regressionFolder.path), which holds a check's report set; with "
                                         + "--baseline, merge writes regression.json and .md beside -o: choose another folder.")
        }
        // Every output is probed before anything is read or written (issue 20, D10).
        do {
            for path in [output] + (junit.map { [$0] } ?? []) { try StagedFile.probe(URL(fileURLWithPath: path)) }
        } catch { throw ExitCodes.ioFailure(error) }
        let finish = Finish()
        var shards: [Report] = []
        var readable: [URL] = []
        do {
            for path in reports {
                readable.append(try finish.copies.readable(URL(fileURLWithPath: path), role: "report"))
                shards.append(try Report.load(readable.last!, role: "report"))
            }
        } catch { throw ExitCodes.inputFailure(error) }
        var merged: Report
        do { merged = try Report.merge(shards, names: reports, spelling: finish.spelling) } catch {
            ExitCodes.fail("cannot merge: \(error)")
            throw ExitCodes.badInputData
        }
        let previous = try finish.baseline(at: baseline, for: merged.run, force: force, runName: "the merged run")
        let json = try write(&merged, from: readable, to: outputURL)
        let regression = try finish.comparison(merged, at: json.stagedPath, with: previous,
                                               factor: regressionFactor, discarding: json)
        // JUnit is read from the staged report, so that a failure leaves -o as it was, and -o may
        // be a FIFO or device that cannot be read back.
        do { try finish.writeJUnit(merged, from: URL(fileURLWithPath: json.stagedPath), to: junit) } catch {
            json.discard()
            throw error
        }
        do {
            try json.commit()
            if let regression { try regression.write(to: outputURL.deletingLastPathComponent()) }
        } catch { throw ExitCodes.ioFailure(error) }
        let outcome = GateOutcome(merged.summaries, regression: regression)
        for s in merged.summaries {
            print("\(s.dtype.rawValue): \(s.trials) trials; FAIL \(s.trialCount(.fail)), NON-FINITE \(s.trialCount(.nonFinite))")
            for obstacle in s.gateObstacles { print("  \(obstacle.message) (exit 1)") }
        }
        print("merged \(shards.count) shards into \(output): \(merged.summaries.gateVerdict.rawValue)")
        if let regression {
            let regressed = regression.regressions
            let shown = regressed.prefix(TerminalOutput.shownRegressions).map(\.bucket.description).joined(separator: "; ")
            print(regressed.isEmpty ? "baseline: no regression"
                  : "REGRESSION in \(regressed.count) bucket(s): " + shown
                    + (regressed.count > TerminalOutput.shownRegressions ? "; regression.md lists all" : ""))
        }
        try finish.exit(outcome)
    }

    /// Streams the records of the shards at `shards` (readable copies of the inputs), merged,
    /// into `url`'s staged file, and fills in `merged`'s digest.
    func write(_ merged: inout Report, from shards: [URL], to url: URL) throws -> StagedFile {
        let stream: ReportStream
        do { stream = try ReportStream(report: merged, to: url) } catch { throw ExitCodes.ioFailure(error) }
        do {
            var shards = try shards.map { try Report.records(at: $0, role: "report") }
            merged.digest = try Report.mergeRecords(&shards, into: stream)
        } catch { throw ExitCodes.inputFailure(error) }
        do { return try stream.finish(merged) } catch { throw ExitCodes.ioFailure(error) }
    }
}
