import Foundation
import GradientCheck
import RealModule

extension RunDescription {
    /// The mean time of one forward+backward pass (`lossAndGradient()`) in `dtype` over up to
    /// `sample` of this run's trials, spread over the run. Each trial's time is the fastest of
    /// 3 rounds of at least 100 µs, so that neither the clock's resolution nor a preempted
    /// round distorts it.
    public func forwardBackwardSeconds(_ dtype: DType, sample: Int = 16) -> Double {
        let indices = trialIndices
        let step = max(1, indices.count / sample)
        let picked = stride(from: 0, to: indices.count, by: step).prefix(sample).map { indices[$0] }
        let total = picked.reduce(0.0) { sum, index in
            sum + dtype.dispatch(PassTime(spec: TrialGenerator.trial(index, options: options)))
        }
        return total / Double(max(picked.count, 1))
    }
}

/// The time of one forward+backward pass of a trial's network in the dtype's checked type.
struct PassTime: DTypeVisitor {
    let spec: TrialSpec

    func visit<Checked: Real & BinaryFloatingPoint & Sendable>(_: Checked.Type) -> Double {
        Self.time(spec.objective(Checked.self))
    }

    static func time<Model: GradientCheckable>(_ model: Model) -> Double {
        let clock = ContinuousClock()
        var fastest = Double.infinity
        var checksum = 0.0
        for _ in 0..<3 {
            var repetitions = 0
            let start = clock.now
            var elapsed = Duration.zero
            repeat {
                checksum += Double(model.lossAndGradient().loss)
                repetitions += 1
                elapsed = clock.now - start
            } while elapsed < .microseconds(100)
            fastest = min(fastest, elapsed.seconds / Double(repetitions))
        }
        // The losses feed the result, so the passes cannot be optimised away; a NaN loss
        // makes the time NaN rather than a figure for a computation that went wrong.
        return checksum.isNaN ? .nan : fastest
    }
}
