import ArgumentParser
import Foundation
import DurableFiles
import GradCheckReports
import GradientCheck
import Harness
import NeuralNetwork

/// The default subcommand: random trials in each dtype, a summary, reports and an exit code.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run random gradient-check trials (the default subcommand).",
        discussion: """
        Exit codes: 0 pass, 1 a FAIL, NONDETERMINISTIC, NON-FINITE or HARNESS-ERROR, or a dtype in which \
        nothing could be resolved (INCONCLUSIVE), 3 a regression against --baseline (1 wins), \
        64 usage error, 65 unusable baseline, case file or --shapes file, 74 reports cannot be written. The first failing trials \
        are shrunk to minimal cases (--shrink) that 'gradcheck replay' reruns. --mode fast compares a few \
        directional derivatives per trial, and every element only when they do not pass.
        """)

    @OptionGroup var trialArguments: TrialArguments
    @OptionGroup var checkerArguments: CheckerArguments
    @OptionGroup var jobsArgument: JobsArgument
    @Option(parsing: .unconditional, help: ArgumentHelp("Run only shard i of n (i/n, 1-based): the trials with index ≡ i − 1 mod n.",
                               discussion: "Merge the shards' gradcheck.json with 'gradcheck merge'."))
    var shard: ShardArgument?
    @Option(help: "Compare with this baseline report (a gradcheck.json of the same options); writes regression.md/.json.")
    var baseline: String?
    @Flag(help: "Write this run as the new --baseline (the old one is kept as <baseline>.prev).")
    var updateBaseline = false
    @Option(parsing: .unconditional, help: "A bucket regresses when its p99 error grows by more than this factor.")
    var regressionFactor = 10.0
    @Flag(help: "Compare with a baseline of other options, or update the baseline from a failing run.")
    var force = false
    @Option(help: "Also write JUnit XML (one testsuite per dtype, one testcase per trial) to this path.")
    var junit: String?
    @Flag(help: "Print only failures and the reports' paths.")
    var quiet = false
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Shrink the first N failing trials per dtype to minimal failing cases (0: none).",
                               discussion: "Each goes to <report-dir>/cases/<dtype>-trial-<i>.json; 'gradcheck replay FILE' reruns it verbosely."))
    var shrink = 3

    func validate() throws {
        if shrink < 0 { throw ValidationError("--shrink must be ≥ 0, got \(shrink).") }
        if !(regressionFactor.isFinite && regressionFactor > 1) {
            throw ValidationError("--regression-factor must be a finite number > 1, got \(regressionFactor).")
        }
        if updateBaseline && baseline == nil { throw ValidationError("--update-baseline needs --baseline PATH.") }
        if shard != nil && trialArguments.trial != nil { throw ValidationError("--shard and --trial exclude each other.") }
        for (name, path) in [("--baseline", baseline), ("--junit", junit)] where path?.isEmpty == true {
            throw ValidationError("\(name) must not be empty.")
        }
    }

    /// The run these options describe (what its spelling repeats).
    func runDescription() throws -> RunDescription {
        var run = try trialArguments.runDescription()
        checkerArguments.apply(to: &run)
        run.shard = shard?.shard
        return run
    }

    func run() throws {
        let run = try runDescription()
        try CheckerArguments.checkPlantedTensor(run)
        if let shard = run.shard, shard.count > run.trials {
            throw ExitCodes.usageFailure("--shard \(shard) has more shards than the \(run.trials) trials.")
        }
        let writer = ReportWriter(directory: trialArguments.reportDirectory)
        try checkPathsDiffer(writer)
        try probeOutputs(writer)
        let finish = Finish()
        let previous = try finish.baseline(at: baseline, for: run, replacing: updateBaseline, force: force)
        let output = TerminalOutput(run: run, quiet: quiet)
        output.header()
        let command = finish.spelling.command(for: run)
        let stream: ReportStream
        do { stream = try writer.jsonStream(Report(run: run, command: command, tolerances: run.tolerances)) } catch {
            throw ExitCodes.ioFailure(error)
        }
        let checked = CheckRun(run: run, jobs: jobsArgument.jobs, shrinkBudget: shrink, reportDirectory: writer.directory,
                               timesPasses: !quiet).perform(output, sink: stream)
        let report = checked.report(command: command)
        let json: StagedFile
        do { json = try stream.finish(report) } catch { throw ExitCodes.ioFailure(error) }
        let regression = try finish.comparison(report, at: json.stagedPath, with: previous,
                                               factor: regressionFactor, discarding: json)
        do {
            try writer.write(report, json: json, wallSeconds: checked.wallSeconds, passesPerTrial: checked.passesPerTrial,
                             regression: regression,
                             minimalCases: checked.minimalCases, spelling: finish.spelling)
        } catch { throw ExitCodes.ioFailure(error) }
        try finish.writeJUnit(report, from: writer.jsonURL, to: junit)
        let outcome = GateOutcome(report.summaries, regression: regression)
        if let regression { output.regressions(regression) }
        try updateBaseline(with: report, copying: writer, regression: regression)
        output.footer(report.summaries, writer: writer, regression: regression != nil, junit: junit)
        try finish.exit(outcome)
    }

    /// `--update-baseline`: the report becomes the baseline when the run passed (or `--force`).
    func updateBaseline(with report: Report, copying writer: ReportWriter, regression: RegressionComparison?) throws {
        guard updateBaseline, let baseline else { return }
        let (passed, regressed) = (report.summaries.passesGate, regression?.regressed == true)
        guard (passed && !regressed) || force else {
            print("baseline: kept \(baseline) unchanged: this run has \(passed ? "a regression" : "failures") (--force records it anyway)")
            return
        }
        do { try Baseline.save(copying: writer.jsonURL, to: URL(fileURLWithPath: baseline)) } catch { throw ExitCodes.ioFailure(error) }
        print("baseline: wrote \(baseline)" + (regressed || !passed ? " (forced over \(regressed ? "a regression" : "failures"))" : ""))
    }

    /// Fails at once, before any trial, when an output could not be written.
    func probeOutputs(_ writer: ReportWriter) throws {
        do {
            try writer.probe()
            let written = [junit, updateBaseline ? baseline : nil, updateBaseline ? baseline.map { $0 + ".prev" } : nil]
            for path in written.compactMap({ $0 }) { try StagedFile.probe(URL(fileURLWithPath: path)) }
        } catch { throw ExitCodes.ioFailure(error) }
    }

    /// Refuses (64) a run whose outputs would overwrite each other or the baseline it compares
    /// with: e.g. `--baseline reports/gradcheck.json`, which the run itself replaces. With
    /// `--update-baseline` the baseline is an output (with its `.prev`), not an input.
    func checkPathsDiffer(_ writer: ReportWriter) throws {
        let reports = [writer.jsonURL, writer.markdownURL, writer.htmlURL, writer.regressionJSONURL, writer.regressionMarkdownURL]
            .map { PathCollisions.Named(option: "--report-dir", path: $0.path) }
        var outputs = reports + (junit.map { [PathCollisions.Named(option: "--junit", path: $0)] } ?? [])
        var inputs = trialArguments.shapes.map { [PathCollisions.Named(option: "--shapes", path: $0)] } ?? []
        if let baseline {
            if updateBaseline {
                outputs += [.init(option: "--baseline", path: baseline), .init(option: "--baseline (.prev)", path: baseline + ".prev")]
            } else {
                inputs.append(.init(option: "--baseline", path: baseline))
            }
        }
        try PathCollisions.check(inputs: inputs, outputs: outputs + [.init(option: "--report-dir", path: writer.casesURL.path)],
                                 folders: writer.replacedFolders.map { PathCollisions.Named(option: "--report-dir", path: $0.path) },
                                 reportDirectories: [.init(option: "--report-dir", path: writer.directory.path)])
    }
}

/// `--shard i/n`.
struct ShardArgument: ExpressibleByArgument {
    var shard: Shard
    init?(argument: String) {
        guard let shard = Shard(argument) else { return nil }
        self.shard = shard
    }
    var defaultValueDescription: String { shard.description }
}
