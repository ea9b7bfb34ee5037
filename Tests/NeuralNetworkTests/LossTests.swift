import Foundation
import NeuralNetwork
import Testing

/// `Loss.value` on hand examples and at extreme logits, and `Loss.outputDelta` against central
/// differences of `Loss.value` in each element of the output pre-activation `z`.
@Suite struct LossTests {
    /// A loss with an output activation it is defined with.
    struct Pairing: Sendable, CustomTestStringConvertible {
        let loss: Loss
        let activation: Activation
        var testDescription: String { "\(loss.rawValue) + \(activation.rawValue)" }

        /// `M₃ ≥ |∂³(m·L)/∂z_i³|` for one element, with targets in the range `targets` produces:
        /// - mse + identity: `L` is quadratic in `z`, `M₃ = 0`;
        /// - mse + f: `d³/dz³ ½(f − y)² = (f − y)f‴ + 3f'f''`; sigmoid with `y ∈ [0, 1]`:
        ///   `|f − y| ≤ 1`, `|σ‴| ≤ 1/8`, `|σ'| ≤ 1/4`, `|σ''| ≤ √3/18`, so `1/8 + 3/4·√3/18`;
        ///   tanh with `y ∈ [−1, 1]`: `|f − y| ≤ 2`, `|tanh‴| ≤ 2`, `|tanh'| ≤ 1`,
        ///   `|tanh''| ≤ 4/(3√3)`, so `4 + 4/√3`;
        /// - bce: `softplus(z) − y·z` has third derivative `σ''(z)`, `≤ √3/18`;
        /// - softmax-ce: along one logit, `(Σy)·∂³ logsumexp = (Σy)·p(1 − p)(1 − 2p)`, `≤ √3/18`
        ///   for targets summing to 1.
        var thirdDerivativeBound: Double {
            let sigmaSecond = 3.0.squareRoot() / 18
            switch (loss, activation) {
            case (.mse, .identity): return 0
            case (.mse, .sigmoid): return 1.0 / 8 + 0.75 * sigmaSecond
            case (.mse, .tanh): return 4 + 4 / 3.0.squareRoot()
            case (.binaryCrossEntropy, _), (.softmaxCrossEntropy, _): return sigmaSecond
            default: fatalError("no bound derived for \(testDescription)")
            }
        }

        /// Output width used for this pairing.
        var n: Int { loss == .softmaxCrossEntropy ? 3 : 2 }

        /// Targets of `m` rows in the range the third-derivative bound assumes.
        func targets(m: Int) -> [Double] {
            switch (loss, activation) {
            case (.mse, .sigmoid): return (0..<(m * n)).map { [0.0, 1, 0.25, 0.8, 0.5, 0.1][$0 % 6] }
            case (.mse, .tanh): return (0..<(m * n)).map { [-1.0, 0.5, 1, -0.25, 0, 0.75][$0 % 6] }
            case (.mse, _): return (0..<(m * n)).map { [1.7, -2.5, 0.3, 0, -0.9, 3.25][$0 % 6] }
            case (.binaryCrossEntropy, _): return (0..<(m * n)).map { [1.0, 0, 0.3, 1, 0, 0.75][$0 % 6] }
            case (.softmaxCrossEntropy, _):
                // One-hot rows and one soft row, each summing to 1.
                let rows: [[Double]] = [[0, 1, 0], [0.2, 0.5, 0.3], [0, 0, 1]]
                return (0..<m).flatMap { rows[$0 % rows.count] }
            }
        }
    }

    static let pairings: [Pairing] = [
        Pairing(loss: .mse, activation: .sigmoid),
        Pairing(loss: .mse, activation: .tanh),
        Pairing(loss: .mse, activation: .identity),
        Pairing(loss: .binaryCrossEntropy, activation: .sigmoid),
        Pairing(loss: .softmaxCrossEntropy, activation: .identity),
    ]

    /// Deterministic pre-activations in [−2, 2], varied so no two elements coincide.
    static func logits(count: Int) -> [Double] {
        (0..<count).map { 2 * sin(1.3 * Double($0) + 0.7) }
    }

    static func value(_ pairing: Pairing, z: [Double], y: [Double], m: Int) -> Double {
        pairing.loss.value(z: z, a: z.map { pairing.activation.value($0) }, y: y, m: m)
    }

