import Foundation
import GradientCheck

extension RunDescription {
    /// Checks every trial of this run in `dtype`, keeping only what the reports need (the full
    /// element lists are dropped after each trial).
    /// - Parameters:
    ///   - jobs: worker threads (`OrderedParallelRun`); results, records and every `onTrial` call
    ///     are in trial order and identical whatever the number, so it is not part of the run.
    ///   - onTrial: called on the calling thread after each trial, in trial order, with its
    ///     result and report records.
    /// - Returns: also `recordArrays`, each trial's records as JSON (`Report.encodedRecords`),
    ///   encoded on the thread that checked it, for `Report.jsonData(recordArrays:)`; `nil` if
    ///   any failed to encode (`jsonData()` then reports why).
    public func check(_ dtype: DType, jobs: Int = 1, onTrial: (TrialResult, [TensorRecord]) -> Void = { _, _ in })
        -> (summary: DTypeSummary, records: [TensorRecord], recordArrays: [Data]?) {
        let checker = checker(for: dtype)
        var summary = DTypeSummary(dtype: dtype)
        var records: [TensorRecord] = []
        var recordArrays: [Data]? = []
        // Each trial draws from its own generator (`TrialGenerator`) and builds its own network,
        // so trials share no mutable state.
        let (options, scale, tensor) = (options, plantedGradientScale ?? 1, plantedTensor)
        // The records are made on the workers too: the delivering thread only adds up.
        OrderedParallelRun.run(trialIndices, jobs: jobs, compute: { index in
            let result = TrialGenerator.trial(index, options: options)
                .run(dtype, checker: checker, plantedGradientScale: scale, plantedTensor: tensor)
            let trialRecords = result.checks.flatMap { step, check in
                check.reportedTensors.compactMap { TensorRecord(trial: result, check: check, tensor: $0, trainStep: step) }
            }
            return (result, trialRecords, try? Report.encodedRecords(trialRecords[...]))
        }, deliver: { result, trialRecords, json in
            summary.add(result)
            onTrial(result, trialRecords)
            records += trialRecords
            if let json { recordArrays?.append(json) } else { recordArrays = nil }
        })
        return (summary, records, recordArrays)
    }
}
