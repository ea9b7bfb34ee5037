import GradientCheck
import Mutations
import RealModule

/// `gradcheck selftest --sensitivity`: the detection power of the check, measured. For each
/// relative error size `s` (1e-1 … 1e-9), placement (`PlantPlacement`), dtype and oracle, the
/// default random trials `0..<trials` are checked with the analytic gradient scaled by `1 + s`
/// (`PlantedGradientScale`) at the default tolerances, and the study counts the trials whose
/// verdict fails the gate. The minimum detectable error is the smallest size at which, and at
/// every larger size, at least `detectionLevel` of the trials fail (`SensitivityCurve`).
///
/// As in the mutant self-test (`SelfTest`), a trial counts only where it can tell: a plant that
/// changes no gradient value (a zero element, or `1 + s` rounded to 1 in Float, below
/// `u = 2⁻²⁴`) is inactive, and a trial whose correct network does not pass is unattributed.
/// Deterministic: the same values give the same report, whatever `jobs`.
public struct SensitivityStudy: Sendable, Equatable {
    /// Relative error sizes planted when none are given: one per decade, 1e-1 … 1e-9.
    public static let defaultSizes: [Double] = (1...9).map { Double("1e-\($0)")! }
    /// The share of trials that must fail for a size to count as detected (issue 15: 99 %).
    public static let detectionLevel = 0.99

    /// Trials `0..<trials` per size, placement, dtype and oracle.
    public var trials: Int
    public var seed: UInt64
    public var dtypes: [DType]
    /// The oracles asked for; a dtype is measured once per distinct judging type
    /// (`configurations`: Double's wider oracle is its native one). All of them when no dtype
    /// has a wider oracle, so that studies that measure the same are equal.
    public var oracles: [OracleChoice]
    public var mode: CheckMode
    /// Decreasing.
    public var sizes: [Double]

    public init(trials: Int = SelfTest.defaultTrials, seed: UInt64 = TrialOptions().seed, dtypes: [DType] = DType.allCases,
                oracles: [OracleChoice] = OracleChoice.allCases, mode: CheckMode = .full, sizes: [Double] = Self.defaultSizes) {
        self.trials = trials
        self.seed = seed
        self.dtypes = dtypes
        // Where no dtype has a wider oracle, which ones were asked for changes nothing.
        self.oracles = dtypes.contains(where: \.hasWiderOracle) ? oracles : OracleChoice.allCases
        self.mode = mode
        self.sizes = sizes.sorted(by: >)
    }

    /// The trials drawn: the defaults, with `seed`.
    public var options: TrialOptions { TrialOptions(seed: seed) }

    /// Each dtype with each oracle that judges it in a different type, dtypes in order; an
    /// oracle that judges the dtype in its own type is named `native` (Double's only one).
    public var configurations: [(dtype: DType, oracle: OracleChoice)] {
        dtypes.flatMap { dtype in
            var judging: Set<DType> = []
            return oracles.filter { judging.insert(dtype.judgingType($0)).inserted }
                .map { (dtype, dtype.judgingType($0) == dtype ? .native : $0) }
        }
    }

    /// The check settings of one configuration, without a plant.
    func settings(_ dtype: DType, _ oracle: OracleChoice) -> CheckSettings {
        CheckSettings.defaults(dtype, mode: mode, oracle: oracle)
    }

    /// Runs every configuration and placement on `jobs` threads (results in trial order,
    /// `OrderedParallelRun`).
    /// - Parameter command: the command that repeats this study (`CommandSpelling`).
    public func run(jobs: Int, command: String) -> SensitivityReport {
        let keys = configurations.flatMap { c in PlantPlacement.allCases.map { (c.dtype, c.oracle, $0) } }
        var tallies = keys.map { _ in sizes.map { _ in SensitivityPoint.Tally() } }
        let items = keys.indices.flatMap { k in (0..<trials).map { (k, $0) } }
        let study = self
        OrderedParallelRun.run(items, jobs: jobs, compute: { (item: (Int, Int)) -> (Int, [PlantOutcome]) in
            let (dtype, oracle, placement) = keys[item.0]
            let spec = TrialGenerator.trial(item.1, options: study.options)
            return (item.0, dtype.dispatch(SensitivityTrial(spec: spec, sizes: study.sizes, placement: placement,
                                                            settings: study.settings(dtype, oracle))))
        }, deliver: { (k, outcomes) in
            for (j, outcome) in outcomes.enumerated() { tallies[k][j].add(outcome) }
        })
        let curves = keys.indices.map { k in
            let (dtype, oracle, placement) = keys[k]
            return SensitivityCurve(dtype: dtype, oracle: oracle, placement: placement,
                                    judgedBy: settings(dtype, oracle).oracleDescription(dtype),
                                    points: zip(sizes, tallies[k]).map { SensitivityPoint(size: $0, planted: dtype.rounded(1 + $0) - 1, tally: $1) },
                                    level: Self.detectionLevel)
        }
        return SensitivityReport(study: self, curves: curves, command: command)
    }
}

/// Where a planted relative error goes.
public enum PlantPlacement: String, Sendable, Codable, CaseIterable {
    /// Every gradient element scaled by `1 + s`.
    case uniform
    /// One element of one tensor (`TrialSpec.plantSite`) scaled by `1 + s`.
    case oneElement = "one-element"
}

/// What one trial showed for one planted size.
enum PlantOutcome: Sendable {
    /// The plant changed no gradient value.
    case inactive
    /// The correct network's own verdict fails the gate on this trial.
    case unattributed
    case detected
    case missed
}

/// One trial of one configuration and placement, every size, in the dtype's static type: the
/// correct network checked once, then each planted size.
struct SensitivityTrial: DTypeVisitor {
    let spec: TrialSpec
    let sizes: [Double]
    let placement: PlantPlacement
    let settings: CheckSettings

    func visit<Checked: Real & BinaryFloatingPoint & Sendable>(_: Checked.Type) -> [PlantOutcome] {
        let checker = settings.checker
        var correct = spec.objective(Checked.self)
        let gradient = correct.lossAndGradient().gradient
        // The network objective keeps the protocol's contract, so check cannot throw.
        let control = try! checker.check(&correct, seed: spec.trialSeed)
        let site = placement == .oneElement ? spec.plantSite() : nil
        return sizes.map { s in
            var planted = PlantedGradientScale(spec.objective(Checked.self), factor: Checked(1 + s),
                                               tensor: site?.tensor, element: site?.element)
            guard !planted.lossAndGradient().gradient.elementsEqual(gradient, by: { $0 == $1 || ($0.isNaN && $1.isNaN) }) else {
                return .inactive
            }
            guard control.verdict.isAcceptable else { return .unattributed }
            return try! checker.check(&planted, seed: spec.trialSeed).verdict.isAcceptable ? .missed : .detected
        }
    }
}

extension DType {
    /// `x` rounded to this dtype, as a Double.
    func rounded(_ x: Double) -> Double { dispatch(Rounded(x: x)) }
}

struct Rounded: DTypeVisitor {
    let x: Double
    func visit<Checked: Real & BinaryFloatingPoint & Sendable>(_: Checked.Type) -> Double { Double(Checked(x)) }
}
