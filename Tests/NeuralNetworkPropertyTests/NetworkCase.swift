import NeuralNetwork
import PropertyBased
import RealModule
import Testing

/// One random network and batch: widths `d₀ … d_L` (`L` in 1…4, each width in 1…8), an
/// activation per layer (the output one as the loss requires), a loss, a batch of `m` in 1…6
/// rows, and the values:
/// - weights `U(−1, 1)·√(3/fanIn)`, i.e. variance `1/fanIn` (LeCun initialisation), so that
///   `|z|` stays O(1) at every depth; biases `U(−1, 1)`;
/// - inputs `x ~ U(−3, 3)`;
/// - targets: mse `U(−1, 1)`; bce `{0, 1}` or `U(0, 1)`; softmax-ce one-hot or a probability
///   vector `∝ 1 + U(0, 1)` (every entry at least `1/(2n)`).
///
/// The generators cannot depend on each other (no flatMap), so values are drawn into pools of
/// the largest size any shape needs and each case takes the prefix it needs. Shrinking then
/// removes layers, narrows widths, lowers `m` and pulls the pools' values towards 0.
struct NetworkCase: Sendable, CustomTestStringConvertible {
    static let maxDepth = 4
    static let maxWidth = 8
    static let maxBatch = 6
    static let maxParameters = maxDepth * (maxWidth * maxWidth + maxWidth)
    static let maxValues = maxBatch * maxWidth

    let widths: [Int]
    let activations: [Activation]
    let loss: Loss
    let m: Int
    let theta: [Double]
    let x: [Double]
    let y: [Double]

    static let generator = zip(
        Gen.int(in: 1...maxWidth).array(of: 2...(maxDepth + 1)),
        Gen<Activation>.case.array(of: maxDepth),
        Gen<Loss>.case,
        Gen.int(in: 1...maxBatch),
        Gen.double(in: -1...1).array(of: maxParameters),
        Gen.double(in: -3...3).array(of: maxValues),
        Gen.double(in: 0...1).array(of: maxValues),
        Gen.bool
    ).map { widths, activations, loss, m, unitTheta, x, unitY, hardTargets in
        NetworkCase(widths: widths, activations: activations, loss: loss, m: m, unitTheta: unitTheta,
                    x: x, unitY: unitY, hardTargets: hardTargets)
    }

    init(widths: [Int], activations: [Activation], loss: Loss, m: Int, unitTheta: [Double], x: [Double],
         unitY: [Double], hardTargets: Bool) {
        let depth = widths.count - 1
        var chosen = Array(activations.prefix(depth))
        chosen[depth - 1] = loss.requiredOutputActivation ?? chosen[depth - 1]
        var theta: [Double] = []
        for l in 0..<depth {
            let (fanIn, fanOut) = (widths[l], widths[l + 1])
            let scale = Double.sqrt(3 / Double(fanIn))
            theta += unitTheta[theta.count..<(theta.count + fanIn * fanOut)].map { $0 * scale }
            theta += unitTheta[theta.count..<(theta.count + fanOut)]
        }
        self.widths = widths
        self.activations = chosen
        self.loss = loss
        self.m = m
        self.theta = theta
        self.x = Array(x.prefix(m * widths[0]))
        self.y = Self.targets(loss: loss, unit: Array(unitY.prefix(m * widths[depth])), n: widths[depth],
                              hard: hardTargets)
    }

    private init(widths: [Int], activations: [Activation], loss: Loss, m: Int, theta: [Double], x: [Double],
                 y: [Double]) {
        (self.widths, self.activations, self.loss, self.m) = (widths, activations, loss, m)
        (self.theta, self.x, self.y) = (theta, x, y)
    }

    /// Targets the loss is defined for, from `U(0, 1)` draws `unit`, rows of `n`.
    static func targets(loss: Loss, unit: [Double], n: Int, hard: Bool) -> [Double] {
        switch loss {
        case .mse:
            return unit.map { 2 * $0 - 1 }
        case .binaryCrossEntropy:
            return hard ? unit.map { $0 < 0.5 ? 0 : 1 } : unit
        case .softmaxCrossEntropy:
            var y = unit
            for start in stride(from: 0, to: unit.count, by: n) {
                let row = start..<(start + n)
                if hard {
                    let hot = min(n - 1, Int(unit[start] * Double(n)))
                    for i in row { y[i] = i == start + hot ? 1 : 0 }
                } else {
                    let total = row.reduce(0.0) { $0 + 1 + unit[$1] }
                    for i in row { y[i] = (1 + unit[i]) / total }
                }
            }
            return y
        }
    }

    /// The same case with θ, x and y rounded to Float, so that Float and Double evaluate one
    /// and the same function of exactly the same values.
    var floatRepresentable: NetworkCase {
        func rounded(_ values: [Double]) -> [Double] { values.map { Double(Float($0)) } }
        return NetworkCase(widths: widths, activations: activations, loss: loss, m: m, theta: rounded(theta),
                           x: rounded(x), y: rounded(y))
    }

    func network<T: Real & BinaryFloatingPoint & Sendable>(_: T.Type) throws -> Network<T> {
        try Network<T>(widths: widths, activations: activations, loss: loss, parameters: theta.map { T($0) })
    }

    func batch<T: Real & BinaryFloatingPoint & Sendable>(_: T.Type) throws -> Batch<T> {
        try Batch(m: m, x: x.map { T($0) }, y: y.map { T($0) }, inputWidth: widths[0],
                  outputWidth: widths[widths.count - 1])
    }

    var testDescription: String {
        "widths \(widths), \(activations.map(\.rawValue).joined(separator: "-")), \(loss.rawValue), m = \(m), "
            + "θ = \(theta), x = \(x), y = \(y)"
    }
}
