import GradientCheck
import NeuralNetwork
import RealModule

/// The seed article's network exactly as written: sigmoid layers, output delta `a_L − y`,
/// every gradient divided by `m`. That delta is ∂L/∂z_L for sigmoid + binary cross-entropy,
/// and wrong for the mean-squared error the article claims (which needs `(a − y)·a·(1 − a)`).
/// `lossKind` picks which scalar the checker differentiates.
struct SeedArticleNetwork<Scalar: Real & BinaryFloatingPoint & Sendable>: GradientCheckable {
    var widths: [Int]
    var lossKind: Loss
    var x: [Scalar]
    var y: [Scalar]
    var m: Int
    var parameters: [Scalar]

    var parameterTensors: [ParameterTensor] { network.map { net in
        NetworkObjective(network: net, batch: try! net.batch(m: m, x: x, y: y)).parameterTensors } ?? [] }

    /// The same shapes as a core `Network` of sigmoid layers, for its layout and forward pass.
    var network: Network<Scalar>? {
        try? Network(widths: widths, activations: Array(repeating: .sigmoid, count: widths.count - 1),
                     loss: lossKind, parameters: parameters)
    }

    func loss() -> Scalar {
        let net = network!
        let pass = net.forward(x, m: m)
        return lossKind.value(z: pass.z.last!, a: pass.a.last!, y: y, m: m)
    }

    func lossAndGradient() -> (loss: Scalar, gradient: [Scalar]) {
        let net = network!
        let pass = net.forward(x, m: m)
        let L = net.layers.count
        var gradient = [Scalar](repeating: 0, count: parameters.count)
        // δ_L = a_L − y  (the article's formula, whatever the loss)
        var delta = zip(pass.a[L], y).map { $0 - $1 }
        for l in stride(from: L - 1, through: 0, by: -1) {
            let layer = net.layers[l]
            let input = pass.a[l]
            for r in 0..<m {
                for k in 0..<layer.fanIn {
                    for j in 0..<layer.fanOut {
                        gradient[layer.weightOffset + k * layer.fanOut + j] +=
                            input[r * layer.fanIn + k] * delta[r * layer.fanOut + j] / Scalar(m)
                    }
                }
                for j in 0..<layer.fanOut {
                    gradient[layer.biasOffset + j] += delta[r * layer.fanOut + j] / Scalar(m)
                }
            }
            if l > 0 {
                var previous = [Scalar](repeating: 0, count: m * layer.fanIn)
                for r in 0..<m {
                    for k in 0..<layer.fanIn {
                        var sum: Scalar = 0
                        for j in 0..<layer.fanOut {
                            sum += delta[r * layer.fanOut + j] * parameters[layer.weightOffset + k * layer.fanOut + j]
                        }
                        let a = pass.a[l][r * layer.fanIn + k]
                        previous[r * layer.fanIn + k] = sum * a * (1 - a)
                    }
                }
                delta = previous
            }
        }
        return (loss(), gradient)
    }
}
