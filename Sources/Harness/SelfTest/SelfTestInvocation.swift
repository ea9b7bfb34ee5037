import GradientCheck
import Mutations
import RealModule

/// What `gradcheck selftest` runs: the catalogue (or one mutant) in some dtypes, at most
/// `trials` default trials each, drawn from `seed`, checked in `mode` at the default tolerances.
public struct SelfTestInvocation: Sendable, Equatable {
    /// One mutant, or `nil` for the whole catalogue.
    public var mutant: Mutant?
    public var dtypes: [DType]
    public var trials: Int
    public var seed: UInt64
    public var mode: CheckMode
    /// Which loss the checks differentiate (`--oracle`).
    public var oracle: OracleChoice

    public init(mutant: Mutant? = nil, dtypes: [DType] = DType.allCases, trials: Int = SelfTest.defaultTrials,
                seed: UInt64 = TrialOptions().seed, mode: CheckMode = .full, oracle: OracleChoice = .wider) {
        self.mutant = mutant
        self.dtypes = dtypes
        self.trials = trials
        self.seed = seed
        self.mode = mode
        // Where no dtype has a wider oracle, the choice changes nothing (and is not spelled).
        self.oracle = dtypes.contains(where: \.hasWiderOracle) ? oracle : .wider
    }

    /// The mutants run, in catalogue order.
    public var mutants: [Mutant] { mutant.map { [$0] } ?? Mutant.allCases }

    /// The self-test these values configure in `dtype`: default trial options with `seed`, the
    /// dtype's default settings in `mode`.
    public func selfTest(_ dtype: DType) -> SelfTest {
        SelfTest(options: TrialOptions(seed: seed), trials: trials, checker: CheckSettings.defaults(dtype, mode: mode, oracle: oracle).checker)
    }

    /// Every mutant in every dtype, mutants in catalogue order, dtypes within each mutant.
    /// Deterministic: the same values give the same outcomes.
    public func run() -> [MutantOutcome] {
        mutants.flatMap { mutant in
            dtypes.map { dtype in dtype.dispatch(MutantRun(selfTest: selfTest(dtype), mutant: mutant, dtype: dtype)) }
        }
    }
}

/// `SelfTest.run` in the dtype's checked type.
struct MutantRun: DTypeVisitor {
    let selfTest: SelfTest
    let mutant: Mutant
    let dtype: DType

    func visit<Checked: Real & BinaryFloatingPoint & Sendable>(_: Checked.Type) -> MutantOutcome {
        selfTest.run(mutant, dtype, Checked.self)
    }
}
