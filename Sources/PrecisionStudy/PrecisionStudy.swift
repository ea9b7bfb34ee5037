import GradientCheck
import NeuralNetwork

/// The precision study: each trial's network in Float and Double (the same values; Float
/// values widen exactly) against a `ReferenceScalar` backprop of it, plus a step-size sweep.
///
/// Per trial, tensor and dtype it measures backprop's relative and ulp error, the error of
/// GSL's central difference (the harness's oracle, `GradientChecker`) and whether the oracle's
/// estimate covered it; pooled per dtype, per breakdown dimension and as a histogram.
public enum PrecisionStudy {
    /// Bins of `log10(relative error)`: quarter decades from 10⁻²⁰ to 10¹.
    public static let histogramEdges: [Double] = (0..<84).map { -20 + Double($0) / 4 }

    /// - Parameters:
    ///   - options: what the trials draw from (as for the check).
    ///   - trials: trial indices.
    ///   - dtypes: dtypes measured against the reference.
    ///   - sweepSamples: elements per trial swept over the steps.
    ///   - jobs: worker threads; trials are pooled in order, so the result does not depend on it.
    public static func run(options: TrialOptions, trials: some Sequence<Int>, dtypes: [DType],
                           sweepSamples: Int = 2, jobs: Int = 1) -> PrecisionStudyResult {
        var pool = Pool()
        var sweepErrors: [DType: [[Double]]] = [:]
        for dtype in dtypes { sweepErrors[dtype] = Array(repeating: [], count: StepSweep.steps.count) }
        var records: [TensorPrecision] = []
        OrderedParallelRun.run(Array(trials), jobs: jobs, compute: { index in
            measure(trial: index, options: options, dtypes: dtypes, sweepSamples: sweepSamples)
        }, deliver: { trial in
            records += trial.records
            pool.add(trial.pool)
            for (dtype, errors) in trial.sweepErrors {
                for (s, e) in errors.enumerated() { sweepErrors[dtype]![s] += e }
            }
        })
        return PrecisionStudyResult(
            reference: referenceName, records: records,
            summaries: dtypes.map { pool.summary($0) },
            breakdowns: pool.breakdowns(dtypes),
            histograms: dtypes.map { pool.histogram($0) },
            sweeps: dtypes.map { StepSweep(dtype: $0, errors: sweepErrors[$0]!) })
    }

    /// What one trial contributes to the study, pooled by `run` in trial order.
    struct TrialMeasurements: Sendable {
        var records: [TensorPrecision] = []
        var pool = Pool()
        /// Per dtype and step of `StepSweep.steps`, the swept elements' errors.
        var sweepErrors: [DType: [[Double]]] = [:]
    }

    static func measure(trial index: Int, options: TrialOptions, dtypes: [DType], sweepSamples: Int) -> TrialMeasurements {
        var measured = TrialMeasurements()
        let spec = TrialGenerator.trial(index, options: options)
        let reference = spec.objective(ReferenceScalar.self)
        let (referenceLoss, gradient) = reference.lossAndGradient()
        let pass = reference.network.forward(reference.batch.x, m: reference.batch.m)
        let saturation = reference.network.layers.enumerated().map { l, layer in
            SaturatedUnits.fraction(pass.a[l + 1], activation: layer.activation)
        }
        for dtype in dtypes {
            let check = spec.run(dtype, checker: GradientChecker()).check
            for (tensor, slot) in zip(check.tensors, reference.network.layout.tensors) {
                let layer = slot.layer - 1
                let shape = reference.network.layers[layer]
                let record = measure(tensor, kind: slot.kind, dtype: dtype, reference: gradient, loss: referenceLoss,
                                     trial: spec, layer: layer, fanIn: shape.fanIn, fanOut: shape.fanOut,
                                     activation: shape.activation, saturated: saturation[layer], pool: &measured.pool)
                measured.records.append(record)
            }
            var sweeps = Array(repeating: [Double](), count: StepSweep.steps.count)
            for k in sweepIndices(spec, count: reference.parameters.count, samples: sweepSamples) {
                let errors: [Double]
                switch dtype {
                case .float: errors = StepSweep.errors(spec.objective(Float.self), parameter: k, reference: gradient[k])
                case .double: errors = StepSweep.errors(spec.objective(Double.self), parameter: k, reference: gradient[k])
                }
                for (s, e) in errors.enumerated() { sweeps[s].append(e) }
            }
            measured.sweepErrors[dtype] = sweeps
        }
        return measured
    }

