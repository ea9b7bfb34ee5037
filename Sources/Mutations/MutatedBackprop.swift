import NeuralNetwork
import RealModule

/// The core's backpropagation (`Network.backward`) assembled from the core's own steps,
/// `Loss.outputDelta`, `Network.accumulateLayerGradient`, `Network.accumulateWeightDecay` and
/// `Network.propagate`, with the one step that `bug` concerns replaced by its buggy version.
///
/// With `bug == nil` every step is the core's and the result is `Network.lossAndGradient(on:)`
/// bit for bit (a test holds it to that), so a mutant differs from the correct code by its bug
/// alone. Where a trial cannot expose the bug, the replaced step computes the same values.
public struct MutatedBackprop<Scalar: Real & BinaryFloatingPoint & Sendable>: Sendable {
    public let network: Network<Scalar>
    public let batch: Batch<Scalar>
    public let bug: Mutant?

    @inlinable
    public init(network: Network<Scalar>, batch: Batch<Scalar>, bug: Mutant?) {
        self.network = network
        self.batch = batch
        self.bug = bug
    }

    /// `(L, ∂L/∂θ)`: the core's exact loss, and the gradient of a backprop with the bug.
    @inlinable
    public func lossAndGradient() -> (loss: Scalar, gradient: [Scalar]) {
        let pass = network.forward(batch.x, m: batch.m)
        let last = network.layers.count - 1
        var delta = outputDelta(pass)
        var gradient = [Scalar](repeating: 0, count: network.parameterCount)
        let first = bug == .backpropStopsOneLayerEarly ? 1 : 0
        for l in stride(from: last, through: first, by: -1) {
            accumulateLayerGradient(l, delta: delta, pass: pass, into: &gradient)
            accumulateWeightDecay(l, into: &gradient)
            if l > 0 { delta = propagate(from: l, delta: delta, pass: pass) }
        }
        return (network.loss(of: pass, batch: batch), gradient)
    }

    /// `δ_L` [m × d_L], the core's `Loss.outputDelta` unless the bug is in it.
    @inlinable
    func outputDelta(_ pass: ForwardPass<Scalar>) -> [Scalar] {
        let last = network.layers.count - 1
        let (z, a, y, m) = (pass.z[last], pass.a[last + 1], batch.y, batch.m)
        let loss = network.loss
        let core = { loss.outputDelta(z: z, a: a, y: y, m: m, activation: network.layers[last].activation) }
        switch bug {
        case .crossEntropyDeltaUnderMSE where loss == .mse:
            return Loss.binaryCrossEntropy.outputDelta(z: z, a: a, y: y, m: m, activation: network.layers[last].activation)
        case .extraSigmoidPrimeUnderCrossEntropy where loss == .binaryCrossEntropy:
            return Loss.mse.outputDelta(z: z, a: a, y: y, m: m, activation: .sigmoid)
        case .missingHalf where loss == .mse:
            return core().map { 2 * $0 }
        case .signError:
            return core().map { -$0 }
        case .missingBatchMean:
            return core().map { $0 * Scalar(m) }
        case .softmaxUnnormalised where loss == .softmaxCrossEntropy:
            return Self.unnormalisedSoftmaxDelta(z: z, y: y, m: m)
        case .derivativeAtActivation where loss == .mse, .derivativeFedPreActivation where loss == .mse,
             .tanhDerivativeAsSigmoid where loss == .mse, .leakySlopeDropped where loss == .mse:
            // MSE's δ_L = (a − y)⊙f'(z)/m in the core's expression order, with f' as the bug
            // takes it, so that where the bug changes no f' the bits are the core's.
            let view = derivativeInputs(layer: last, z: z, a: a)
            let invM = 1 / Scalar(m)
            return z.indices.map { i in (a[i] - y[i]) * view.activation.derivative(z: view.z[i], a: view.a[i]) * invM }
        default:
            return core()
        }
    }

    /// `δ_j = ((Σ_k y_k)·e^{z_j} − y_j)/m`: softmax cross-entropy's delta without the division
    /// by `Σ_k e^{z_k}`.
    @inlinable
    static func unnormalisedSoftmaxDelta(z: [Scalar], y: [Scalar], m: Int) -> [Scalar] {
        let n = z.count / m
        let invM = 1 / Scalar(m)
        var delta = [Scalar](repeating: 0, count: z.count)
        for row in 0..<m {
            let base = row * n
            let ySum = y[base..<base + n].reduce(0, +)
            for j in base..<base + n { delta[j] = (ySum * Scalar.exp(z[j]) - y[j]) * invM }
        }
        return delta
    }

