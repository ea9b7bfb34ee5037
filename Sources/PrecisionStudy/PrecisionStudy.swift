import GradientCheck
import NeuralNetwork
import RealModule

/// The precision study: each trial's network in Float and Double (the same values; Float
/// values widen exactly) against a `ReferenceScalar` backprop of it, plus a step-size sweep.
///
/// Per trial, tensor and dtype it measures backprop's relative and ulp error, the error of
/// GSL's central difference (the checker's oracle, `GradientChecker`) and whether the oracle's
/// estimate covered it; pooled per dtype, per breakdown dimension and as a histogram. A trial is
/// measured in two halves: its `TrialReference` (the wider type's gradient, once), then
/// `measure` per dtype; an `Accumulator` pools the trials in order (`Harness` runs them).
public enum PrecisionStudy {
    /// Bins of `log10(relative error)`: quarter decades from 10⁻²⁰ to 10¹.
    public static let histogramEdges: [Double] = (0..<84).map { -20 + Double($0) / 4 }

    /// Trial `index` of `options` in `ReferenceScalar`: the yardstick every dtype is measured by.
    public struct TrialReference: Sendable {
        @usableFromInline let spec: TrialSpec
        let loss: ReferenceScalar
        @usableFromInline let gradient: [ReferenceScalar]
        let network: Network<ReferenceScalar>
        /// Per layer, the share of its units that are saturated (`SaturatedUnits`).
        let saturation: [Double]

        public init(trial index: Int, options: TrialOptions) {
            spec = TrialGenerator.trial(index, options: options)
            let reference = spec.objective(ReferenceScalar.self)
            (loss, gradient) = reference.lossAndGradient()
            network = reference.network
            let pass = reference.network.forward(reference.batch.x, m: reference.batch.m)
            saturation = reference.network.layers.enumerated().map { l, layer in
                SaturatedUnits.fraction(z: pass.z[l], a: pass.a[l + 1], activation: layer.activation)
            }
        }

        /// Deterministic sample of parameters to sweep: spread over θ by the trial seed.
        @usableFromInline
        func sweepIndices(samples: Int) -> [Int] {
            let (seed, count) = (Int(spec.trialSeed), gradient.count)
            return Array(Set((0..<min(samples, count)).map { (seed / (7919 * ($0 + 1)) + $0 * count / max(samples, 1)) % count }))
                .sorted()
        }
    }

    /// Trial `reference` measured in `dtype`, whose checked type is `S`, added to `measured`:
    /// `checker`'s elements (the run's, a full check) against the reference, and the step sweep
    /// of `sweepSamples` elements.
    @inlinable
    public static func measure<S: Real & BinaryFloatingPoint & Sendable>(
        _ reference: TrialReference, dtype: DType, as _: S.Type, checker: GradientChecker, sweepSamples: Int = 2,
        into measured: inout TrialMeasurements
    ) {
        var objective = reference.spec.objective(S.self)
        // The network objective keeps the protocol's contract, so check cannot throw.
        let check = try! checker.check(&objective)
        let ulps = check.tensors.map { tensor in
            tensor.elements.map { ulpError(S($0.analytic), reference: reference.gradient[$0.flatIndex]) }
        }
        let sweeps = reference.sweepIndices(samples: sweepSamples).map { k in
            StepSweep.errors(reference.spec.objective(S.self), parameter: k, reference: reference.gradient[k])
        }
        measured.add(check, ulps: ulps, sweeps: sweeps, dtype: dtype, reference: reference)
    }

    /// What trials contribute to the study: `measure` adds to it, `Accumulator` pools it.
    public struct TrialMeasurements: Sendable {
        var records: [TensorPrecision] = []
        var pool = Pool()
        /// Per dtype and step of `StepSweep.steps`, the swept elements' errors.
        var sweepErrors: [DType: [[Double]]] = [:]

        public init() {}

