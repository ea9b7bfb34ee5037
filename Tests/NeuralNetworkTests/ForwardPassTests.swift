import NeuralNetwork
import Testing

/// The forward pass `z = x·W + b`, `a = f(z)` (row-vector convention) on a hand-computed
/// 2-2-1 network whose every intermediate is exact in binary.
@Suite struct ForwardPassTests {
    /// Layer 1 (relu): W₁ = [[0.5, −1], [0.25, 2]], b₁ = [0.5, −0.5].
    /// Layer 2 (identity): W₂ = [[1], [−0.5]], b₂ = [0.25].
    static let theta: [Double] = [0.5, -1, 0.25, 2, 0.5, -0.5, 1, -0.5, 0.25]
    /// Two rows: x₁ = (1, 2), x₂ = (2, −1).
    static let x: [Double] = [1, 2, 2, -1]

    static func network<T: BinaryFloatingPoint>(_: T.Type) throws -> Network<T> {
        try Network<T>(widths: [2, 2, 1], activations: [.relu, .identity], loss: .mse,
                       parameters: theta.map { T($0) })
    }

    @Test func handComputedTwoTwoOne() throws {
        let network = try Self.network(Double.self)
        let pass = network.forward(Self.x, m: 2)
        // Row 1: z₁ = (1·0.5 + 2·0.25 + 0.5, 1·(−1) + 2·2 − 0.5) = (1.5, 2.5), a₁ = (1.5, 2.5);
        //        z₂ = 1.5·1 + 2.5·(−0.5) + 0.25 = 0.5.
        // Row 2: z₁ = (2·0.5 − 0.25 + 0.5, 2·(−1) − 2 − 0.5) = (1.25, −4.5), a₁ = (1.25, 0);
        //        z₂ = 1.25 − 0 + 0.25 = 1.5.
        // (The column-vector reading W·x would give z₁ = (−1, …) for row 1 instead.)
        #expect(pass.m == 2)
        #expect(pass.z.count == 2 && pass.a.count == 3)
        #expect(pass.a[0] == Self.x)
        #expect(pass.z[0] == [1.5, 2.5, 1.25, -4.5])
        #expect(pass.a[1] == [1.5, 2.5, 1.25, 0])
        #expect(pass.z[1] == [0.5, 1.5])
        #expect(pass.a[2] == [0.5, 1.5])
    }

    @Test func lossOfTheHandExample() throws {
        // y = (1, 1): residuals −0.5, 0.5; L = (0.25 + 0.25)/(2·2) = 0.125.
        let network = try Self.network(Double.self)
        let batch = try network.batch(m: 2, x: Self.x, y: [1, 1])
        #expect(network.loss(on: batch) == 0.125)
        // backward returns the very same loss value it differentiates.
        #expect(network.lossAndGradient(on: batch).loss == 0.125)
        let float = try Self.network(Float.self)
        #expect(float.loss(on: try float.batch(m: 2, x: Self.x.map(Float.init), y: [1, 1])) == 0.125)
    }

    @Test func forwardAppliesEachLayersActivation() throws {
        // Same θ with sigmoid output: a₂ = σ(z₂), z₂ unchanged.
        let network = try Network<Double>(widths: [2, 2, 1], activations: [.relu, .sigmoid], loss: .binaryCrossEntropy,
                                          parameters: Self.theta)
        let pass = network.forward(Self.x, m: 2)
        #expect(pass.z[1] == [0.5, 1.5])
        #expect(pass.a[2] == [Activation.sigmoid.value(0.5), Activation.sigmoid.value(1.5)])
    }
}
