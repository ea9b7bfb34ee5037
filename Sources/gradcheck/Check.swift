import ArgumentParser
import Foundation
import GradCheckReports
import GradientCheck
import NeuralNetwork

/// The default subcommand: random trials in each dtype, a summary, reports and an exit code.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run random gradient-check trials (the default subcommand).")

    /// Bounds that keep a run's memory and time finite; beyond them the option is a usage error.
    static let maxLayers = 64
    static let maxWidth = 1024
    static let maxBatch = 4096
    /// The report keeps one record per trial, dtype and tensor until it is written: about 21 KB
    /// per trial and dtype for 2-layer networks (measured: 427 MB for 10 000 trials × 2 dtypes),
    /// so this bound stays near 10 GB.
    static let maxTrials = 250_000
    /// Parameters per trial (`layers · maxWidth · (maxWidth + 1)`); every element's comparison is
    /// kept until the trial is summarised, ~200 bytes each.
    static let maxParameters = 2_000_000

    @Option(parsing: .unconditional, help: "Number of dense layers L (1...\(maxLayers)).")
    var layers = 2
    @Option(parsing: .unconditional, help: "Number of random trials per dtype (1...\(maxTrials)).")
    var trials = 100
    @Option(parsing: .unconditional, help: "Check only this trial index (what a replay command uses).")
    var trial: Int?
    @Option(parsing: .unconditional, help: "Run seed; trial i is drawn from (seed, i) alone.")
    var seed: UInt64 = 1
    @Option(help: "Scalar type(s) to check.")
    var dtype: DTypeChoice = .all
    @Option(parsing: .unconditional, help: "Widths d0…dL are drawn from 1...max-width (≤ \(maxWidth)).")
    var maxWidth = 16
    @Option(parsing: .unconditional, help: "Batch size m is drawn from 2...max-batch (9 in 10 trials) or is 1 (≤ \(maxBatch)).")
    var maxBatch = 8
    @Option(help: "Hidden activation (and output under mse), or random per layer.")
    var activation = RandomOr<Activation>(argument: "random")!
    @Option(help: "Loss, or random per trial.")
    var loss = RandomOr<Loss>(argument: "random")!
    @Option(parsing: .unconditional, help: "Absolute tolerance (default 256·ε of the dtype).")
    var atol: Double?
    @Option(parsing: .unconditional, help: "Relative tolerance (default √ε of the dtype).")
    var rtol: Double?
    @Option(help: ArgumentHelp("Directory for gradcheck.json and gradcheck.md.",
                               discussion: "Default: reports, or reports/replay with --trial, so that replaying one trial keeps the full run's reports."))
    var reportDir: String?
    @Flag(help: "Print only failures and the reports' paths.")
    var quiet = false
    @Option(parsing: .unconditional, help: .hidden)
    var plantGradientScale: Double = 1

    func validate() throws {
        func require(_ ok: Bool, _ message: String) throws { if !ok { throw ValidationError(message) } }
        try require((1...Self.maxLayers).contains(layers), "--layers must be in 1...\(Self.maxLayers), got \(layers).")
        try require((1...Self.maxTrials).contains(trials), "--trials must be in 1...\(Self.maxTrials), got \(trials).")
        try require(trial.map { $0 >= 0 && $0 < Int.max } ?? true, "--trial must be in 0..<\(Int.max), got \(trial ?? 0).")
        try require(reportDir.map { !$0.isEmpty } ?? true, "--report-dir must not be empty.")
        try require((1...Self.maxWidth).contains(maxWidth), "--max-width must be in 1...\(Self.maxWidth), got \(maxWidth).")
        try require((1...Self.maxBatch).contains(maxBatch), "--max-batch must be in 1...\(Self.maxBatch), got \(maxBatch).")
        let parameters = layers * maxWidth * (maxWidth + 1)
        try require(parameters <= Self.maxParameters,
                    "--layers \(layers) with --max-width \(maxWidth) allows \(parameters) parameters per trial; the limit is \(Self.maxParameters).")
        for (name, value) in [("--atol", atol), ("--rtol", rtol)] {
            if let value { try require(value.isFinite && value >= 0, "\(name) must be a finite number ≥ 0, got \(value).") }
        }
        try require(plantGradientScale.isFinite, "--plant-gradient-scale must be finite.")
        if let loss = loss.value, loss == .softmaxCrossEntropy, maxWidth < 2 {
            throw ValidationError("--loss softmax-ce needs --max-width ≥ 2 (one output is a constant loss).")
        }
    }

    func run() throws {
        let run = RunDescription(
            options: TrialOptions(layers: layers, maxWidth: maxWidth, maxBatch: maxBatch,
                                  activation: activation.value, loss: loss.value, seed: seed),
            trials: trials, trial: trial, dtypes: dtype.dtypes, atol: atol, rtol: rtol,
            plantedGradientScale: plantGradientScale == 1 ? nil : plantGradientScale)
        let writer = ReportWriter(directory: URL(fileURLWithPath: reportDir ?? (trial == nil ? "reports" : "reports/replay")))
        do { try writer.probe() } catch { throw Self.ioFailure(error) }

        let output = TerminalOutput(run: run, quiet: quiet)
        output.header()
        var summaries: [DTypeSummary] = []
        var records: [TensorRecord] = []
        var wallSeconds: [String: Double] = [:]
        for dtype in run.dtypes {
            let clock = ContinuousClock()
            let start = clock.now
            let (summary, dtypeRecords) = run.check(dtype) { _, trialRecords in output.failures(in: trialRecords) }
            records += dtypeRecords
            let elapsed = clock.now - start
            wallSeconds[dtype.rawValue] = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            output.summary(summary, wallSeconds: wallSeconds[dtype.rawValue]!)
            summaries.append(summary)
        }
        let report = Report(run: run, summaries: summaries, records: records)
        do { try writer.write(report, wallSeconds: wallSeconds) } catch { throw Self.ioFailure(error) }
        let verdict = summaries.map(\.verdict).max() ?? .pass
        output.footer(verdict: verdict, writer: writer)
        if !verdict.isAcceptable { throw ExitCode(1) }
    }

    /// EX_IOERR (74, sysexits.h) with the path and the reason; argument-parser would exit 1.
    static func ioFailure(_ error: ReportError) -> ExitCode {
        FileHandle.standardError.write(Data("gradcheck: error: \(error)\n".utf8))
        return ExitCode(74)
    }
}
