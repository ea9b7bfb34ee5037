import NeuralNetwork
import RealModule

/// One random trial: a network shape, its parameters and a batch, dtype-independent.
///
/// All values are drawn in Double and rounded to Float, so the Float and Double checks of a
/// trial evaluate exactly the same function (Float values widen exactly to Double).
public struct TrialSpec: Sendable, Equatable, Codable {
    /// Trial index within the run, 0-based.
    public var index: Int
    /// `TrialSeed.derive(seed, index)`.
    public var trialSeed: UInt32
    /// `d₀ … d_L`.
    public var widths: [Int]
    /// Batch size `m`.
    public var m: Int
    /// One per layer.
    public var activations: [Activation]
    public var loss: Loss
    /// θ in `Network`'s flat layout.
    public var parameters: [Double]
    /// Inputs [m × d₀] and targets [m × d_L], row-major.
    public var x: [Double]
    public var y: [Double]
    /// Gradient-descent steps, and their `α`, before the trial's second check
    /// (`TrialOptions.trainSteps`; 0 for none).
    public var trainSteps = 0
    public var learningRate = TrialOptions.defaultLearningRate
    /// Set when the trial was drawn in the saturation regime (already applied to `parameters`
    /// or `x`).
    public var saturation: SaturationRegime?
    /// L2 weight decay `λ` of the network (`Network.weightDecay`); 0 for none.
    public var weightDecay = 0.0

    /// θ's layout for these widths (`ParameterLayout`); the spec is valid by construction.
    public var layout: ParameterLayout { try! ParameterLayout(widths: widths) }

    /// The network and batch in dtype `S`. The spec is valid by construction, so a failure
    /// here is a programming error.
    @inlinable
    public func objective<S: Real & BinaryFloatingPoint & Sendable>(_: S.Type) -> NetworkObjective<S> {
        let network = try! Network<S>(widths: widths, activations: activations, loss: loss,
                                      weightDecay: S(weightDecay), parameters: parameters.map { S($0) })
        let batch = try! network.batch(m: m, x: x.map { S($0) }, y: y.map { S($0) })
        return NetworkObjective(network: network, batch: batch)
    }
}

extension TrialSpec {
    /// A trial of a network and batch given by value (a test's own model, not a drawn one), as
    /// trial 0: a case file of it replays that network (`GradCheckTesting`). Values are kept in
    /// Double, which holds a Float network's exactly.
    /// - Parameters:
    ///   - network: the network, its parameters θ.
    ///   - batch: the inputs and targets it is checked on.
    ///   - trainSteps: descent steps before the second check (0: none).
    ///   - learningRate: their `α`.
    public init<Scalar: Real & BinaryFloatingPoint & Sendable>(network: Network<Scalar>, batch: Batch<Scalar>,
                                                                trainSteps: Int = 0,
                                                                learningRate: Double = TrialOptions.defaultLearningRate) {
        self.init(index: 0, trialSeed: 0, widths: network.widths, m: batch.m, activations: network.layers.map(\.activation),
                  loss: network.loss, parameters: network.parameters.map(Double.init), x: batch.x.map(Double.init),
                  y: batch.y.map(Double.init), trainSteps: trainSteps, learningRate: learningRate,
                  weightDecay: Double(network.weightDecay))
    }

    init(index: Int, trialSeed: UInt32, widths: [Int], m: Int, activations: [Activation], loss: Loss, parameters: [Double],
         x: [Double], y: [Double], trainSteps: Int, learningRate: Double, weightDecay: Double) {
        (self.index, self.trialSeed, self.widths, self.m) = (index, trialSeed, widths, m)
        (self.activations, self.loss, self.parameters, self.x, self.y) = (activations, loss, parameters, x, y)
        (self.trainSteps, self.learningRate, self.weightDecay) = (trainSteps, learningRate, weightDecay)
    }
}
