import GradientCheck
import PrecisionStudy
import RealModule

extension RunDescription {
    /// The precision study of this run's trials, dtypes and options (`PrecisionStudy`), on
    /// `jobs` worker threads; trials are pooled in order, so the result does not depend on `jobs`.
    /// - Parameter sweepSamples: elements per trial swept over the steps.
    public func precisionStudy(jobs: Int = 1, sweepSamples: Int = 2) -> PrecisionStudyResult {
        var accumulator = PrecisionStudy.Accumulator(dtypes: dtypes,
                                                     epsilons: Dictionary(uniqueKeysWithValues: dtypes.map { ($0, $0.epsilon) }))
        let (options, dtypes) = (options, dtypes)
        // The study measures each dtype's own finite-difference oracle against Float80 (its step
        // sweep and error estimate are about that oracle), so it checks natively.
        var native = self
        native.oracle = .native
        let checkers = Dictionary(uniqueKeysWithValues: dtypes.map { ($0, native.settings($0).checker) })
        OrderedParallelRun.run(trialIndices, jobs: jobs, compute: { index in
            let reference = PrecisionStudy.TrialReference(trial: index, options: options)
            return dtypes.reduce(into: PrecisionStudy.TrialMeasurements()) { measured, dtype in
                measured = dtype.dispatch(PrecisionMeasurement(reference: reference, dtype: dtype, checker: checkers[dtype]!,
                                                               sweepSamples: sweepSamples, measured: measured))
            }
        }, deliver: { accumulator.add($0) })
        return accumulator.result()
    }
}

/// `PrecisionStudy.measure` in the dtype's checked type.
struct PrecisionMeasurement: DTypeVisitor {
    let reference: PrecisionStudy.TrialReference
    let dtype: DType
    let checker: GradientChecker
    let sweepSamples: Int
    var measured: PrecisionStudy.TrialMeasurements

    func visit<Checked: Real & BinaryFloatingPoint & Sendable>(_: Checked.Type) -> PrecisionStudy.TrialMeasurements {
        var measured = measured
        PrecisionStudy.measure(reference, dtype: dtype, as: Checked.self, checker: checker, sweepSamples: sweepSamples,
                               into: &measured)
        return measured
    }
}
