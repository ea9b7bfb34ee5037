import Foundation
import GradientCheck
import NeuralNetwork

/// Everything that determines a run's results. The command that repeats it is spelt from these
/// values (`CommandSpelling`), not copied from `argv`, so runs with the same options give the
/// same report bytes whatever the option order or `--report-dir`.
public struct RunDescription: Sendable, Equatable, Codable {
    public var options: TrialOptions
    /// Number of trials, indices `0..<trials`, unless `trial` selects a single one.
    public var trials: Int
    /// Only this trial index, when replaying one trial.
    public var trial: Int?
    public var dtypes: [DType]
    /// Overrides of the dtype defaults of `Tolerance`; `nil` keeps the default.
    public var atol: Double?
    public var rtol: Double?
    /// A planted gradient bug (`PlantedGradientScale`, `planted`), for testing gates; `nil` for none.
    public var plantedGradientScale: Double?
    /// Restricts the planted bug to the tensor of this name (`W2`); `nil` for all tensors.
    public var plantedTensor: String?
    /// The subcommand the run belongs to (`precision`); `nil` for the default check.
    public var subcommand: String?
    /// Only this share of the trials, for a CI matrix; `nil` for all.
    public var shard: Shard?
    /// Fast mode (`--mode fast`, `CheckMode.fast`); `nil` for the full per-element check, and in
    /// reports written before fast mode existed.
    public var mode: CheckMode?
    /// Which loss the numerical side differentiates (`--oracle`, `OracleChoice`); `nil` for the
    /// default, `.wider`.
    public var oracle: OracleChoice?
    /// The shapes file (`--shapes`) that `options.shapes` was read from, as the user named it.
    public var shapesPath: String?
    /// `--order 2`: the Hessian-vector product is checked instead of the gradient
    /// (`GradientChecker.order`); `nil` for the gradient, and in reports written before it existed.
    public var order: Int?

    public init(options: TrialOptions, trials: Int, trial: Int? = nil, dtypes: [DType],
                atol: Double? = nil, rtol: Double? = nil, plantedGradientScale: Double? = nil) {
        self.options = options
        self.trials = trials
        self.trial = trial
        self.dtypes = dtypes
        self.atol = atol
        self.rtol = rtol
        self.plantedGradientScale = plantedGradientScale
    }

    /// Bounds of a run: beyond them a report could not have been written by gradcheck (and
    /// `trialIndices` would not fit in memory).
    public static let maxTrials = 250_000
    public static let maxLayers = 64
    /// Descent steps per trial (`--train-steps`): each costs one backprop pass.
    public static let maxTrainSteps = 10_000
    /// Widths and batch size a trial may draw (`--max-width`, `--max-batch`), and the parameters
    /// of one network (`layers · maxWidth · (maxWidth + 1)` for drawn shapes): every element's
    /// comparison is kept until the trial is summarised, ~200 bytes each. A case file or a
    /// shapes row beyond them is refused like the options.
    public static let maxWidth = 1024
    public static let maxBatch = 4096
    public static let maxParameters = 2_000_000

