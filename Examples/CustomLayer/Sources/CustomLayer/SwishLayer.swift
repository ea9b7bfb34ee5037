import Foundation

/// One dense layer with the swish activation `a = z·σ(z)` (Ramachandran et al., 2017), under a
/// mean squared error: `z = x·W + b`, `L = 1/(2m)·Σ_r Σ_j (a_rj − y_rj)²`.
///
/// Shapes: `x` [m × n], `W` [n × k] row-major, `b` [k], `y` [m × k]; θ is `W` then `b`.
/// Backprop: `∂L/∂z = (a − y)/m · swish'(z)` with `swish'(z) = σ(z) + z·σ(z)·(1 − σ(z))`.
public struct SwishLayer: Sendable {
    public var parameters: [Double]
    public let x: [[Double]]
    public let y: [[Double]]
    /// A planted bug for the example's failing test: drops the `z·σ(z)·(1 − σ(z))` term of
    /// `swish'`, a mistake that leaves the gradient plausible and wrong.
    public var dropsSecondTerm = false

    public var inputs: Int { x[0].count }
    public var units: Int { y[0].count }

    public init(parameters: [Double], x: [[Double]], y: [[Double]], dropsSecondTerm: Bool = false) {
        self.parameters = parameters
        self.x = x
        self.y = y
        self.dropsSecondTerm = dropsSecondTerm
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    /// `(L, ∂L/∂θ)` by the chain rule above.
    public func lossAndGradient() -> (loss: Double, gradient: [Double]) {
        let (n, k, m) = (inputs, units, Double(x.count))
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: parameters.count)
        for (row, target) in zip(x, y) {
            for j in 0..<k {
                var z = parameters[n * k + j]
                for i in 0..<n { z += row[i] * parameters[i * k + j] }
                let s = Self.sigmoid(z)
                let a = z * s
                loss += (a - target[j]) * (a - target[j]) / (2 * m)
                let derivative = s + (dropsSecondTerm ? 0 : z * s * (1 - s))
                let delta = (a - target[j]) / m * derivative
                for i in 0..<n { gradient[i * k + j] += delta * row[i] }
                gradient[n * k + j] += delta
            }
        }
        return (loss, gradient)
    }
}