    /// Layer `l`'s `∂L_data/∂W`, `∂L_data/∂b` by the core's `accumulateLayerGradient`, from
    /// the wrong input or rescaled when the bug is there.
    @inlinable
    func accumulateLayerGradient(_ l: Int, delta: [Scalar], pass: ForwardPass<Scalar>, into gradient: inout [Scalar]) {
        let layer = network.layers[l]
        let m = batch.m
        let input = bug == .weightGradientFromPreActivation && l > 0 ? pass.z[l - 1] : pass.a[l]
        Network.accumulateLayerGradient(delta: delta, input: input, m: m, layer: layer, into: &gradient)
        let weights = layer.weightOffset..<layer.biasOffset
        let biases = layer.biasOffset..<layer.biasOffset + layer.fanOut
        switch bug {
        case .extraBatchFactor:
            for i in weights { gradient[i] *= Scalar(m) }
        case .batchMeanTwice:
            for i in weights.lowerBound..<biases.upperBound { gradient[i] /= Scalar(m) }
        case .biasGradientFromFirstRowOnly:
            for (j, i) in biases.enumerated() { gradient[i] = delta[j] }
        default:
            break
        }
    }

    /// The penalty's gradient `λ·W` of layer `l` by the core's `accumulateWeightDecay`, unless
    /// the bug drops, halves or widens it.
    @inlinable
    func accumulateWeightDecay(_ l: Int, into gradient: inout [Scalar]) {
        let layer = network.layers[l]
        let (lambda, theta) = (network.weightDecay, network.parameters)
        switch bug {
        case .missingRegularisationGradient:
            return
        case .halvedRegularisationGradient:
            for i in layer.weightOffset..<layer.biasOffset { gradient[i] += lambda / 2 * theta[i] }
        case .regularisedBiases:
            network.accumulateWeightDecay(of: layer, into: &gradient)
            for i in layer.biasOffset..<layer.biasOffset + layer.fanOut { gradient[i] += lambda * theta[i] }
        default:
            network.accumulateWeightDecay(of: layer, into: &gradient)
        }
    }

    /// `δ_{l−1}` by the core's `propagate`, given the weights and the `f'` inputs the bug uses.
    @inlinable
    func propagate(from l: Int, delta: [Scalar], pass: ForwardPass<Scalar>) -> [Scalar] {
        let layer = network.layers[l]
        let parameters = bug == .transposedWeights ? Self.readColumnMajor(layer, network.parameters) : network.parameters
        let view = derivativeInputs(layer: l - 1, z: pass.z[l - 1], a: pass.a[l])
        return Network.propagate(delta: delta, m: batch.m, layer: layer, parameters: parameters,
                                 activation: view.activation, z: view.z, a: view.a)
    }

    /// θ with `layer`'s `W` as code that reads `W[k][j]` at `j·fanIn + k` sees it.
    @inlinable
    static func readColumnMajor(_ layer: DenseLayer, _ theta: [Scalar]) -> [Scalar] {
        var read = theta
        for k in 0..<layer.fanIn {
            for j in 0..<layer.fanOut {
                read[layer.weightOffset + k * layer.fanOut + j] = theta[layer.weightOffset + j * layer.fanIn + k]
            }
        }
        return read
    }

    /// The activation and the `z`, `a` arrays [m × width] at which layer `k`'s `f'` is
    /// evaluated: `(f_k, z_k, a_k)`, or what the bug evaluates instead.
    @inlinable
    func derivativeInputs(layer k: Int, z: [Scalar], a: [Scalar]) -> (activation: Activation, z: [Scalar], a: [Scalar]) {
        let f = network.layers[k].activation
        let hidden = k < network.layers.count - 1
        switch bug {
        case .droppedActivationDerivative where hidden: return (.identity, z, a)
        case .offByOneLayer where hidden: return (network.layers[k + 1].activation, z, a)
        case .tanhDerivativeAsSigmoid where f == .tanh: return (.sigmoid, z, a)
        case .leakySlopeDropped where f == .leakyReLU: return (.relu, z, a)
        case .derivativeAtActivation: return (f, a, a.map { f.value($0) })
        case .derivativeFedPreActivation: return (f, z, z)
        default: return (f, z, a)
        }
    }
}
