import Foundation
import GradientCheck

/// What a check run tells its caller as it goes, on the calling thread and in trial order: the
/// CLI prints from these, so what it prints does not depend on `--jobs`.
public protocol CheckRunObserver {
    /// Trial `done` of `total` in `dtype` is checked, with its report records.
    func checked(_ result: TrialResult, records: [TensorRecord], done: Int, total: Int)
    /// A failing trial was shrunk to `minimal`.
    func shrunk(_ minimal: MinimalCase)
    /// Every trial of `summary.dtype` is checked, in `throughput.seconds`.
    func finished(_ summary: DTypeSummary, throughput: Throughput)
}

/// A whole check run: every dtype's trials, the first failures shrunk, timed.
public struct CheckRun: Sendable {
    public var run: RunDescription
    /// Worker threads (`OrderedParallelRun`); the results do not depend on them.
    public var jobs: Int
    /// The first this many failing trials of each dtype are shrunk (`Shrinker`).
    public var shrinkBudget: Int
    /// Where the case files will go (`MinimalCase.path`).
    public var reportDirectory: URL
    /// Whether to time a forward+backward pass for the throughput (`forwardBackwardSeconds`).
    public var timesPasses: Bool

    public init(run: RunDescription, jobs: Int, shrinkBudget: Int, reportDirectory: URL, timesPasses: Bool) {
        self.run = run
        self.jobs = jobs
        self.shrinkBudget = shrinkBudget
        self.reportDirectory = reportDirectory
        self.timesPasses = timesPasses
    }

    /// What the run found.
    public struct Outcome: Sendable {
        public var run: RunDescription
        public var summaries: [DTypeSummary] = []
        /// What the reports show of the records, which went to the sink.
        public var digest = ReportDigest()
        /// What each dtype was checked with.
        public var settings: [DType: CheckSettings] = [:]
        /// Wall-clock seconds per dtype name (not deterministic: the Markdown's, not the JSON's).
        public var wallSeconds: [String: Double] = [:]
        /// Per dtype name, the time per trial in forward+backward passes of the dtype
        /// (`Throughput.forwardBackwardPassesPerTrial`), where passes were timed.
        public var passesPerTrial: [String: Double] = [:]
        public var minimalCases: [MinimalCase] = []

        /// The report of the run, `command` its spelling (`CommandSpelling.command(for:)`).
        public func report(command: String) -> Report {
            Report(run: run, command: command, tolerances: run.tolerances, summaries: summaries, digest: digest)
        }
    }

    /// Checks every trial of every dtype, in order, telling `observer` as it goes and handing
    /// each trial's records to `sink` (which alone keeps them).
    public func perform(_ observer: some CheckRunObserver, sink: some RecordSink) -> Outcome {
        var outcome = Outcome(run: run)
        let total = run.trialIndices.count
        for dtype in run.dtypes {
            let clock = ContinuousClock()
            let start = clock.now
            var shrunk = 0
            var throughput = Throughput()
            throughput.jobs = jobs
            let (summary, settings) = run.check(dtype, jobs: jobs) { result, records in
                throughput.add(result)
                outcome.digest.add(records)
                sink.add(records)
                observer.checked(result, records: records, done: throughput.trials, total: total)
                guard shrunk < shrinkBudget,
                      let minimal = run.minimalCase(of: result, shrinker: Shrinker(), reportDirectory: reportDirectory) else { return }
                shrunk += 1
                observer.shrunk(minimal)
                outcome.minimalCases.append(minimal)
            }
            let elapsed = (clock.now - start).seconds
            outcome.wallSeconds[dtype.rawValue] = elapsed
            throughput.seconds = elapsed
            if timesPasses { throughput.forwardBackwardSeconds = run.forwardBackwardSeconds(dtype) }
            outcome.passesPerTrial[dtype.rawValue] = throughput.forwardBackwardPassesPerTrial
            observer.finished(summary, throughput: throughput)
            outcome.summaries.append(summary)
            outcome.settings[dtype] = settings
        }
        return outcome
    }
}