    /// Why these values cannot describe a run (read from a file), or `nil`.
    public var invalidity: String? {
        guard (1...Self.maxTrials).contains(trials) else { return "run.trials \(trials) is outside 1...\(Self.maxTrials)" }
        guard (1...Self.maxLayers).contains(options.layers) else { return "run.options.layers \(options.layers) is outside 1...\(Self.maxLayers)" }
        guard !dtypes.isEmpty, dtypes == DType.allCases.filter(dtypes.contains) else {
            return "run.dtypes is empty, repeats a dtype, or is not in the order " + DType.allCases.map(\.rawValue).joined(separator: ", ")
        }
        if let trial, trial < 0 || trial == Int.max { return "run.trial \(trial) is not a trial index" }
        if let tensor = plantedTensor, !ParameterLayout.names(layers: options.layers).contains(tensor) {
            return "run.plantedTensor \(tensor) is not a tensor of a \(options.layers)-layer network"
        }
        guard (0...RunDescription.maxTrainSteps).contains(options.trainSteps) else { return "run.options.trainSteps \(options.trainSteps) is outside 0...\(Self.maxTrainSteps)" }
        guard options.learningRate.isFinite && options.learningRate > 0 else { return "run.options.learningRate \(options.learningRate) is not a finite number > 0" }
        guard (0...1).contains(options.saturationShare) else { return "run.options.saturationShare \(options.saturationShare) is outside [0, 1]" }
        guard (0...1).contains(options.weightDecayShare) else { return "run.options.weightDecayShare \(options.weightDecayShare) is outside [0, 1]" }
        guard (1...Self.maxWidth).contains(options.maxWidth) else { return "run.options.maxWidth \(options.maxWidth) is outside 1...\(Self.maxWidth)" }
        guard (1...Self.maxBatch).contains(options.maxBatch) else { return "run.options.maxBatch \(options.maxBatch) is outside 1...\(Self.maxBatch)" }
        for (name, value) in [("run.atol", atol), ("run.rtol", rtol)] {
            if let value, !(value.isFinite && value >= 0) { return "\(name) \(value) is not a finite number ≥ 0" }
        }
        if let scale = plantedGradientScale, !scale.isFinite || scale == 1 {
            return "run.plantedGradientScale \(scale) is not a finite scale other than 1"
        }
        if case .fast(let k) = mode, !(1...CheckMode.maxDirections).contains(k) {
            return "run.mode has \(k) directions, outside 1...\(CheckMode.maxDirections)"
        }
        if let order, order != 2 { return "run.order \(order) is not 2 (the gradient is order 1, spelt by its absence)" }
        if order == 2, mode != nil { return "run.order 2 with run.mode: the second-order check compares every element" }
        if let problem = shapesInvalidity { return problem }
        if let shard, !(shard.count >= 1 && shard.index >= 1 && shard.index <= shard.count && shard.count <= trials) {
            return "run.shard \(shard) is not a shard of \(trials) trials"
        }
        return nil
    }

    /// Why `options.shapes` cannot give this run's trials their shapes, or `nil`.
    var shapesInvalidity: String? {
        guard let shapes = options.shapes else { return shapesPath == nil ? nil : "run.shapesPath without run.options.shapes" }
        guard shapesPath != nil else { return "run.options.shapes without run.shapesPath" }
        guard shapes.count >= trials, (trial ?? 0) < shapes.count else { return "run.options.shapes has too few shapes for its trials" }
        let layers = options.layers
        if let k = shapes.firstIndex(where: { $0.widths.count != layers + 1 || $0.widths.contains { $0 < 1 } || $0.m < 1 }) {
            return "run.options.shapes[\(k)] is not a \(layers)-layer shape with widths and m ≥ 1"
        }
        if options.loss == .softmaxCrossEntropy, let k = shapes.firstIndex(where: { $0.widths[layers] < 2 }) {
            return "run.options.shapes[\(k)] has one output, which softmax-ce cannot have"
        }
        return nil
    }

    /// The trial indices this run checks, ascending.
    public var trialIndices: [Int] {
        if let trial { return [trial] }
        guard let shard else { return Array(0..<trials) }
        return Array(stride(from: shard.index - 1, to: trials, by: shard.count))
    }

    /// The run narrowed to trial `index` in `dtype` alone: what its replay command repeats.
    public func replaying(trial index: Int, dtype: DType) -> RunDescription {
        var run = self
        run.trial = index
        run.dtypes = [dtype]
        run.shard = nil
        return run
    }

    /// The planted bug the harness wraps each model in (`PlantedGradientScale`), `nil` for none.
    public var planted: PlantedBug? {
        guard plantedGradientScale != nil || plantedTensor != nil else { return nil }
        return PlantedBug(scale: plantedGradientScale ?? 1, tensor: plantedTensor)
    }
}