    /// Deterministic sample of parameters to sweep: spread over θ by the trial seed.
    static func sweepIndices(_ spec: TrialSpec, count: Int, samples: Int) -> [Int] {
        let seed = Int(spec.trialSeed)
        return Array(Set((0..<min(samples, count)).map { (seed / (7919 * ($0 + 1)) + $0 * count / max(samples, 1)) % count }))
            .sorted()
    }

    static func measure(_ tensor: TensorResult, kind: ParameterLayout.Tensor.Kind, dtype: DType, reference: [ReferenceScalar], loss: ReferenceScalar,
                        trial: TrialSpec, layer: Int, fanIn: Int, fanOut: Int, activation: Activation,
                        saturated: Double, pool: inout Pool) -> TensorPrecision {
        var errors = ElementErrors()
        var kinks = 0
        for e in tensor.elements {
            let ref = reference[e.flatIndex]
            // A reference of exactly 0 is a structural zero (a dead unit): counted, not measured.
            guard ref != 0 else { errors.zeroReference += 1; continue }
            // An overflowing network has no precision to measure: its own category, not a bin.
            guard ref.isFinite, e.analytic.isFinite else { errors.nonFinite += 1; continue }
            let relative = relativeError(e.analytic, reference: ref)
            if relative == 0 { errors.exact += 1 }
            errors.backprop.append(relative)
            switch dtype {
            case .float: errors.ulps.append(ulpError(Float(e.analytic), reference: ref))
            case .double: errors.ulps.append(ulpError(e.analytic, reference: ref))
            }
            if e.leftDerivative != nil || e.rightDerivative != nil || e.verdict == .kink {
                kinks += 1
                continue
            }
            let actual = Double(abs(ReferenceScalar(e.numerical) - ref))
            guard actual.isFinite else { errors.oracleNonFinite += 1; continue }
            errors.oracle.append(relativeError(e.numerical, reference: ref))
            errors.oracleToLoss.append(loss == 0 ? actual : actual / Double(abs(loss)))
            errors.oracleToEstimate.append(actual / e.errorEstimate)
            if actual > e.errorEstimate { errors.exceeded += 1 }
        }
        let keys: [(String, String)] = [
            ("layer", "\(layer + 1)"), ("fan-in", fanInBucket(fanIn)), ("batch", "\(trial.m)"),
            ("activation", activation.rawValue), ("loss", trial.loss.rawValue), ("saturated", saturated > 0 ? "yes" : "no"),
        ]
        pool.add(dtype: dtype, keys: keys, errors)
        return TensorPrecision(
            trial: trial.index, dtype: dtype, tensor: tensor.tensor.name, layer: layer + 1,
            kind: kind.rawValue, fanIn: fanIn, fanOut: fanOut, m: trial.m,
            activation: activation, loss: trial.loss, saturatedFraction: saturated, elements: tensor.elements.count,
            zeroReferenceElements: errors.zeroReference, nonFiniteElements: errors.nonFinite,
            nonFiniteDifferences: errors.oracleNonFinite, kinkElements: kinks,
            backpropRelative: Quantiles(errors.backprop), backpropULP: Quantiles(errors.ulps),
            finiteDifferenceRelative: Quantiles(errors.oracle), estimateExceededFraction: errors.exceededFraction)
    }

    static func fanInBucket(_ n: Int) -> String {
        switch n {
        case ...4: return "1-4"
        case ...8: return "5-8"
        case ...16: return "9-16"
        case ...64: return "17-64"
        default: return "65+"
        }
    }
}
