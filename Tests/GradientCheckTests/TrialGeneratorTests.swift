import GradientCheck
import NeuralNetwork
import Testing

@Suite struct TrialGeneratorTests {
    @Test func sameSeedAndIndexGiveTheSameTrial() {
        let options = TrialOptions(layers: 3, seed: 99)
        #expect(TrialGenerator.trial(17, options: options) == TrialGenerator.trial(17, options: options))
        #expect(TrialGenerator.trial(17, options: options) != TrialGenerator.trial(18, options: options))
        #expect(TrialGenerator.trial(17, options: options)
                != TrialGenerator.trial(17, options: TrialOptions(layers: 3, seed: 100)))
    }

    /// Bugs that hide at m = 1 (a missing 1/m) or in square layers (a transposed W) need most
    /// trials to have m ≥ 2 and non-square layers.
    @Test func mostTrialsHaveBatchesAndNonSquareLayers() {
        let options = TrialOptions(layers: 2, maxWidth: 16, maxBatch: 8, seed: 5)
        let specs = (0..<1000).map { TrialGenerator.trial($0, options: options) }
        let batched = specs.filter { $0.m >= 2 }.count
        let layers = specs.flatMap { s in (0..<2).map { (s.widths[$0], s.widths[$0 + 1]) } }
        let nonSquare = layers.filter { $0.0 != $0.1 }.count
        #expect(batched > 850 && batched < 950)
        #expect(Double(nonSquare) / Double(layers.count) > 0.95)
        #expect(specs.allSatisfy { $0.widths.allSatisfy { (1...16).contains($0) } && (1...8).contains($0.m) })
        #expect(Set(specs.map(\.loss)).count == Loss.allCases.count)
        #expect(Set(specs.flatMap(\.activations)).count == Activation.allCases.count)
    }

    @Test func outputActivationAndTargetsFollowTheLoss() {
        for loss in Loss.allCases {
            let options = TrialOptions(layers: 2, activation: .relu, loss: loss, seed: 3)
            for index in 0..<50 {
                let spec = TrialGenerator.trial(index, options: options)
                #expect(spec.activations[0] == .relu)
                #expect(spec.activations[1] == loss.requiredOutputActivation ?? .relu)
                let n = spec.widths[2]
                switch loss {
                case .softmaxCrossEntropy:
                    #expect(n >= 2)
                    for r in 0..<spec.m { #expect(spec.y[r * n..<(r + 1) * n].reduce(0, +) == 1) }
                case .binaryCrossEntropy:
                    #expect(spec.y.allSatisfy { $0 == 0 || $0 == 1 })
                case .mse:
                    #expect(spec.y.count == spec.m * n)
                }
            }
        }
    }

    /// One softmax output is a constant loss, so width 1 never draws softmax-ce.
    @Test func widthOneNeverDrawsSoftmax() {
        let options = TrialOptions(layers: 2, maxWidth: 1, seed: 4)
        let losses = Set((0..<200).map { TrialGenerator.trial($0, options: options).loss })
        #expect(losses == [.mse, .binaryCrossEntropy])
    }

    /// Values are Float-representable so both dtypes check one function.
    @Test func valuesAreFloatRepresentable() {
        let spec = TrialGenerator.trial(0, options: TrialOptions(seed: 8))
        for v in spec.parameters + spec.x + spec.y { #expect(Double(Float(v)) == v) }
    }

    /// Half the trials carry a weight decay from `weightDecays`, the other half none.
    @Test func weightDecayIsDrawnHalfTheTime() {
        let specs = (0..<1000).map { TrialGenerator.trial($0, options: TrialOptions(seed: 6)) }
        let decayed = specs.filter { $0.weightDecay != 0 }
        #expect(decayed.count > 450 && decayed.count < 550)
        #expect(Set(decayed.map(\.weightDecay)) == Set(TrialGenerator.weightDecays))
        #expect(TrialGenerator.weightDecays.allSatisfy { Double(Float($0)) == $0 })
        // The share turns it off or on for every trial.
        #expect((0..<100).allSatisfy { TrialGenerator.trial($0, options: TrialOptions(weightDecayShare: 0)).weightDecay == 0 })
        #expect((0..<100).allSatisfy { TrialGenerator.trial($0, options: TrialOptions(weightDecayShare: 1)).weightDecay > 0 })
    }

    /// `λ` is drawn after everything else, so the other values of a trial are those the
    /// generator drew before it had `λ` (recorded from that version: trial 0, default options).
    @Test func weightDecayLeavesTheOtherDrawsAlone() {
        let spec = TrialGenerator.trial(0, options: TrialOptions())
        #expect(spec.widths == [5, 12, 4] && spec.m == 8 && spec.loss == .mse && spec.activations == [.relu, .relu])
        #expect(spec.parameters.count == 124 && spec.parameters.last == -0.18848402798175812)
        #expect(spec.x.last == -0.02045934461057186 && spec.y.last == -0.12587374448776245)
    }
}

/// `TrialSpec.invalidity`: what a case file read from disk is checked for before it is built,
/// in the network's own words (`Network.validate`, `Batch.validate`).
@Suite struct TrialSpecValidationTests {
    @Test func generatedTrialsAreValid() {
        for index in 0..<20 { #expect(TrialGenerator.trial(index, options: TrialOptions(layers: 3, seed: 2)).invalidity == nil) }
    }

    @Test(arguments: [
        ("widths", "at least 2 widths"), ("zero width", "must be ≥ 1"), ("huge widths", "more parameters than an Int"),
        ("activations", "activations (one per layer)"), ("output", "needs output activation"), ("m", "must be ≥ 1"),
        ("parameters", "parameters, got"), ("x", "x: expected"), ("float", "not a Float value"), ("index", "negative"),
        ("weight decay", "weight decay λ"),
    ])
    func invalidSpecsAreNamed(_ edit: String, _ message: String) {
        var spec = TrialGenerator.trial(0, options: TrialOptions(layers: 2, loss: .mse, seed: 2))
        switch edit {
        case "widths": spec.widths = [3]
        case "zero width": spec.widths[1] = 0
        case "huge widths": spec.widths = [Int.max / 2, Int.max / 2, 1]
        case "activations": spec.activations.removeLast()
        case "output": spec.loss = .binaryCrossEntropy; spec.activations[1] = .tanh
        case "m": spec.m = 0
        case "parameters": spec.parameters.removeLast()
        case "x": spec.x.append(0)
        case "float": spec.parameters[0] = 0.1
        case "weight decay": spec.weightDecay = -1
        default: spec.index = -1
        }
        #expect(spec.invalidity?.contains(message) == true, "\(edit): \(spec.invalidity ?? "valid")")
    }
}
