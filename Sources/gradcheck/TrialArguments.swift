import ArgumentParser
import Foundation
import GradCheckReports
import Harness
import GradientCheck
import NeuralNetwork

/// The options that say which random trials to draw: shared by `check` and `precision`.
struct TrialArguments: ParsableArguments {
    /// Bounds that keep a run's memory and time finite; beyond them the option is a usage error.
    static let maxLayers = RunDescription.maxLayers
    static let maxWidth = RunDescription.maxWidth
    static let maxBatch = RunDescription.maxBatch
    /// The report keeps one record per trial, dtype and tensor until it is written: about 21 KB
    /// per trial and dtype for 2-layer networks (measured: 427 MB for 10 000 trials × 2 dtypes),
    /// so this bound stays near 10 GB.
    static let maxTrials = RunDescription.maxTrials
    /// Parameters per trial (`layers · maxWidth · (maxWidth + 1)`).
    static let maxParameters = RunDescription.maxParameters

    @Option(parsing: .unconditional, help: "Number of dense layers L (1...\(maxLayers); default 2, or the --shapes file's).")
    var layers: Int?
    @Option(parsing: .unconditional, help: "Number of random trials per dtype (1...\(maxTrials); default 100, or the --shapes file's rows).")
    var trials: Int?
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
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Share of trials in the saturation regime (0...1).",
                               discussion: "Their weights or inputs are multiplied by 8, 16 or 32, so that sigmoid and tanh units saturate and softmax logits are large."))
    var saturationShare = SaturationRegime.defaultShare
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Share of trials whose network has an L2 weight decay λ > 0 (0...1).",
                               discussion: "λ is one of 2^-4 … 2^-8; the loss gains (λ/2)·Σ‖W‖² and its gradient λ·W."))
    var weightDecayShare = TrialGenerator.defaultWeightDecayShare
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Check each trial again after this many gradient-descent steps (0...\(RunDescription.maxTrainSteps)).",
                               discussion: "The steps use the network's own backprop gradient, θ ← θ − α·∂L/∂θ, on the trial's batch: bugs that show only once the weights move. A trial whose descent diverges (θ or L non-finite) never gets that check, and the run exits 1 saying so: lower --learning-rate."))
    var trainSteps = 0
    @Option(parsing: .unconditional, help: "The learning rate α of --train-steps.")
    var learningRate = TrialOptions.defaultLearningRate
    @Option(help: ArgumentHelp("Check the network shapes listed in this CSV file: trial i takes d0…dL and m from row i.",
                               discussion: "A header row names the columns m, d0, d1, …, dL (any order; other columns, and lines starting with #, are ignored). The rest of trial i (loss, activations, θ, x, y) is drawn from (seed, i) as usual, but its values differ from those of a run without --shapes. --max-width and --max-batch do not apply; --layers and --trials default to the file's."))
    var shapes: String?
    @Option(help: ArgumentHelp("Directory for the reports.",
                               discussion: "Default: reports, or reports/replay with --trial, so that replaying one trial keeps the full run's reports."))
    var reportDir: String?

    func validate() throws {
        func require(_ ok: Bool, _ message: String) throws { if !ok { throw ValidationError(message) } }
        try require(layers.map { (1...Self.maxLayers).contains($0) } ?? true, "--layers must be in 1...\(Self.maxLayers), got \(layers ?? 0).")
        try require(trials.map { (1...Self.maxTrials).contains($0) } ?? true, "--trials must be in 1...\(Self.maxTrials), got \(trials ?? 0).")
        try require(shapes.map { !$0.isEmpty } ?? true, "--shapes must not be empty.")
        try require(trial.map { $0 >= 0 && $0 < Int.max } ?? true, "--trial must be in 0..<\(Int.max), got \(trial ?? 0).")
        try require(reportDir.map { !$0.isEmpty } ?? true, "--report-dir must not be empty.")
        try require((1...Self.maxWidth).contains(maxWidth), "--max-width must be in 1...\(Self.maxWidth), got \(maxWidth).")
        try require((1...Self.maxBatch).contains(maxBatch), "--max-batch must be in 1...\(Self.maxBatch), got \(maxBatch).")
        try require((0...1).contains(saturationShare), "--saturation-share must be in 0...1, got \(saturationShare).")
        try require((0...1).contains(weightDecayShare), "--weight-decay-share must be in 0...1, got \(weightDecayShare).")
        try require((0...RunDescription.maxTrainSteps).contains(trainSteps),
                    "--train-steps must be in 0...\(RunDescription.maxTrainSteps), got \(trainSteps).")
        try require(learningRate.isFinite && learningRate > 0, "--learning-rate must be a finite number > 0, got \(learningRate).")
        try require(trainSteps > 0 || learningRate == TrialOptions.defaultLearningRate,
                    "--learning-rate only applies with --train-steps K (K > 0).")
        // A shapes file bounds its own widths (`shapesRun`).
        guard shapes == nil else { return }
        let parameters = (layers ?? 2) * maxWidth * (maxWidth + 1)
        try require(parameters <= Self.maxParameters,
                    "--layers \(layers ?? 2) with --max-width \(maxWidth) allows \(parameters) parameters per trial; the limit is \(Self.maxParameters).")
        if let loss = loss.value, loss == .softmaxCrossEntropy, maxWidth < 2 {
            throw ValidationError("--loss softmax-ce needs --max-width ≥ 2 (one output is a constant loss).")
        }
    }

    /// The run these options describe (no tolerance overrides), with the `--shapes` file read.
    /// - Throws: `ExitCodes.badInputData` after printing why the shapes file is unusable, `ExitCodes.usage`
    ///   when the other options do not fit it.
    func runDescription() throws -> RunDescription {
        var run = RunDescription(options: TrialOptions(layers: layers ?? 2, maxWidth: maxWidth, maxBatch: maxBatch,
                                                       activation: activation.value, loss: loss.value,
                                                       saturationShare: saturationShare, weightDecayShare: weightDecayShare,
                                                       trainSteps: trainSteps,
                                                       learningRate: learningRate, seed: seed),
                                 trials: trials ?? 100, trial: trial, dtypes: dtype.dtypes)
        if let shapes { try read(shapes, into: &run) }
        return run
    }

    /// Gives `run` the shapes of the file at `path`, with its depth and row count for the
    /// defaults of `--layers` and `--trials`.
    private func read(_ path: String, into run: inout RunDescription) throws {
        let limits = ShapesFile.Limits(maxLayers: Self.maxLayers, maxWidth: Self.maxWidth, maxBatch: Self.maxBatch,
                                       maxParameters: Self.maxParameters, maxRows: Self.maxTrials)
        let file: ShapesFile
        do { file = try ShapesFile.read(path, limits: limits) } catch { throw ExitCodes.inputFailure(error) }
        let depth = file.shapes[0].widths.count - 1
        if let layers, layers != depth { throw ExitCodes.usageFailure("--layers \(layers), but \(path) has \(depth)-layer shapes (d0 … d\(depth)).") }
        if let trials, trials > file.shapes.count { throw ExitCodes.usageFailure("--trials \(trials), but \(path) has \(file.shapes.count) rows.") }
        if let trial, trial >= file.shapes.count { throw ExitCodes.usageFailure("--trial \(trial), but \(path) has rows 0 … \(file.shapes.count - 1).") }
        if loss.value == .softmaxCrossEntropy, let k = file.shapes.firstIndex(where: { $0.widths[depth] < 2 }) {
            throw ExitCodes.usageFailure("--loss softmax-ce needs d\(depth) ≥ 2 (one output is a constant loss); \(path):\(file.lines[k]) has d\(depth) = 1.")
        }
        run.options.layers = depth
        run.options.shapes = file.shapes
        // The file fixes what these bound: their defaults, so that the run (and a baseline's
        // comparability) does not depend on values that play no part.
        (run.options.maxWidth, run.options.maxBatch) = (TrialOptions().maxWidth, TrialOptions().maxBatch)
        run.trials = trials ?? file.shapes.count
        run.shapesPath = path
    }

    /// `--report-dir`, or its default.
    var reportDirectory: URL { URL(fileURLWithPath: reportDir ?? (trial == nil ? "reports" : "reports/replay")) }
}
