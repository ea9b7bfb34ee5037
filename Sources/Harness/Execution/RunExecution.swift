import GradientCheck

extension RunDescription {
    /// Checks every trial of this run in `dtype`, keeping only the summary: each trial's records
    /// go to `onTrial`, and its full element lists are dropped after it.
    /// - Parameters:
    ///   - jobs: worker threads (`OrderedParallelRun`); results, records and every `onTrial` call
    ///     are in trial order and identical whatever the number, so it is not part of the run.
    ///   - onTrial: called on the calling thread after each trial, in trial order, with its
    ///     result and report records.
    /// - Returns: the summary, and the settings every trial was checked with.
    public func check(_ dtype: DType, jobs: Int = 1, onTrial: (TrialResult, [TensorRecord]) -> Void = { _, _ in })
        -> (summary: DTypeSummary, settings: CheckSettings) {
        let settings = settings(dtype)
        var summary = DTypeSummary(dtype: dtype)
        summary.oracle = settings.oracleDescription(dtype)
        // Each trial draws from its own generator (`TrialGenerator`) and builds its own network,
        // so trials share no mutable state.
        let options = options
        // The records are made on the workers too: the delivering thread only adds up.
        OrderedParallelRun.run(trialIndices, jobs: jobs, compute: { index in
            let result = TrialGenerator.trial(index, options: options).run(dtype, settings: settings)
            return (result, result.checks.flatMap { step, check in
                check.reportedTensors.compactMap { TensorRecord(trial: result, check: check, tensor: $0, trainStep: step) }
            })
        }, deliver: { result, trialRecords in
            summary.add(result)
            onTrial(result, trialRecords)
        })
        return (summary, settings)
    }
}
