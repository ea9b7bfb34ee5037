import GradientCheck

extension RunDescription {
    /// Checks every trial of this run in `dtype`, in trial order, keeping only what the
    /// reports need (the full element lists are dropped after each trial).
    /// - Parameter onTrial: called after each trial with its result and report records.
    public func check(_ dtype: DType, onTrial: (TrialResult, [TensorRecord]) -> Void = { _, _ in })
        -> (summary: DTypeSummary, records: [TensorRecord]) {
        let checker = checker(for: dtype)
        var summary = DTypeSummary(dtype: dtype)
        var records: [TensorRecord] = []
        for index in trialIndices {
            let result = TrialGenerator.trial(index, options: options)
                .run(dtype, checker: checker, plantedGradientScale: plantedGradientScale ?? 1, plantedTensor: plantedTensor)
            summary.add(result)
            let trialRecords = result.checks.flatMap { step, check in
                check.reportedTensors.compactMap { TensorRecord(trial: result, check: check, tensor: $0, trainStep: step) }
            }
            onTrial(result, trialRecords)
            records += trialRecords
        }
        return (summary, records)
    }
}