    @Test("outputDelta equals ∂L/∂z by central differences",
          arguments: pairings, [1, 3])
    func outputDeltaMatchesCentralDifference(_ pairing: Pairing, m: Int) {
        let z = Self.logits(count: m * pairing.n)
        let y = pairing.targets(m: m)
        let a = z.map { pairing.activation.value($0) }
        let delta = pairing.loss.outputDelta(z: z, a: a, y: y, m: m, activation: pairing.activation)
        #expect(delta.count == z.count)
        // Round-off: L is a sum of m·n terms then a division; each term (and the activation
        // it uses) is computed to a few roundings relative to (|z| + |y| + 1)², which bounds
        // every term of all three losses and the effect of the error in `a` on it. So an
        // evaluation of L is off by at most (m·n + 8)·ε·S with S = Σ(|z| + |y| + 1)²/m.
        let roundings = Double(m * pairing.n + 8)
        let scale = CentralDifference.lossMagnitude(z, y, m: m)
        for i in z.indices {
            let numeric = CentralDifference.derivative({ zi in
                Self.value(pairing, z: CentralDifference.replacing(z, at: i, with: zi), y: y, m: m)
            }, at: z[i])
            let tolerance = CentralDifference.tolerance(
                thirdDerivativeBound: pairing.thirdDerivativeBound / Double(m), roundings: roundings,
                scale: scale, derivative: delta[i])
            #expect(abs(delta[i] - numeric) <= tolerance,
                    "\(pairing.testDescription), m = \(m), δ[\(i)] = \(delta[i]), central difference \(numeric), tolerance \(tolerance)")
        }
    }

    @Test func mseOnAHandExample() {
        // m = 2 rows of n = 2: residuals a − y = (0.5, 0), (1, −2); Σ‖a − y‖² = 0.25 + 1 + 4 = 5.25;
        // L = 5.25 / (2·2) = 1.3125, exact in binary.
        let a: [Double] = [0.5, 1, 2, -1]
        let y: [Double] = [0, 1, 1, 1]
        #expect(Loss.mse.value(z: a, a: a, y: y, m: 2) == 1.3125)
        #expect(Loss.mse.value(z: a.map(Float.init), a: a.map(Float.init), y: y.map(Float.init), m: 2) == 1.3125)
        // δ = (a − y)·f'(z)/m with identity output: (0.25, 0, 0.5, −1).
        #expect(Loss.mse.outputDelta(z: a, a: a, y: y, m: 2, activation: .identity) == [0.25, 0, 0.5, -1])
    }

    @Test func bceFromLogitsEqualsTheNaiveFormForModerateLogits() {
        let z: [Double] = [-3, -0.5, 0.7, 2.5]
        let y: [Double] = [1, 0, 0.25, 1]
        for i in z.indices {
            let a = 1 / (1 + exp(-z[i]))
            let naive = -y[i] * log(a) - (1 - y[i]) * log(1 - a)
            let fromLogits = Loss.binaryCrossEntropy.value(z: [z[i]], a: [a], y: [y[i]], m: 1)
            // The naive form loses accuracy in 1 − a: its error relative to 1 − a is ε·a/(1 − a)
            // ≤ ε·e^{|z|} ≤ 21ε for |z| ≤ 3, and each log and product adds about ε relative to
            // its term, so 32ε·(|terms| + 1) bounds the difference of the two forms.
            let scale = abs(y[i] * log(a)) + abs((1 - y[i]) * log(1 - a)) + 1
            #expect(abs(fromLogits - naive) <= 32 * Double.ulpOfOne * scale,
                    "z = \(z[i]), y = \(y[i]): from logits \(fromLogits), naive \(naive)")
        }
        // Batch mean over m = 4 rows of one output: the mean of the same terms.
        let a = z.map { 1 / (1 + exp(-$0)) }
        let mean = zip(a, y).reduce(0.0) { $0 - $1.1 * log($1.0) - (1 - $1.1) * log(1 - $1.0) } / 4
        #expect(abs(Loss.binaryCrossEntropy.value(z: z, a: a, y: y, m: 4) - mean) <= 32 * Double.ulpOfOne * (mean + 1))
    }

    @Test func bceStaysFiniteWhereTheNaiveFormOverflows() {
        // σ(40) = 1 − 4e-18 rounds to 1, so the naive −log(1 − a) is +∞; from logits it is
        // softplus(40) = 40 + log1p(e^{−40}) = 40 in Double.
        let a = Activation.sigmoid.value(40.0)
        #expect(a == 1)
        let naive = -0 * log(a) - (1 - 0) * log(1 - a)
        #expect(naive == .infinity)
        #expect(Loss.binaryCrossEntropy.value(z: [40.0], a: [a], y: [0], m: 1) == 40)
        // The mirror case: z = −40, y = 1, loss softplus(−40) + 40 = 40.
        let low = Activation.sigmoid.value(-40.0)
        #expect(Loss.binaryCrossEntropy.value(z: [-40.0], a: [low], y: [1], m: 1) == 40)
        // Float: same story, softplus(40) = 40.
        #expect(Loss.binaryCrossEntropy.value(z: [Float(40)], a: [1], y: [0], m: 1) == 40)
        // δ = (a − y)/m stays finite: 1 for (z = 40, y = 0).
        #expect(Loss.binaryCrossEntropy.outputDelta(z: [40.0], a: [a], y: [0], m: 1, activation: .sigmoid) == [1])
    }

    @Test func softmaxCrossEntropyOnAHandExample() {
        // Row 1: z = (1, 2, 3), y = e₃: −log softmax₃ = log(1 + e^{−1} + e^{−2}) = 0.40760596444438...
        // Row 2: z = 0, y = e₂: −log(1/3) = log 3 = 1.09861228866810...
        let z: [Double] = [1, 2, 3, 0, 0, 0]
        let y: [Double] = [0, 0, 1, 0, 1, 0]
        let value = Loss.softmaxCrossEntropy.value(z: z, a: z, y: y, m: 2)
        // −Σ y log softmax(z), directly, and the closed forms above.
        var direct = 0.0
        for row in 0..<2 {
            let e = (0..<3).map { exp(z[3 * row + $0]) }
            let total = e.reduce(0, +)
            for j in 0..<3 { direct -= y[3 * row + j] * log(e[j] / total) }
        }
        direct /= 2
        let closedForm = (log(1 + exp(-1.0) + exp(-2.0)) + log(3.0)) / 2
        #expect(abs(closedForm - 0.7531091265562451) <= 2 * 0.7531091265562451.ulp)
        // Both forms are a handful of roundings (exp, sums of 3, log, one division) from the truth,
        // with terms of size ≤ 4: 16ε·4 covers them.
        #expect(abs(value - direct) <= 64 * Double.ulpOfOne)
        #expect(abs(value - closedForm) <= 64 * Double.ulpOfOne)
    }

    @Test func softmaxCrossEntropyStaysFiniteForHugeLogits() {
        // logsumexp(1000, −1000, 0) = 1000 exactly (e^{−1000}, e^{−2000} underflow to 0),
        // so with y = e₂ the loss is 1000 − (−1000) = 2000; the naive form would take
        // e^{1000} = +∞ and log 0 = −∞.
        let z: [Double] = [1000, -1000, 0]
        #expect(exp(z[0]).isInfinite)
        #expect(Loss.softmaxCrossEntropy.value(z: z, a: z, y: [0, 1, 0], m: 1) == 2000)
        #expect(Loss.softmaxCrossEntropy.value(z: z, a: z, y: [1, 0, 0], m: 1) == 0)
        let delta = Loss.softmaxCrossEntropy.outputDelta(z: z, a: z, y: [0, 1, 0], m: 1, activation: .identity)
        // p = (1, 0, 0) exactly, δ = p − y.
        #expect(delta == [1, -1, 0])
        let zf: [Float] = [1000, -1000, 0]
        #expect(Loss.softmaxCrossEntropy.value(z: zf, a: zf, y: [0, 1, 0], m: 1) == 2000)
    }

    @Test("softmax δ rows sum to 0 for one-hot targets", arguments: [1, 3])
    func softmaxDeltaRowsSumToZero(m: Int) {
        let n = 4
        let z = Self.logits(count: m * n).map { 3 * $0 }
        let y = (0..<(m * n)).map { $0 % n == ($0 / n + 1) % n ? 1.0 : 0 }
        let delta = Loss.softmaxCrossEntropy.outputDelta(z: z, a: z, y: y, m: m, activation: .identity)
        for row in 0..<m {
            let entries = delta[(row * n)..<(row * n + n)]
            let sum = entries.reduce(0, +)
            // Σ_j δ_j = (Σ_j p_j − 1)/m; each p_j = exp(z_j − lse) is off by ≈ p_j·(2ε + |Δlse|),
            // where lse is off by ≈ 2ε·|lse|, |lse| ≤ max|z| + log n; then n more additions of
            // terms ≤ 1. So 8·n·ε·(1 + max|z| + log n)/m bounds the sum.
            let lseBound = entries.indices.map { abs(z[$0]) }.max()! + log(Double(n))
            let tolerance = 8 * Double(n) * Double.ulpOfOne * (1 + lseBound) / Double(m)
            #expect(abs(sum) <= tolerance, "row \(row): Σδ = \(sum)")
            // And the entry of the target class is the only negative one.
            for j in 0..<n {
                let index = row * n + j
                #expect((delta[index] < 0) == (y[index] == 1))
            }
        }
    }
}
