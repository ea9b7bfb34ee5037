import Foundation
import GradCheckReports
@testable import GradCheckTesting
import Harness
import Testing

extension TanhRegression {
    /// The articles' example (`DocSnippetTests`), correct unless `dropsDerivative`.
    static func example(dropsDerivative: Bool = false) -> TanhRegression {
        TanhRegression(parameters: [0.3, -0.7, 0.1], x: [[1, 2], [0.5, -1], [-2, 0.3]], y: [0.2, -0.4, 0.9],
                       dropsDerivative: dropsDerivative)
    }
}

@Suite struct CheckGradientTests {
    @Test func aCorrectModelPasses() {
        var model = TanhRegression.example()
        let outcome = checkGradient(of: &model)
        #expect(outcome.passed && outcome.verdict == .pass)
        #expect(model.parameters == TanhRegression.example().parameters, "θ is left as it was")
    }

    /// The planted bug fails the check with one issue at the call, naming the worst element and
    /// the command that reruns this test.
    @Test func aPlantedBugRecordsOneIssueNamingTheWorstElement() {
        var model = TanhRegression.example(dropsDerivative: true)
        var outcome: GradientCheckOutcome?
        withKnownIssue {
            outcome = checkGradient(of: &model)
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined()
            return text.hasPrefix("gradient check FAIL") && text.contains("worst ") && text.contains("analytic ")
                && text.contains("replay: swift test --filter '[./]aPlantedBugRecordsOneIssueNamingTheWorstElement(\\(|$)'")
        }
        let worst = try? #require(outcome?.worst)
        #expect(worst.map { $0.label.hasPrefix("w[") || $0.label.hasPrefix("b[") } == true)
        #expect(outcome?.elementCounts[.fail, default: 0] ?? 0 > 0)
    }

    /// Options the CLI would refuse are refused here too, with an issue, not a trap or a
    /// silent default (a fast mode of Int.max directions crashed the test process).
    @Test(arguments: [GradientCheckOptions(atol: -1), GradientCheckOptions(rtol: .nan), GradientCheckOptions(mode: .fast(directions: .max)),
                      GradientCheckOptions(trainSteps: -3), GradientCheckOptions(learningRate: 0)])
    func invalidOptionsRecordAnIssue(options: GradientCheckOptions) {
        var model = TanhRegression.example()
        withKnownIssue {
            #expect(!checkGradient(of: &model, options: options).passed)
        } matching: { $0.comments.map(\.rawValue).joined().hasPrefix("gradient check not run: invalid GradientCheckOptions: ") }
    }

    /// A check after descent steps that resolves nothing (θ blown up by a huge step) fails: a
    /// diverged descent is not a pass.
    @Test func aDescentThatResolvesNothingFails() {
        var model = TanhRegression.example()
        withKnownIssue {
            #expect(!checkGradient(of: &model, options: GradientCheckOptions(trainSteps: 3, learningRate: 1e300)).passed)
        } matching: { $0.comments.map(\.rawValue).joined().contains("after 3 steps resolved no element") }
    }

    /// The replay filter names the calling test alone, not every test whose name contains it.
    @Test func theReplayFilterIsAnchored() {
        #expect(replayCommand("check()") == "swift test --filter '[./]check(\\(|$)'")
        #expect(replayCommand("deadNet(bias:)") == "swift test --filter '[./]deadNet(\\(|$)'")
    }

    /// After descent steps the check runs again, and its verdicts are counted with the first.
    @Test func checksAgainAfterTrainingSteps() {
        var model = TanhRegression.example()
        let outcome = checkGradient(of: &model, options: GradientCheckOptions(trainSteps: 3))
        #expect(outcome.passed && outcome.checks.map(\.trainStep) == [0, 3])
        #expect(model.parameters != TanhRegression.example().parameters)
    }

    /// A built-in network built from values, in both dtypes and in fast mode.
    @Test(arguments: [DType.float, .double])
    func aNetworkFromValuesPasses(dtype: DType) throws {
        let network = try Network<Double>(layers: [
            LayerValues(weights: [[0.5, -1], [0.25, 2]], biases: [0, 0.125], activation: .tanh),
            LayerValues(weights: [[1], [-1]], biases: [0], activation: .sigmoid),
        ], loss: .binaryCrossEntropy)
        let batch = try network.batch(m: 2, x: [1, -0.5, 0.25, 2], y: [1, 0])
        #expect(checkGradient(of: network, on: batch, options: GradientCheckOptions(dtype: dtype)).passed)
        #expect(checkGradient(of: network, on: batch, options: GradientCheckOptions(mode: .fast(directions: 2), dtype: dtype)).passed)
    }

