import GradientCheck
import Mutations
import NeuralNetwork
import Testing

/// `MutatedBackprop` is the core's backprop plus exactly one bug: without a bug it is the core
/// bit for bit, and each mutant leaves the gradient alone on the trials its documentation
/// says cannot expose it.
@Suite struct MutatedBackpropTests {
    static let specs = (0..<120).map { TrialGenerator.trial($0, options: TrialOptions()) }

    @Test(arguments: DType.allCases)
    func withoutABugItIsTheCoreBitForBit(_ dtype: DType) {
        for spec in Self.specs {
            switch dtype {
            case .float: expectSameBits(spec.objective(Float.self), spec.index)
            case .double: expectSameBits(spec.objective(Double.self), spec.index)
            }
        }
    }

    /// Float and Double widen exactly to Double, so equal Double bits are equal bits.
    func expectSameBits<S>(_ objective: NetworkObjective<S>, _ trial: Int) {
        func bits(_ values: [S]) -> [UInt64] { values.map { Double($0).bitPattern } }
        let core = objective.lossAndGradient()
        let replica = MutatedBackprop(network: objective.network, batch: objective.batch, bug: nil).lossAndGradient()
        #expect(bits([replica.loss]) == bits([core.loss]), "trial \(trial)")
        #expect(bits(replica.gradient) == bits(core.gradient), "trial \(trial)")
    }

    /// Whether `spec` is a trial on which `mutant` cannot change the gradient, as its doc
    /// comment says; `false` for mutants that every trial exposes. Layer 1 is the hidden layer
    /// and layer 2 the output of the default 2-layer trials.
    static func hides(_ mutant: Mutant, on spec: TrialSpec) -> Bool {
        let (hidden, output) = (spec.activations[0], spec.activations[1])
        func derivativeEnters(_ kinds: Set<Activation>) -> Bool {
            kinds.contains(hidden) || (spec.loss == .mse && kinds.contains(output))
        }
        switch mutant {
        case .crossEntropyDeltaUnderMSE: return spec.loss != .mse || output == .identity
        case .extraSigmoidPrimeUnderCrossEntropy: return spec.loss != .binaryCrossEntropy
        case .missingHalf: return spec.loss != .mse
        case .signError, .backpropStopsOneLayerEarly: return false
        case .missingBatchMean, .batchMeanTwice, .extraBatchFactor, .biasGradientFromFirstRowOnly: return spec.m == 1
        case .droppedActivationDerivative, .weightGradientFromPreActivation: return hidden == .identity
        case .offByOneLayer: return hidden == output
        case .transposedWeights: return spec.widths[1] == 1 || spec.widths[2] == 1
        case .derivativeAtActivation: return !derivativeEnters([.sigmoid, .tanh, .softplus])
        case .derivativeFedPreActivation: return !derivativeEnters([.sigmoid, .tanh])
        case .tanhDerivativeAsSigmoid: return !derivativeEnters([.tanh])
        case .leakySlopeDropped: return !derivativeEnters([.leakyReLU])
        case .softmaxUnnormalised: return spec.loss != .softmaxCrossEntropy
        case .missingRegularisationGradient, .halvedRegularisationGradient, .regularisedBiases:
            return spec.weightDecay == 0
        case .droppedSecondDerivative: return ![Activation.sigmoid, .tanh, .softplus].contains(hidden)
        case .lossHessianWithoutBatchMean: return spec.m == 1
        case .softmaxJacobianDiagonalOnly: return spec.loss != .softmaxCrossEntropy
        }
    }

    /// A second-order mutant leaves the gradient bitwise, and changes `H·v` exactly where its
    /// doc comment says it can; without a bug, `H·v` is the core's bit for bit.
    @Test(arguments: Mutant.secondOrder)
    func secondOrderBugsChangeOnlyHv(_ mutant: Mutant) {
        func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
        var changed = 0
        for spec in Self.specs {
            let objective = spec.objective(Double.self)
            let v = TaylorTest.direction(of: objective, seed: spec.trialSeed)
            let correct = objective.hessianVectorProduct(v)!
            let replica = MutatedBackprop(network: objective.network, batch: objective.batch, bug: nil).hessianVectorProduct(v)
            #expect(bits(replica) == bits(correct), "trial \(spec.index)")
            let mutated = MutantObjective(objective, mutant: mutant)
            #expect(bits(mutated.lossAndGradient().gradient) == bits(objective.lossAndGradient().gradient))
            let hv = mutated.hessianVectorProduct(v)!
            if Self.hides(mutant, on: spec) {
                #expect(hv == correct, "trial \(spec.index) should hide \(mutant)")
            } else if hv != correct {
                changed += 1
            }
        }
        #expect(changed >= 5, "\(mutant) changed H·v on \(changed) of \(Self.specs.count) trials")
    }

    /// The mutant changes no gradient value where it hides, and some where it does not.
    @Test(arguments: Mutant.firstOrder)
    func hidesExactlyWhereDocumented(_ mutant: Mutant) {
        var changed = 0
        for spec in Self.specs {
            let objective = spec.objective(Double.self)
            let correct = objective.lossAndGradient().gradient
            let mutated = MutantObjective(objective, mutant: mutant).lossAndGradient()
            #expect(mutated.loss.bitPattern == objective.loss().bitPattern, "trial \(spec.index)")
            if Self.hides(mutant, on: spec) {
                #expect(mutated.gradient == correct, "trial \(spec.index) should hide \(mutant)")
            } else if mutated.gradient != correct {
                changed += 1
            }
        }
        #expect(changed >= 5, "\(mutant) changed the gradient on \(changed) of \(Self.specs.count) trials")
    }

    /// The recheck of a failing element compares with the wider evaluation of the same code: a
    /// mutant's reference analytic value is the mutant's, not the correct network's.
    @Test func referenceGradientCarriesTheBug() throws {
        let objective = Self.specs[0].objective(Double.self)
        let mutant = MutantObjective(objective, mutant: .missingHalf)
        let (correct, mutated) = (objective.lossAndGradient().gradient, mutant.lossAndGradient().gradient)
        let i = try #require(correct.indices.first { abs(mutated[$0] - correct[$0]) > 0.1 * abs(correct[$0]) })
        let (theta, h) = (objective.parameters[i], 1.0 / 131_072)
        let points = [theta - h, theta + h, theta - h / 2, theta + h / 2]
        let reference = try #require(mutant.referenceEvaluation(i, points: points, returnedStep: h))
        let correctReference = try #require(objective.referenceEvaluation(i, points: points, returnedStep: h))
        let (mutatedStar, correctStar) = (try #require(mutant.referenceGradient()), try #require(objective.referenceGradient()))
        #expect(abs(mutatedStar[i] - mutated[i]) <= 1e-12 * abs(mutated[i]))
        #expect(abs(correctStar[i] - correct[i]) <= 1e-12 * abs(correct[i]))
        // The numerical side is the base's: the loss has no bug.
        #expect(reference.sameStencil.value == correctReference.sameStencil.value)
        #expect(reference.ownStep.value == correctReference.ownStep.value)
    }
}
