import GradientCheck
import NeuralNetwork
import RealModule

/// A core network plus one batch, as a checkable objective, from plain Double values
/// (rounded to `S`).
func objective<S: Real & BinaryFloatingPoint & Sendable>(
    _: S.Type, widths: [Int], activations: [Activation], loss: Loss,
    parameters: [Double], m: Int, x: [Double], y: [Double]
) throws -> NetworkObjective<S> {
    let network = try Network<S>(widths: widths, activations: activations, loss: loss,
                                 parameters: parameters.map { S($0) })
    return NetworkObjective(network: network, batch: try network.batch(m: m, x: x.map { S($0) }, y: y.map { S($0) }))
}

/// Fixed values of roughly standard-normal spread (mean ≈ 0, sd ≈ 0.8), written out so that
/// fixtures depend on no generator.
let fixedNormals: [Double] = [
    0.0012, 0.2981, -0.2747, -0.8904, -0.4560, -1.2616, -0.0646, 0.3931, 1.5281, -0.1570,
    -0.6458, 1.0414, -0.4373, 1.1245, 1.3314, -0.3036, -0.5337, -0.2616, 1.1416, 0.6547,
    -0.5431, -0.5985, 0.2962, -0.5082, 0.9052, -0.0734, 1.2166, 0.5402, -1.1102, 0.3447,
    -0.6447, -0.0706, 0.9009, 1.5488, 1.0456, 0.7406, 1.7095, -0.4716, -0.2431, 0.4040,
    0.1531, -1.3211, 0.2616, -0.4447, 0.1633, 2.0220, -0.3041, -1.2282, 0.8118, 0.3930,
    1.0126, -0.6921, 0.2290, -0.9418, 0.5583, 0.8436, -0.2207, 0.0851, -0.6342, -0.4007,
    1.4183, 0.1950, -0.8216, 0.6311,
]

/// `count` values from `fixedNormals`, cycling, scaled by `sigma`, starting at `offset`.
func normals(_ count: Int, sigma: Double = 1, offset: Int = 0) -> [Double] {
    (0..<count).map { fixedNormals[($0 + offset) % fixedNormals.count] * sigma }
}
