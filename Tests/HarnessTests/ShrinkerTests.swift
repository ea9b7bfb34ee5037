import Foundation
import GradientCheck
@testable import Harness
import NeuralNetwork
import Testing

/// The shrinker on planted bugs: how small the minimal case gets, that it still fails the same
/// way, and that shrinking is deterministic and bounded.
@Suite struct ShrinkerTests {
    static let options = TrialOptions(layers: 2, seed: 1)

    /// Checks `spec` in `dtype` with a gradient scaled by `factor` (`PlantedGradientScale`).
    static func planted(_ factor: Double, dtype: DType, tensor: String? = nil) -> (TrialSpec) -> TrialResult {
        { $0.run(dtype, settings: CaseRun.defaults(dtype, planted: PlantedBug(scale: factor, tensor: tensor))) }
    }

    /// A 1.5× gradient fails every network with a non-zero gradient, so every width shrinks to
    /// its minimum (1, or 2 for a softmax output) and the batch to one row.
    @Test(arguments: [DType.float, .double], [1, 2, 3])
    func plantedScaleShrinksToMinimalWidths(_ dtype: DType, layers: Int) throws {
        let rerun = Self.planted(1.5, dtype: dtype)
        for index in 0..<6 {
            let original = rerun(TrialGenerator.trial(index, options: TrialOptions(layers: layers, seed: 1)))
            let shrunk = try #require(Shrinker().shrink(original, rerun: rerun), "trial \(index) did not fail")
            let minimal = shrunk.minimal.spec
            let replay = "gradcheck --layers \(layers) --trial \(index) --dtype \(dtype.rawValue) --plant-gradient-scale 1.5"
            let outputMinimum = minimal.loss == .softmaxCrossEntropy ? 2 : 1
            #expect(minimal.widths == Array(repeating: 1, count: layers) + [outputMinimum], "\(replay): \(minimal.widths)")
            #expect(minimal.m == 1, "\(replay): m = \(minimal.m)")
            #expect(minimal.parameters.count < original.spec.parameters.count || original.spec.widths == minimal.widths)
            #expect(shrunk.signature.matches(rerun(minimal)), "\(replay): the minimal case no longer fails the same way")
            #expect(shrunk.minimal == rerun(minimal), "\(replay): the recorded minimal result is not the minimal spec's")
            #expect(minimal.index == index && minimal.trialSeed == original.spec.trialSeed)
            #expect(minimal.invalidity == nil, "\(replay): \(minimal.invalidity ?? "")")
            #expect(!shrunk.stats.budgetExhausted && shrunk.stats.predicateCalls <= 500, "\(replay): \(shrunk.stats)")
            // Values end simple: an integer or one significant digit, as a Float.
            for v in minimal.parameters + minimal.x + minimal.y {
                let oneDigit = Double(String(format: "%.0e", v)).map { Double(Float($0)) }
                #expect(v == v.rounded() || oneDigit == v, "\(replay): \(v) is not simple")
            }
        }
    }

    /// A bug restricted to W2 keeps W2 failing in the minimal case.
    @Test func restrictedBugKeepsItsTensor() throws {
        let rerun = Self.planted(1.5, dtype: .double, tensor: "W2")
        let original = rerun(TrialGenerator.trial(3, options: Self.options))
        let shrunk = try #require(Shrinker().shrink(original, rerun: rerun))
        #expect(shrunk.signature.tensor == "W2")
        #expect(shrunk.minimal.check[tensor: "W2"]?.verdict == .fail)
        #expect(shrunk.minimal.check[tensor: "W1"]?.verdict.isAcceptable == true)
        #expect(shrunk.minimal.spec.widths.allSatisfy { $0 <= 2 } && shrunk.minimal.spec.m == 1)
    }

    /// A gradient that is `m` times too large (a missing `1/m`) is right at `m = 1`: the shrink
    /// must stop at two rows.
    @Test func missingBatchMeanStopsAtTwoRows() throws {
        let rerun: (TrialSpec) -> TrialResult = { spec in
            var model = BuggyGradient.missingBatchMean(spec.objective(Double.self))
            return TrialResult(spec: spec, dtype: .double, settings: CaseRun.defaults(.double), check: try! GradientChecker().check(&model))
        }
        let spec = try #require((0..<20).map { TrialGenerator.trial($0, options: Self.options) }.first { $0.m >= 3 })
        let shrunk = try #require(Shrinker().shrink(rerun(spec), rerun: rerun))
        let minimal = shrunk.minimal.spec
        #expect(minimal.m == 2, "m = \(minimal.m) from \(spec.m)")
        #expect(minimal.widths.allSatisfy { $0 <= 2 }, "\(minimal.widths)")
        #expect(shrunk.signature.matches(rerun(minimal)))
    }

    /// Weight decay is dropped from a case whose bug does not need it, and kept in one whose
    /// bug is the missing `λ·W`.
    @Test func weightDecayStaysOnlyWhenTheBugNeedsIt() throws {
        let decayed = TrialOptions(layers: 2, weightDecayShare: 1, seed: 1)
        let planted = Self.planted(1.5, dtype: .double)
        let scaled = try #require(Shrinker().shrink(planted(TrialGenerator.trial(0, options: decayed)), rerun: planted))
        #expect(scaled.original.spec.weightDecay > 0 && scaled.minimal.spec.weightDecay == 0)

        let rerun: (TrialSpec) -> TrialResult = { spec in
            var model = BuggyGradient.missingWeightDecay(spec.objective(Double.self))
            return TrialResult(spec: spec, dtype: .double, settings: CaseRun.defaults(.double), check: try! GradientChecker().check(&model))
        }
        let original = TrialGenerator.trial(0, options: decayed)
        let missing = try #require(Shrinker().shrink(rerun(original), rerun: rerun))
        #expect(missing.minimal.spec.weightDecay == original.weightDecay)
        #expect(missing.minimal.spec.widths.allSatisfy { $0 <= 2 }, "\(missing.minimal.spec.widths)")
    }

