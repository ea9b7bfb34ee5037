import GradientCheck
import NeuralNetwork
import PrecisionStudy
import Testing

@Suite struct ReferenceTests {
    /// The reference path is wider than Double: with `z = x·W + b = 1 + 2⁻⁶⁰`, Double rounds `z`
    /// to 1 and sees no error against `y = 1`, the reference keeps it (on x86_64, Float80).
    @Test(.enabled(if: Double(ReferenceScalar.ulpOfOne) < Double.ulpOfOne, "no type wider than Double here"))
    func referenceKeepsWhatDoubleRoundsAway() throws {
        func gradient<S: Real & BinaryFloatingPoint & Sendable>(_: S.Type) throws -> [S] {
            let network = try Network<S>(widths: [1, 1], activations: [.identity], loss: .mse,
                                         parameters: [1, S(0x1p-60)])
            return network.lossAndGradient(on: try network.batch(m: 1, x: [1], y: [1])).gradient
        }
        #expect(try gradient(Double.self) == [0, 0])
        #expect(try gradient(ReferenceScalar.self) == [0x1p-60, 0x1p-60])
    }

    @Test func referenceIsNamed() {
        #expect(referenceName.hasPrefix(Double(ReferenceScalar.ulpOfOne) < Double.ulpOfOne ? "Float80" : "Double"))
    }
}

import RealModule

@Suite struct ULPTests {
    @Test func knownValues() {
        #expect(ulpError(Float(1).nextUp, reference: 1) == 1)
        #expect(ulpError(Float(1), reference: 1) == 0)
        // Half an ulp of Float at 1 (2⁻²⁴): a correctly rounded result is at most this far off.
        #expect(ulpError(Float(1), reference: 1 + ReferenceScalar(0x1p-24)) == 0.5)
        // Below 1 the ulp halves: one ulp of Float at 0.75 is 2⁻²⁴.
        #expect(ulpError(Float(0.75), reference: 0.75 + ReferenceScalar(0x1p-24)) == 1)
        // One ulp of Double at 2 is 2⁻⁵¹.
        #expect(ulpError(Double(2), reference: 2 + ReferenceScalar(0x1p-51) * 3) == 3)
        #expect(ulpError(Double(2), reference: 2 + ReferenceScalar(0x1p-52)) == 0.5)
        #expect(ulpError(-Float(3).nextUp, reference: -3) == 1)
    }

    @Test func relativeErrorConventions() {
        #expect(errorRelativeToReference(0.0, reference: 0) == 0)
        #expect(errorRelativeToReference(1e-30, reference: 0) == .infinity)
        #expect(errorRelativeToReference(1.5, reference: 1) == 0.5)
    }

    /// Nearest rank: every quantile is a value of the sample.
    @Test func quantilesByNearestRank() {
        let q = Quantiles((1...100).map(Double.init) + [.nan])
        #expect(q.count == 100 && q.median == 50 && q.p90 == 90 && q.p99 == 99 && q.max == 100)
        #expect(Quantiles([]).count == 0 && Quantiles([7]).median == 7)
    }

    @Test func saturatedUnits() {
        let sigmoid = [0.0, 9.2, -9.2, -0.85]
        #expect(SaturatedUnits.fraction(z: sigmoid, a: sigmoid.map { Activation.sigmoid.value($0) }, activation: .sigmoid) == 0.5)
        #expect(SaturatedUnits.fraction(z: [6.0, -0.2], a: [Double.tanh(6), Double.tanh(-0.2)], activation: .tanh) == 0.5)
        // Softplus saturates on its left tail only: f'(z) = σ(z).
        #expect(SaturatedUnits.fraction(z: [-8.0, 8.0], a: [Activation.softplus.value(-8.0), Activation.softplus.value(8.0)],
                                        activation: .softplus) == 0.5)
        #expect(SaturatedUnits.fraction(z: [100.0, -3], a: [100.0, 0], activation: .relu) == 0)
    }
}
