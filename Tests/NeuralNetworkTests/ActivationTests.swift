import NeuralNetwork
import Testing

/// `Activation.derivative(z:a:)` against central differences of `Activation.value`, in Double,
/// and the large-|z| behaviour of the overflow-safe sigmoid and softplus.
@Suite struct ActivationTests {
    /// Bounds `M₃ ≥ |f‴(z)|` over all z, from the closed forms:
    /// - sigmoid: `σ‴ = σ'(1 − 6σ')` with `σ' ∈ (0, 1/4]`, extreme −1/8 at `σ' = 1/4`;
    /// - tanh: with `t = tanh z`, `tanh‴ = (1 − t²)(6t² − 2)`, extreme −2 at `t = 0`;
    /// - softplus: `softplus‴ = σ'' = σ'(1 − 2σ)`, extreme `√3/18 ≈ 0.0962`;
    /// - relu, leaky-relu, identity: linear on each side of 0, so `f‴ = 0` on a stencil that
    ///   does not straddle 0 (all test points have `|z| ≥ 0.3 ≫ h`).
    static func thirdDerivativeBound(_ f: Activation) -> Double {
        switch f {
        case .sigmoid: return 1.0 / 8
        case .tanh: return 2
        case .softplus: return 3.0.squareRoot() / 18
        case .relu, .leakyReLU, .identity: return 0
        }
    }

    /// Roundings per evaluation of `value`, each of relative size ≤ ε of `|f|`: sigmoid is `exp`,
    /// an add and a divide (the error of `e^{−z}` enters damped by `e^{−z}/(1 + e^{−z}) ≤ 1`);
    /// softplus an `exp`, a `log1p` and an add; tanh one libm call. 4 covers each of them.
    static let roundingsPerValue = 4.0

    static let commonPoints: [Double] = [-20, -2, -0.3, 0.3, 2, 20]
    static let saturatingPoints: [Double] = [-800, -50, 50, 800]

    static func points(for f: Activation) -> [Double] {
        f == .sigmoid || f == .softplus ? commonPoints + saturatingPoints : commonPoints
    }

    @Test("derivative(z:a:) equals the central difference of value(z)", arguments: Activation.allCases)
    func derivativeMatchesCentralDifference(_ f: Activation) {
        for z in Self.points(for: f) {
            let analytic = f.derivative(z: z, a: f.value(z))
            let numeric = CentralDifference.derivative({ f.value($0) }, at: z)
            let h = CentralDifference.h
            let scale = max(abs(f.value(z - h)), abs(f.value(z + h)))
            let tolerance = CentralDifference.tolerance(
                thirdDerivativeBound: Self.thirdDerivativeBound(f), roundings: Self.roundingsPerValue,
                scale: scale, derivative: analytic)
            #expect(analytic.isFinite, "\(f) f'(\(z)) = \(analytic)")
            #expect(abs(analytic - numeric) <= tolerance,
                    "\(f) at z = \(z): analytic \(analytic), central difference \(numeric), tolerance \(tolerance)")
        }
    }

    @Test func kinkedActivationsHaveTheirOneSidedSlopes() {
        let alpha = Activation.leakySlope(Double.self)
        #expect(alpha == 0.01)
        for z in [-20.0, -2, -0.3] {
            #expect(Activation.relu.value(z) == 0)
            #expect(Activation.relu.derivative(z: z, a: 0) == 0)
            #expect(Activation.leakyReLU.value(z) == alpha * z)
            #expect(Activation.leakyReLU.derivative(z: z, a: alpha * z) == alpha)
        }
        for z in [0.3, 2.0, 20] {
            #expect(Activation.relu.value(z) == z)
            #expect(Activation.relu.derivative(z: z, a: z) == 1)
            #expect(Activation.leakyReLU.value(z) == z)
            #expect(Activation.leakyReLU.derivative(z: z, a: z) == 1)
        }
        #expect(Activation.relu.hasKink && Activation.leakyReLU.hasKink)
        #expect(!Activation.sigmoid.hasKink && !Activation.tanh.hasKink)
        #expect(!Activation.softplus.hasKink && !Activation.identity.hasKink)
    }

    @Test func sigmoidSaturatesWithoutOverflow() {
        #expect(Activation.sigmoid.value(800.0) == 1)
        let low = Activation.sigmoid.value(-800.0)
        #expect(low == 0 && low.isFinite)
        #expect(Activation.sigmoid.value(0.0) == 0.5)
        // e^{−50} ≈ 1.9e-22: σ(−50) must keep it (the naive 1/(1 + e^{50}) does too, but
        // 1 − σ(50) would give 0), relative to the exact value to a few ulps.
        let expected = 1.9287498479639178e-22
        #expect(abs(Activation.sigmoid.value(-50.0) - expected) <= 4 * Double.ulpOfOne * expected)
        for z in [-800.0, 800] {
            let d = Activation.sigmoid.derivative(z: z, a: Activation.sigmoid.value(z))
            #expect(d == 0 && d.isFinite)
        }
    }

    @Test func softplusIsExactForLargeMagnitudes() {
        #expect(Activation.softplus.value(800.0) == 800)
        let low = Activation.softplus.value(-800.0)
        #expect(low >= 0 && low.isFinite)
        // softplus(−50) = log1p(e^{−50}) ≈ e^{−50}: positive, not rounded to 0.
        #expect(Activation.softplus.value(-50.0) > 0)
        #expect(abs(Activation.softplus.value(0.0) - 0.6931471805599453) <= 0.6931471805599453.ulp)  // log 2
        #expect(Activation.softplus.derivative(z: 800.0, a: 800) == 1)
        #expect(Activation.softplus.derivative(z: -800.0, a: low) == 0)
    }

    @Test func largeMagnitudesStayFiniteInFloat() {
        #expect(Activation.sigmoid.value(Float(800)) == 1)
        #expect(Activation.sigmoid.value(Float(-800)) == 0)
        #expect(Activation.softplus.value(Float(800)) == 800)
        let low = Activation.softplus.value(Float(-800))
        #expect(low >= 0 && low.isFinite)
        #expect(Activation.tanh.value(Float(800)) == 1)
    }

    /// NaN is never turned into a number: an overflowed `∞ − ∞` in `z` must reach the loss, or
    /// a Float loss stays finite where its network's values were not, and the check compares
    /// garbage (found on `--train-steps 10 --learning-rate 1`, float trial 891: Float loss 9.6,
    /// the same parameters evaluated in Double 2.8e149).
    @Test("NaN in, NaN out: the value, the layer loop and the derivative", arguments: Activation.allCases)
    func nanPropagates(_ f: Activation) {
        for z in [Float.nan, -Float.nan] {
            var a = Float(0)
            withUnsafePointer(to: z) { f.apply($0, into: &a, count: 1) }
            // Identity's slope is 1 everywhere; the NaN reaches backprop through a.
            #expect(f.value(z).isNaN && a.isNaN && (f == .identity || f.derivative(z: z, a: f.value(z)).isNaN), "\(f) at \(z)")
        }
        #expect(f.value(Double.nan).isNaN && (f == .identity || f.derivative(z: Double.nan, a: .nan).isNaN))
    }
}
