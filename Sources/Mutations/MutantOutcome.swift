import GradientCheck
import NeuralNetwork

/// What the self-test found for one mutant in one dtype.
public struct MutantOutcome: Sendable, Equatable, Codable {
    public var mutant: Mutant
    public var dtype: DType
    /// Trials drawn, `0..<trialsDrawn`: up to and including the killing one, or the whole budget.
    public var trialsDrawn: Int
    /// Of those, the trials on which the bug changed the gradient; on the others the mutant
    /// computes the correct gradient and no check could expose it.
    public var activeTrials: Int
    /// Active trials on which the mutant was flagged but the correct network was flagged too,
    /// so the flag cannot be put down to the bug; they do not count as kills.
    public var unattributedTrials: Int
    /// The first trial that caught the mutant, or `nil` if it survived the budget.
    public var kill: Kill?

    public var caught: Bool { kill != nil }

    public init(mutant: Mutant, dtype: DType, trialsDrawn: Int = 0, activeTrials: Int = 0,
                unattributedTrials: Int = 0, kill: Kill? = nil) {
        self.mutant = mutant
        self.dtype = dtype
        self.trialsDrawn = trialsDrawn
        self.activeTrials = activeTrials
        self.unattributedTrials = unattributedTrials
        self.kill = kill
    }
}

/// The trial that caught a mutant: the mutant's verdict was not acceptable there and the
/// correct network's was. The tensor is the most severe one and, among those, the one whose
/// worst element is furthest outside the rule (largest `|a − n|/allowed`).
public struct Kill: Sendable, Equatable, Codable {
    public var trial: Int
    /// The mutant's trial verdict (FAIL, NON-FINITE, …).
    public var verdict: Verdict
    /// The correct network's verdict on the same trial.
    public var correctVerdict: Verdict
    public var tensor: String
    /// The worst element's index in `tensor`, its analytic (mutant) and numerical values.
    public var index: [Int]
    public var analytic: Double
    public var numerical: Double
    /// `a/n` of that element: 2, −1 or `m` point at the kind of bug.
    public var ratio: Double
    /// `|a − n|/allowed` of that element (> 1 fails).
    public var errorToAllowed: Double
    /// What exposed the bug: the trial's widths, batch size, activations, loss and `λ`.
    public var widths: [Int]
    public var m: Int
    public var activations: [Activation]
    public var loss: Loss
    public var weightDecay: Double

    /// - Parameters:
    ///   - mutant, correct: the checks of the mutant and of the correct network on `spec`; a
    ///     network has at least one layer, so `mutant` has tensors and they have elements.
    public init(spec: TrialSpec, mutant: CheckResult, correct: CheckResult) {
        func severity(_ t: TensorResult) -> (Verdict, Double) { (t.verdict, t.worst?.errorToAllowed ?? 0) }
        let tensor = (mutant.failingTensors.isEmpty ? mutant.tensors : mutant.failingTensors)
            .max { severity($0) < severity($1) }!
        let worst = tensor.worst!
        self.trial = spec.index
        self.verdict = mutant.verdict
        self.correctVerdict = correct.verdict
        self.tensor = tensor.tensor.name
        self.index = worst.index
        self.analytic = worst.analytic
        self.numerical = worst.numerical
        self.ratio = worst.ratio
        self.errorToAllowed = worst.errorToAllowed
        self.widths = spec.widths
        self.m = spec.m
        self.activations = spec.activations
        self.loss = spec.loss
        self.weightDecay = spec.weightDecay
    }
}

extension Kill {
    /// A kill by the Taylor test: `tensor` names the failing remainder (`r2`, `r3`), `analytic`
    /// is its fitted order and `numerical` the expected one, `ratio` their quotient, and
    /// `errorToAllowed` the order's shortfall in margins, `(expected − order)/margin`.
    public init(spec: TrialSpec, taylor mutant: TaylorResult, correct: TaylorResult) {
        let fit = mutant.fits.filter { $0.verdict == mutant.verdict }.first ?? mutant.fits.last
        let order = fit?.order ?? .nan
        let expected = Double(fit?.expected ?? 0)
        self.trial = spec.index
        self.verdict = mutant.verdict
        self.correctVerdict = correct.verdict
        self.tensor = fit.map { "r\($0.remainder)" } ?? "taylor"
        self.index = []
        self.analytic = order
        self.numerical = expected
        self.ratio = order / expected
        self.errorToAllowed = (expected - order) / TaylorTest().margin
        self.widths = spec.widths
        self.m = spec.m
        self.activations = spec.activations
        self.loss = spec.loss
        self.weightDecay = spec.weightDecay
    }
}
