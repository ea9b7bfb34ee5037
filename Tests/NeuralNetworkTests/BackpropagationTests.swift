import Foundation
import NeuralNetwork
import Testing

/// `backward`'s gradient of a small 2-3-2 network against central differences of
/// `loss(on:)` in Double, element by element.
@Suite struct BackpropagationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let loss: Loss
        let activations: [Activation]
        let y: [Double]
        var testDescription: String { "\(loss.rawValue) " + activations.map(\.rawValue).joined(separator: "-") }
    }

    /// m = 3 rows of 2 outputs each; targets in [−1, 1] for tanh, in [0, 1] for sigmoid, and
    /// one-hot for softmax.
    static let cases: [Case] = [
        Case(loss: .mse, activations: [.tanh, .tanh], y: [0.5, -0.75, -1, 0.25, 0, 1]),
        Case(loss: .mse, activations: [.tanh, .identity], y: [1.5, -0.5, 0.25, 2, -1, 0]),
        Case(loss: .binaryCrossEntropy, activations: [.tanh, .sigmoid], y: [1, 0, 0, 1, 0.25, 1]),
        Case(loss: .softmaxCrossEntropy, activations: [.tanh, .identity], y: [1, 0, 0, 1, 1, 0]),
    ]

    static let m = 3
    /// 2·3 + 3 + 3·2 + 2 = 17 parameters in [−0.9, 0.9], all distinct.
    static let theta: [Double] = (0..<17).map { 0.9 * sin(1.7 * Double($0) + 0.3) }
    static let x: [Double] = (0..<6).map { cos(2.3 * Double($0) + 0.1) }

    /// An a priori bound on `|∂³L/∂θ_i³|` near `θ`. Along one coordinate, `L` is a composition
    /// of affine maps with coefficients `|x|, |θ| ≤ 1`, tanh (derivatives ≤ 2 in magnitude), and
    /// a loss whose first three derivatives in `z` are O(1) for these targets; each of the
    /// three differentiations contributes at most a factor of about 2 per layer, so the third
    /// derivative is a few units. 10 is asserted below (against a numerical estimate) rather
    /// than trusted.
    static let thirdDerivativeBound = 10.0

    /// `[f(θ+2H) − 2f(θ+H) + 2f(θ−H) − f(θ−2H)] / 2H³` with `H = 1e-2`: `f‴` to O(H²) with a
    /// round-off of about `6ε·|f|/H³ ≈ 1e-9`, good enough to check the bound.
    static func thirdDerivativeEstimate(_ f: (Double) -> Double, at t: Double) -> Double {
        let big = 1e-2
        return (f(t + 2 * big) - 2 * f(t + big) + 2 * f(t - big) - f(t - 2 * big)) / (2 * big * big * big)
    }

    @Test("backward gradient equals central differences of loss(on:)", arguments: cases)
    func gradientMatchesCentralDifferences(_ testCase: Case) throws {
        let network = try Network<Double>(widths: [2, 3, 2], activations: testCase.activations,
                                          loss: testCase.loss, parameters: Self.theta)
        let batch = try network.batch(m: Self.m, x: Self.x, y: testCase.y)
        let (loss, gradient) = network.lossAndGradient(on: batch)
        #expect(loss == network.loss(on: batch))
        #expect(gradient.count == 17)

        // Round-off of one evaluation of L: the forward pass is ≤ 2·(fanIn + 2) roundings per
        // output, the loss m·n + 8 more (see LossTests), 32 in all, each relative to the
        // magnitude S = Σ(max(|z|, |a|) + |y| + 1)²/m of the output terms (which bounds every
        // loss term, softplus(z) − y·z included, and the effect of an error in `a` on it).
        let pass = network.forward(batch.x, m: batch.m)
        let output = zip(pass.z[1], pass.a[2]).map { max(abs($0), abs($1)) }
        let scale = CentralDifference.lossMagnitude(output, batch.y, m: Self.m)

        func lossAt(_ i: Int, _ value: Double) -> Double {
            var perturbed = network
            perturbed.parameters[i] = value
            return perturbed.loss(on: batch)
        }
        for i in 0..<17 {
            let estimate = Self.thirdDerivativeEstimate({ lossAt(i, $0) }, at: Self.theta[i])
            #expect(abs(estimate) <= Self.thirdDerivativeBound / 2,
                    "θ[\(i)]: |L‴| ≈ \(estimate) is too close to the assumed bound")
            let numeric = CentralDifference.derivative({ lossAt(i, $0) }, at: Self.theta[i])
            let tolerance = CentralDifference.tolerance(
                thirdDerivativeBound: Self.thirdDerivativeBound, roundings: 32, scale: scale, derivative: gradient[i])
            #expect(abs(gradient[i] - numeric) <= tolerance,
                    "\(testCase.testDescription) θ[\(i)]: backprop \(gradient[i]), central difference \(numeric), tolerance \(tolerance)")
        }
        // The check is not vacuous: the gradient is far from 0 compared with the tolerance.
        let largest = gradient.map(abs).max()!
        #expect(largest > 1e-3)
    }

    /// A deeper 2-3-3-2 network with every smooth hidden activation, with m = 2: the same check.
    @Test(arguments: [Activation.sigmoid, .tanh, .softplus, .identity])
    func deeperNetworkGradient(_ hidden: Activation) throws {
        // 2·3 + 3 + 3·3 + 3 + 3·2 + 2 = 29 parameters.
        let theta: [Double] = (0..<29).map { (i: Int) -> Double in 0.8 * sin(0.9 * Double(i) + 0.5) }
        let network = try Network<Double>(widths: [2, 3, 3, 2], activations: [hidden, hidden, .tanh],
                                          loss: .mse, parameters: theta)
        let batch = try network.batch(m: 2, x: [0.5, -1, 0.25, 0.75], y: [0.5, -0.5, 1, 0])
        let (_, gradient) = network.lossAndGradient(on: batch)
        func lossAt(_ i: Int, _ value: Double) -> Double {
            var perturbed = network
            perturbed.parameters[i] = value
            return perturbed.loss(on: batch)
        }
        let output = network.forward(batch.x, m: batch.m).a[3]  // tanh output: |a| ≤ 1, |y| ≤ 1
        let scale = CentralDifference.lossMagnitude(output, batch.y, m: 2)
        for i in theta.indices {
            let estimate = Self.thirdDerivativeEstimate({ lossAt(i, $0) }, at: theta[i])
            #expect(abs(estimate) <= Self.thirdDerivativeBound / 2, "θ[\(i)]: |L‴| ≈ \(estimate)")
            let numeric = CentralDifference.derivative({ lossAt(i, $0) }, at: theta[i])
            // One more layer than above: 48 roundings.
            let tolerance = CentralDifference.tolerance(
                thirdDerivativeBound: Self.thirdDerivativeBound, roundings: 48, scale: scale, derivative: gradient[i])
            #expect(abs(gradient[i] - numeric) <= tolerance,
                    "\(hidden) θ[\(i)]: backprop \(gradient[i]), central difference \(numeric), tolerance \(tolerance)")
        }
    }
}
