import NeuralNetwork
import Testing

/// `descend(along:learningRate:)` and full-batch `train`, in Float and Double, and the
/// agreement of the Float and Double losses of one network.
@Suite struct GradientDescentTests {
    @Test func descendIsThetaMinusAlphaG() throws {
        // widths [2, 1]: W 2×1 then b, 3 parameters. With α = 0.5 and dyadic θ, g every
        // product and difference is exact: θ − α·g = (0.5 − 0.5, −1.25 + 1, 2 − 0.125).
        var double = try Network<Double>(widths: [2, 1], activations: [.identity], loss: .mse,
                                         parameters: [0.5, -1.25, 2])
        double.descend(along: [1, -0.5, 0.25], learningRate: 0.5)
        #expect(double.parameters == [0, -1, 1.875])
        var float = try Network<Float>(widths: [2, 1], activations: [.identity], loss: .mse,
                                       parameters: [0.5, -1.25, 2])
        float.descend(along: [1, -0.5, 0.25], learningRate: 0.5)
        #expect(float.parameters == [0, -1, 1.875])
        // A zero step leaves θ alone; α = 1 subtracts g itself.
        float.descend(along: [0, 0, 0], learningRate: 0.5)
        #expect(float.parameters == [0, -1, 1.875])
        float.descend(along: [-3, 1, 0.875], learningRate: 1)
        #expect(float.parameters == [3, -2, 1])
    }

    @Test func descendRejectsAGradientOfTheWrongLength() async {
        await #expect(processExitsWith: .failure) {
            var network = try! Network<Double>(widths: [2, 1], activations: [.identity], loss: .mse)
            network.descend(along: [1, 2], learningRate: 0.1)
        }
    }

    /// A small regression problem: 2-3-1 tanh/identity network, m = 4, targets
    /// y = x₁ − x₂/2; θ and x dyadic, so exactly representable in Float.
    static let theta: [Double] = [0.25, -0.5, 0.75, 0.5, 0.125, -0.375, 0.0625, -0.125, 0.25, 0.5, -0.75, 0.375, 0.1875]
    static let x: [Double] = [0.5, -1, 1, 0.25, -0.75, 0.5, 0.25, 0.75]
    static let y: [Double] = [1, 0.875, -1, -0.125]

    static func network<T: BinaryFloatingPoint>(_: T.Type) throws -> (Network<T>, Batch<T>) {
        let network = try Network<T>(widths: [2, 3, 1], activations: [.tanh, .identity], loss: .mse,
                                     parameters: theta.map { T($0) })
        return (network, try network.batch(m: 4, x: x.map { T($0) }, y: y.map { T($0) }))
    }

    /// For a step `α` below `1/λ_max` of the Hessian, `L(θ − α·g) ≈ L − α‖g‖²(1 − αλ/2) < L`;
    /// here `‖∇²L‖` is O(1), so α = 0.05 decreases the loss by about 0.05·‖g‖² per step,
    /// far above Float's resolution of L (≈ 6e-8·L).
    func checkMonotoneDecrease<T>(_ setup: (network: Network<T>, batch: Batch<T>)) throws {
        var (network, batch) = setup
        let initial = network.loss(on: batch)
        let losses = network.train(on: batch, learningRate: 0.05, steps: 20)
        #expect(losses.count == 20)
        #expect(losses.first == initial)
        for step in 1..<losses.count {
            #expect(losses[step] < losses[step - 1], "step \(step): \(losses[step]) ≥ \(losses[step - 1]) in \(T.self)")
        }
        let final = network.loss(on: batch)
        #expect(final < losses.last!)
        #expect(final < initial * 0.9, "20 steps should reduce L noticeably: \(initial) → \(final)")
        // train is descend along lossAndGradient, repeated: one more step by hand agrees exactly.
        var byHand = network
        var trained = network
        byHand.descend(along: byHand.lossAndGradient(on: batch).gradient, learningRate: 0.05)
        trained.train(on: batch, learningRate: 0.05, steps: 1)
        #expect(byHand.parameters == trained.parameters)
    }

    @Test func trainLowersTheLossMonotonicallyInDouble() throws { try checkMonotoneDecrease(Self.network(Double.self)) }
    @Test func trainLowersTheLossMonotonicallyInFloat() throws { try checkMonotoneDecrease(Self.network(Float.self)) }

    @Test func zeroStepsDoNothing() throws {
        var (network, batch) = try Self.network(Double.self)
        #expect(network.train(on: batch, learningRate: 0.05, steps: 0).isEmpty)
        #expect(network.parameters == Self.theta)
    }

    /// The same network (θ, x, y exact in Float) evaluated in Float and in Double.
    ///
    /// Bound: every Float operation rounds with relative error ≤ u = 2⁻²⁴ (half of
    /// `Float.ulpOfOne`), tanh is accurate to ~1 ulp. The longest chain of dependent roundings
    /// in L is the affine sum of fanIn + 1 = 3 terms (3 roundings), tanh (2), the second affine
    /// sum of 4 terms (4), the residual and square (2), the sum of m·n = 4 terms (4) and the
    /// division (1): 16. With |x|, |θ|, |tanh'| ≤ 1 no layer amplifies an earlier error by more
    /// than Σ|W| ≤ 2, and each term ½r² of L takes the error of `a` times |r| ≤ |a| + |y|; so
    /// every term is off by at most 16·u·2·(|a| + |y| + 1)², and
    /// |L_Float − L_Double| ≤ 32·u·Σ(|a| + |y| + 1)²/m = 64·u·S = 32·ulpOfOne·S with
    /// S = Σ(|a| + |y| + 1)²/(2m) the loss scale (L without the cancellation in a − y).
    /// We allow 64·ulpOfOne·S: with S ≈ 2.9 here (ulp 2⁻²²) that is about 90 Float ulps of S.
    /// The Double loss is exact to ~1e-15 relative, negligible here.
    @Test func floatAndDoubleLossesAgree() throws {
        let (double, doubleBatch) = try Self.network(Double.self)
        let (float, floatBatch) = try Self.network(Float.self)
        let lossDouble = double.loss(on: doubleBatch)
        let lossFloat = Double(float.loss(on: floatBatch))
        let output = double.forward(doubleBatch.x, m: 4).a[2]
        let scale = CentralDifference.lossMagnitude(output, Self.y, m: 4) / 2
        let bound = 64 * Double(Float.ulpOfOne) * scale
        #expect(abs(lossFloat - lossDouble) <= bound,
                "Float \(lossFloat) vs Double \(lossDouble): difference \(abs(lossFloat - lossDouble)), bound \(bound)")

        // The gradients agree to the same kind of bound: each entry is a sum over rows of
        // products of δ (itself a residual times derivatives ≤ 1) with activations ≤ 1, so the
        // same chain of roundings, one more layer of propagation (×2), relative to the largest
        // entry plus 1.
        let gradientDouble = double.lossAndGradient(on: doubleBatch).gradient
        let gradientFloat = float.lossAndGradient(on: floatBatch).gradient
        let gradientScale = gradientDouble.map(abs).max()! + 1
        for i in gradientDouble.indices {
            #expect(abs(Double(gradientFloat[i]) - gradientDouble[i]) <= 128 * Double(Float.ulpOfOne) * gradientScale * scale,
                    "θ[\(i)]: Float \(gradientFloat[i]) vs Double \(gradientDouble[i])")
        }
    }
}