        @usableFromInline
        mutating func add(_ check: CheckResult, ulps: [[Double]], sweeps: [[Double]], dtype: DType,
                          reference: TrialReference) {
            for ((tensor, slot), tensorULPs) in zip(zip(check.tensors, reference.network.layout.tensors), ulps) {
                let layer = slot.layer - 1
                let shape = reference.network.layers[layer]
                records.append(PrecisionStudy.measure(tensor, ulps: tensorULPs, kind: slot.kind, dtype: dtype,
                                                      reference: reference, layer: layer, fanIn: shape.fanIn,
                                                      fanOut: shape.fanOut, activation: shape.activation, pool: &pool))
            }
            var perStep = Array(repeating: [Double](), count: StepSweep.steps.count)
            for errors in sweeps {
                for (s, e) in errors.enumerated() { perStep[s].append(e) }
            }
            sweepErrors[dtype] = perStep
        }
    }

    /// Trials' measurements pooled in the order they are added, into the study's result.
    public struct Accumulator: Sendable {
        let dtypes: [DType]
        /// Machine epsilon of each dtype's checked type, for the theory beside the figures.
        let epsilons: [DType: Double]
        var records: [TensorPrecision] = []
        var pool = Pool()
        var sweepErrors: [DType: [[Double]]] = [:]

        public init(dtypes: [DType], epsilons: [DType: Double]) {
            self.dtypes = dtypes
            self.epsilons = epsilons
            for dtype in dtypes { sweepErrors[dtype] = Array(repeating: [], count: StepSweep.steps.count) }
        }

        public mutating func add(_ trial: TrialMeasurements) {
            records += trial.records
            pool.add(trial.pool)
            for (dtype, errors) in trial.sweepErrors {
                for (s, e) in errors.enumerated() { sweepErrors[dtype]![s] += e }
            }
        }

        public func result() -> PrecisionStudyResult {
            PrecisionStudyResult(
                reference: referenceName, records: records,
                summaries: dtypes.map { pool.summary($0, epsilon: epsilons[$0]!) },
                breakdowns: pool.breakdowns(dtypes),
                histograms: dtypes.map { pool.histogram($0) },
                sweeps: dtypes.map { StepSweep(dtype: $0, epsilon: epsilons[$0]!, errors: sweepErrors[$0]!) })
        }
    }

    static func measure(_ tensor: TensorResult, ulps: [Double], kind: ParameterLayout.Tensor.Kind, dtype: DType,
                        reference trial: TrialReference, layer: Int, fanIn: Int, fanOut: Int, activation: Activation,
                        pool: inout Pool) -> TensorPrecision {
        let (reference, loss, spec, saturated) = (trial.gradient, trial.loss, trial.spec, trial.saturation[layer])
        var errors = ElementErrors()
        var kinks = 0
        for (e, ulp) in zip(tensor.elements, ulps) {
            let ref = reference[e.flatIndex]
            // A reference of exactly 0 is a structural zero (a dead unit): counted, not measured.
            guard ref != 0 else { errors.zeroReference += 1; continue }
            // An overflowing network has no precision to measure: its own category, not a bin.
            guard ref.isFinite, e.analytic.isFinite else { errors.nonFinite += 1; continue }
            let relative = errorRelativeToReference(e.analytic, reference: ref)
            if relative == 0 { errors.exact += 1 }
            errors.backprop.append(relative)
            errors.ulps.append(ulp)
            if e.leftDerivative != nil || e.rightDerivative != nil || e.verdict == .kink {
                kinks += 1
                continue
            }
            let actual = Double(abs(ReferenceScalar(e.numerical) - ref))
            guard actual.isFinite else { errors.oracleNonFinite += 1; continue }
            errors.oracle.append(errorRelativeToReference(e.numerical, reference: ref))
            errors.oracleToLoss.append(loss == 0 ? actual : actual / Double(abs(loss)))
            errors.oracleToEstimate.append(actual / e.errorEstimate)
            if actual > e.errorEstimate { errors.exceeded += 1 }
        }
        let keys: [(String, String)] = [
            ("layer", "\(layer + 1)"), ("fan-in", fanInBucket(fanIn)), ("batch", "\(spec.m)"),
            ("activation", activation.rawValue), ("loss", spec.loss.rawValue), ("saturated", saturated > 0 ? "yes" : "no"),
        ]
        pool.add(dtype: dtype, keys: keys, errors)
        return TensorPrecision(
            trial: spec.index, dtype: dtype, tensor: tensor.tensor.name, layer: layer + 1,
            kind: kind.rawValue, fanIn: fanIn, fanOut: fanOut, m: spec.m,
            activation: activation, loss: spec.loss, saturatedFraction: saturated, elements: tensor.elements.count,
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
