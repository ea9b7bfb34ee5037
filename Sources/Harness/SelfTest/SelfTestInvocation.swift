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
    /// The gradient check, or the Taylor test (`gradcheck selftest --taylor`).
    public var method: SelfTestMethod
    /// With the gradient check: 1 checks the gradient, 2 the Hessian-vector product
    /// (`gradcheck selftest --order 2`, `GradientChecker.order`).
    public var order: Int

    public init(mutant: Mutant? = nil, dtypes: [DType] = DType.allCases, trials: Int = SelfTest.defaultTrials,
                seed: UInt64 = TrialOptions().seed, mode: CheckMode = .full, oracle: OracleChoice = .wider,
                method: SelfTestMethod = .check, order: Int = 1) {
        self.mutant = mutant
        self.method = method
        self.order = order
        self.dtypes = dtypes
        self.trials = trials
        self.seed = seed
        self.mode = mode
        // Where no dtype has a wider oracle, the choice changes nothing (and is not spelled).
        self.oracle = dtypes.contains(where: \.hasWiderOracle) ? oracle : .wider
    }

    /// The mutants run, in catalogue order: the gradient bugs for the gradient check, which
    /// cannot see a bug in `H·v`, the `H·v` bugs for the second-order check; the whole
    /// catalogue for the Taylor test.
    public var mutants: [Mutant] {
        if let mutant { return [mutant] }
        guard method == .check else { return Mutant.allCases }
        return order == 2 ? Mutant.secondOrder : Mutant.firstOrder
    }

    /// The self-test these values configure in `dtype`: default trial options with `seed`, the
    /// dtype's default settings in `mode`.
    public func selfTest(_ dtype: DType) -> SelfTest {
        var settings = CheckSettings.defaults(dtype, mode: mode, oracle: oracle)
        settings.order = order
        return SelfTest(options: TrialOptions(seed: seed), trials: trials, checker: settings.checker, method: method)
    }

    /// Per dtype, what judges the trials (`CheckSettings.judgedBy`), or the Taylor test's line.
    public var judgedBy: [String] {
        guard case .taylor(let test) = method else { return CheckSettings.judgedBy(dtypes, oracle: oracle) }
        return ["judged by the Taylor test: orders of r₂ (gradient) and r₃ (H·v) fitted over ε = 2^-1 … 2^-\(test.halvings), "
                + dtypes.map { "\($0.rawValue) remainders in \(TaylorReport.evaluationType($0))" }.joined(separator: ", ")]
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
