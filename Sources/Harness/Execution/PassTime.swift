import Foundation
import GradientCheck
import RealModule

/// The time of one forward+backward pass of a trial's network in the dtype's checked type.
struct PassTime: DTypeVisitor {
    let spec: TrialSpec

    func visit<Checked: Real & BinaryFloatingPoint & Sendable, Oracle: Real & BinaryFloatingPoint & Sendable>(
        _: Checked.Type, oracle _: Oracle.Type) -> Double {
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
