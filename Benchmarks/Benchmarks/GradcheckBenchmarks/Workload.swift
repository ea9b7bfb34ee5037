import GradientCheck
import Harness

/// A run of random trials that a benchmark checks end to end, as `gradcheck` does minus the
/// reports (`RunDescription.check(_:)`).
///
/// Everything a workload is lives in `run`: when the CLI learns new ways to describe a run (a
/// shapes file, a cheaper check mode, parallel jobs), a workload switches by building a different
/// `RunDescription` here, and the benchmarks below it stay as they are.
struct Workload: Sendable {
    /// The trials' distribution (`L=2`), short and stable: it is part of the benchmark names that
    /// baselines are matched by.
    var family: String
    var run: RunDescription

    init(family: String, options: TrialOptions, trials: Int) {
        self.family = family
        run = RunDescription(options: options, trials: trials, dtypes: [.float, .double])
    }

    /// `L=2 × 1000`.
    var name: String { "\(family) × \(run.trials)" }

    /// The whole run in `dtype`, trial by trial.
    func check(_ dtype: DType) -> DTypeSummary { run.check(dtype).summary }

    /// The trial of median parameter count among the first `sample` trials: a typical network of
    /// this workload for the per-pass benchmarks (the trials' sizes spread over two orders of
    /// magnitude, so the first trial alone could be far from typical).
    func medianTrial(sample: Int = 101) -> TrialSpec {
        let trials = (0..<sample).map { TrialGenerator.trial($0, options: run.options) }
        return trials.sorted { ($0.parameters.count, $0.index) < ($1.parameters.count, $1.index) }[sample / 2]
    }
}

extension Workload {
    /// The CI gate's shape of run in the activation and loss of `compare_torch.py` (sigmoid on
    /// every layer, MSE): `gradcheck --layers 2 --trials 1000 --max-width 16 --max-batch 8
    /// --activation sigmoid --loss mse`.
    static let layers2 = Workload(
        family: "L=2",
        options: TrialOptions(layers: 2, maxWidth: 16, maxBatch: 8, activation: .sigmoid, loss: .mse),
        trials: 1000)

    /// Deep and wide: `--layers 4 --max-width 64 --max-batch 32 --activation sigmoid --loss mse
    /// --trials 100`, the second workload: about half a minute per dtype on one thread,
    /// so one iteration each.
    static let layers4Wide = Workload(
        family: "L=4 wide",
        options: TrialOptions(layers: 4, maxWidth: 64, maxBatch: 32, activation: .sigmoid, loss: .mse),
        trials: 100)

    static let all = [layers2, layers4Wide]
}