    /// A bug that shows only once θ has moved (`--train-steps`) is kept in the trained check.
    @Test func bugAfterDescentStaysAfterDescent() throws {
        let rerun: (TrialSpec) -> TrialResult = { spec in
            var model = BuggyGradient.scaledOnceMoved(spec.objective(Double.self))
            let drawn = try! GradientChecker().check(&model)
            model.descend(steps: spec.trainSteps, learningRate: spec.learningRate)
            return TrialResult(spec: spec, dtype: .double, settings: CaseRun.defaults(.double), check: drawn, trained: try! GradientChecker().check(&model))
        }
        let original = rerun(TrialGenerator.trial(0, options: TrialOptions(layers: 2, trainSteps: 2, seed: 1)))
        let shrunk = try #require(Shrinker().shrink(original, rerun: rerun))
        #expect(shrunk.signature.trainStep == 2)
        #expect(shrunk.minimal.check.verdict.isAcceptable && shrunk.minimal.trained?.verdict == .fail)
        #expect(shrunk.minimal.spec.trainSteps == 2)
        #expect(shrunk.minimal.spec.widths.allSatisfy { $0 <= 2 } && shrunk.minimal.spec.m == 1, "\(shrunk.minimal.spec)")
    }

    @Test func shrinkingIsDeterministic() throws {
        let rerun = Self.planted(1.5, dtype: .float)
        let original = rerun(TrialGenerator.trial(1, options: Self.options))
        let first = try #require(Shrinker().shrink(original, rerun: rerun))
        let second = try #require(Shrinker().shrink(original, rerun: rerun))
        #expect(first == second)
    }

    /// The budget bounds the predicate calls; what was found so far still fails.
    @Test func budgetBoundsTheSearch() throws {
        let rerun = Self.planted(1.5, dtype: .double)
        let original = rerun(TrialGenerator.trial(0, options: Self.options))
        let shrunk = try #require(Shrinker(budget: 3).shrink(original, rerun: rerun))
        #expect(shrunk.stats.predicateCalls == 3 && shrunk.stats.budgetExhausted)
        #expect(shrunk.signature.matches(rerun(shrunk.minimal.spec)))
    }

    /// A passing trial has nothing to shrink.
    @Test func passingTrialIsNotShrunk() {
        let rerun = Self.planted(1, dtype: .double)
        #expect(Shrinker().shrink(rerun(TrialGenerator.trial(0, options: Self.options)), rerun: rerun) == nil)
    }

    /// Softmax-ce keeps two classes and one-hot targets, whatever the predicate accepts.
    @Test func softmaxKeepsTwoClassesAndOneHotTargets() throws {
        let options = TrialOptions(layers: 2, loss: .softmaxCrossEntropy, seed: 2)
        let spec = TrialGenerator.trial(0, options: options)
        let result = Shrinker().shrink(spec) { _ in true }
        let minimal = result.minimal
        #expect(minimal.widths == [1, 1, 2] && minimal.m == 1)
        #expect(minimal.y.sorted() == [0, 1])
        #expect(minimal.invalidity == nil)
        #expect(minimal.parameters.allSatisfy { $0 == 0 } && minimal.x == [0])
    }
}

/// A network objective whose backprop gradient is rewritten by `bug`: a planted bug of a
/// known kind. The loss and kink pattern are the base's.
struct BuggyGradient: GradientCheckable {
    var base: NetworkObjective<Double>
    let bug: @Sendable (NetworkObjective<Double>, [Double]) -> [Double]
    var parameterTensors: [ParameterTensor] { base.parameterTensors }
    var parameters: [Double] {
        get { base.parameters }
        set { base.parameters = newValue }
    }
    func loss() -> Double { base.loss() }
    func lossAndGradient() -> (loss: Double, gradient: [Double]) {
        let (loss, gradient) = base.lossAndGradient()
        return (loss, bug(base, gradient))
    }
    func kinkPattern() -> [Int8]? { base.kinkPattern() }

    /// The batch mean's `1/m` is missing: the gradient is `m` times too large.
    static func missingBatchMean(_ base: NetworkObjective<Double>) -> BuggyGradient {
        BuggyGradient(base: base) { base, gradient in gradient.map { $0 * Double(base.batch.m) } }
    }

    /// The weight decay's `λ·W` left out of the gradient.
    static func missingWeightDecay(_ base: NetworkObjective<Double>) -> BuggyGradient {
        BuggyGradient(base: base) { base, gradient in
            var gradient = gradient
            for layer in base.network.layers {
                for i in layer.weightOffset..<layer.biasOffset { gradient[i] -= base.network.weightDecay * base.parameters[i] }
            }
            return gradient
        }
    }

    /// Right at the θ it was built with, 1.5× too large anywhere else: a bug that only descent
    /// steps reveal.
    static func scaledOnceMoved(_ base: NetworkObjective<Double>) -> BuggyGradient {
        let initial = base.parameters
        return BuggyGradient(base: base) { base, gradient in base.parameters == initial ? gradient : gradient.map { $0 * 1.5 } }
    }
}