    /// A network that resolves nothing (every ReLU unit dead) does not pass: the issue says so,
    /// and its replay command names a case file that `gradcheck replay` reads back.
    @Test func aNetworkThatResolvesNothingFailsWithACaseFile() throws {
        let network = try Network<Double>(layers: [
            LayerValues(weights: [[-1, -1]], biases: [-1, -1], activation: .relu),
            LayerValues(weights: [[1], [1]], biases: [0.5], activation: .identity),
        ], loss: .mse)
        // The output is b2 = 0.5 = y: every gradient is exactly 0 on both sides.
        let batch = try network.batch(m: 1, x: [1], y: [0.5])
        var outcome: GradientCheckOutcome?
        withKnownIssue {
            outcome = checkGradient(of: network, on: batch)
        } matching: { $0.comments.map(\.rawValue).joined().contains("replay: swift run gradcheck replay ") }
        let replay = try #require(outcome?.replay)
        #expect(outcome?.verdict == .inconclusive && outcome?.elementCounts[.inconclusive] == 7)
        let path = String(replay.dropFirst("swift run gradcheck replay ".count))
        let file = try CaseFile.parse(try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
        #expect(file.check().verdict == outcome?.verdict)
    }
}

@Suite struct NetworkValuesTests {
    @Test func shapesAreCheckedWithClearErrors() throws {
        #expect(throws: NetworkError.shapeMismatch(what: "layer 2 weights (rows, one per input)", expected: 2, got: 3)) {
            try Network<Double>(layers: [
                LayerValues(weights: [[1, 2]], biases: [0, 0], activation: .tanh),
                LayerValues(weights: [[1], [2], [3]], biases: [0], activation: .identity),
            ], loss: .mse)
        }
        #expect(throws: NetworkError.shapeMismatch(what: "layer 1 weights row 1 (one entry per unit; its 2 biases make 2 units)",
                                                   expected: 2, got: 1)) {
            try Network<Double>(layers: [LayerValues(weights: [[1, 2], [3]], biases: [0, 0], activation: .tanh)], loss: .mse)
        }
        #expect(throws: NetworkError.emptyLayer(layer: nil, what: "layers")) { try Network<Double>(layers: [], loss: .mse) }
        let empty = try #require(throws: NetworkError.self) {
            try Network<Double>(layers: [LayerValues(weights: [], biases: [], activation: .tanh)], loss: .mse)
        }
        #expect("\(empty)" == "layer 1 has no biases: one per unit, and a layer needs a unit")
        let unknown = try #require(throws: NetworkError.self) { try Loss(named: "cross-entropy") }
        #expect("\(unknown)".hasSuffix("; the losses are mse, bce, softmax-ce"))
    }

    @Test func valuesLandInTheFlatLayout() throws {
        let network = try Network<Double>(layers: [LayerValues(weights: [[1, 2], [3, 4]], biases: [5, 6], activation: .relu)],
                                          loss: .mse)
        #expect(network.parameters == [1, 2, 3, 4, 5, 6] && network.widths == [2, 2])
    }

    @Test func namesAreTheCLIs() throws {
        #expect(try Activation(named: "leaky-relu") == .leakyReLU && Loss(named: "softmax-ce") == .softmaxCrossEntropy)
        let error = try #require(throws: NetworkError.self) { try Activation(named: "gelu") }
        #expect("\(error)" == "no activation is named \"gelu\"; the activations are sigmoid, tanh, relu, leaky-relu, softplus, identity")
    }
}

/// `checkTaylor(of:)` on a model of the user's without `H·v`: r₂ of order 2 passes; the seed
/// article's bug (the output delta without `tanh'`) gives r₂ of order 1 and one issue.
@Suite struct CheckTaylorTests {
    static let x: [[Double]] = [[1, 2], [0.5, -1], [-2, 0.3]]
    static let y: [Double] = [0.2, -0.4, 0.9]

    @Test func aRightGradientPasses() throws {
        let result = checkTaylor(of: TanhRegression(parameters: [0.3, -0.7, 0.1], x: Self.x, y: Self.y))
        #expect(result.verdict == .pass)
        let order = try #require(result.fit(2)?.order)
        #expect(abs(order - 2) < 0.05 && result.fit(3) == nil)
    }

    @Test func aDroppedDerivativeRecordsOneIssue() {
        var result: TaylorResult?
        withKnownIssue {
            result = checkTaylor(of: TanhRegression(parameters: [0.3, -0.7, 0.1], x: Self.x, y: Self.y, dropsDerivative: true))
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined()
            return text.hasPrefix("Taylor test FAIL") && text.contains("r2: order 1.0")
                && text.contains("replay: swift test --filter '[./]aDroppedDerivativeRecordsOneIssue(\\(|$)'")
        }
        #expect(result?.verdict == .fail)
    }
}
