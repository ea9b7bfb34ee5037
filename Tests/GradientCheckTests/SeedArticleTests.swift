import GradientCheck
import NeuralNetwork
import RealModule
import Testing

/// The README's worked example: the seed article's 2-layer network, checked as written.
@Suite struct SeedArticleTests {
    static let widths = [3, 4, 1]
    static let parameters = normals(3 * 4 + 4 + 4 * 1 + 1, sigma: 0.9)
    static let x = normals(4 * 3, offset: 5)
    static let y: [Double] = [1, 0, 0, 1]

    func check<S: Real & BinaryFloatingPoint & Sendable>(_: S.Type, loss: Loss) throws -> CheckResult {
        var model = SeedArticleNetwork<S>(widths: Self.widths, lossKind: loss, x: Self.x.map { S($0) },
                                          y: Self.y.map { S($0) }, m: 4, parameters: Self.parameters.map { S($0) })
        return try GradientChecker().check(&model)
    }

    @Test func withMSEEveryTensorFails() throws {
        for result in [try check(Float.self, loss: .mse), try check(Double.self, loss: .mse)] {
            #expect(result.tensors.map(\.tensor.name) == ["W1", "b1", "W2", "b2"])
            #expect(result.tensors.allSatisfy { $0.verdict == .fail })
        }
    }

    @Test func withBinaryCrossEntropyEveryTensorPasses() throws {
        for result in [try check(Float.self, loss: .binaryCrossEntropy), try check(Double.self, loss: .binaryCrossEntropy)] {
            #expect(result.verdict == .pass)
            #expect(result.tensors.allSatisfy { $0.verdict == .pass })
        }
    }
}
