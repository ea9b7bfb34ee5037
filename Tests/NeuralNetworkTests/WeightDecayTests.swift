import Foundation
import NeuralNetwork
import Testing

/// L2 weight decay: `L = L_data + (λ/2)·Σ‖W‖²` on the weights only, and its gradient `λ·W`.
@Suite struct WeightDecayTests {
    /// ForwardPassTests' exact 2-2-1 network: ΣW² = 0.25 + 1 + 0.0625 + 4 + 1 + 0.25 = 6.5625
    /// over W₁ and W₂; the biases (0.5, −0.5, 0.25) must not count.
    @Test func lossAddsHalfLambdaTimesTheSquaredWeights() throws {
        let network = try Network<Double>(widths: [2, 2, 1], activations: [.relu, .identity], loss: .mse,
                                          weightDecay: 0.25, parameters: ForwardPassTests.theta)
        let batch = try network.batch(m: 2, x: ForwardPassTests.x, y: [1, 1])
        // L_data = 0.125 (ForwardPassTests); penalty 0.25/2 · 6.5625 = 0.8203125, all exact.
        #expect(network.weightPenalty() == 0.8203125)
        #expect(network.loss(on: batch) == 0.125 + 0.8203125)
        #expect(network.lossAndGradient(on: batch).loss == 0.125 + 0.8203125)
    }

    /// λ = 0 leaves the loss and the gradient exactly the unregularised ones.
    @Test func zeroDecayIsTheDataLossBitwise() throws {
        let network = try Network<Double>(widths: [2, 3, 2], activations: [.tanh, .identity], loss: .mse,
                                          parameters: BackpropagationTests.theta)
        let batch = try network.batch(m: BackpropagationTests.m, x: BackpropagationTests.x, y: [0.5, -1, 2, 0, 1, 1])
        let pass = network.forward(batch.x, m: batch.m)
        let data = Loss.mse.value(z: pass.z[1], a: pass.a[2], y: batch.y, m: batch.m)
        #expect(network.weightDecay == 0)
        #expect(network.loss(on: batch).bitPattern == data.bitPattern)
        #expect(network.lossAndGradient(on: batch).loss.bitPattern == data.bitPattern)
    }

    /// The decayed gradient is the data gradient plus `λ·W` on weights, unchanged on biases.
    @Test func gradientAddsLambdaTimesWeightsToWeightsOnly() throws {
        let lambda = 0.125
        let plain = try Network<Double>(widths: [2, 3, 2], activations: [.tanh, .tanh], loss: .mse,
                                        parameters: BackpropagationTests.theta)
        let decayed = try Network<Double>(widths: [2, 3, 2], activations: [.tanh, .tanh], loss: .mse,
                                          weightDecay: lambda, parameters: BackpropagationTests.theta)
        let batch = try plain.batch(m: BackpropagationTests.m, x: BackpropagationTests.x, y: [0.5, -0.75, -1, 0.25, 0, 1])
        let g0 = plain.lossAndGradient(on: batch).gradient
        let g = decayed.lossAndGradient(on: batch).gradient
        for layer in plain.layers {
            for i in layer.weightOffset..<layer.biasOffset { #expect(g[i] == g0[i] + lambda * plain.parameters[i], "θ[\(i)]") }
            for i in layer.biasOffset..<layer.biasOffset + layer.fanOut { #expect(g[i] == g0[i], "bias θ[\(i)]") }
        }
    }

    /// `backward` with λ > 0 against central differences of `loss(on:)`, for every loss.
    @Test(arguments: BackpropagationTests.cases)
    func gradientMatchesCentralDifferences(_ testCase: BackpropagationTests.Case) throws {
        let network = try Network<Double>(widths: [2, 3, 2], activations: testCase.activations, loss: testCase.loss,
                                          weightDecay: 0.25, parameters: BackpropagationTests.theta)
        let batch = try network.batch(m: BackpropagationTests.m, x: BackpropagationTests.x, y: testCase.y)
        let gradient = network.lossAndGradient(on: batch).gradient
        // Round-off: BackpropagationTests' 32 roundings of the data loss relative to its scale,
        // plus 26 relative to the penalty: its 12 squares, 12 additions, the product with λ/2
        // and the addition to L_data.
        let pass = network.forward(batch.x, m: batch.m)
        let output = zip(pass.z[1], pass.a[2]).map { max(abs($0), abs($1)) }
        let scale = CentralDifference.lossMagnitude(output, batch.y, m: BackpropagationTests.m) + network.weightPenalty()
        func lossAt(_ i: Int, _ value: Double) -> Double {
            var perturbed = network
            perturbed.parameters[i] = value
            return perturbed.loss(on: batch)
        }
        for i in network.parameters.indices {
            // The penalty is quadratic, so it adds nothing to L‴: BackpropagationTests' bound holds.
            let numeric = CentralDifference.derivative({ lossAt(i, $0) }, at: network.parameters[i])
            let tolerance = CentralDifference.tolerance(thirdDerivativeBound: BackpropagationTests.thirdDerivativeBound,
                                                        roundings: 32 + 26, scale: scale, derivative: gradient[i])
            #expect(abs(gradient[i] - numeric) <= tolerance,
                    "\(testCase.testDescription) θ[\(i)]: backprop \(gradient[i]), central difference \(numeric)")
        }
    }

    @Test func negativeOrNonFiniteDecayIsRejected() {
        for lambda in [-0.25, -.infinity, .infinity] {
            #expect(throws: NetworkError.invalidWeightDecay(lambda)) {
                try Network<Double>(widths: [2, 1], activations: [.identity], loss: .mse, weightDecay: lambda)
            }
        }
        #expect {
            try Network<Float>(widths: [2, 1], activations: [.identity], loss: .mse, weightDecay: .nan)
        } throws: { error in
            guard case .invalidWeightDecay(let lambda) = error as? NetworkError else { return false }
            return lambda.isNaN
        }
        #expect(throws: Never.self) { try Network<Double>(widths: [2, 1], activations: [.identity], loss: .mse, weightDecay: 0) }
    }
}
