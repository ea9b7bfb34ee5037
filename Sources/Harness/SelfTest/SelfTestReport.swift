import GradientCheck
import Mutations

/// The mutation self-test's report, `selftest.json` (schema version 2; version 1 had no
/// `oracle`): the run's options and budget, one `MutantOutcome` per mutant and dtype, and the
/// kill rate.
public struct SelfTestReport: Sendable, Equatable, Codable {
    public static let schemaVersion = 2

    public var schemaVersion = SelfTestReport.schemaVersion
    public var tool = Tool()
    /// `gradcheck selftest …` repeating this run.
    public var command: String
    /// The trials drawn (`TrialOptions`, seed included) and the budget per mutant and dtype.
    public var options: TrialOptions
    public var trials: Int
    public var dtypes: [DType]
    /// Fast mode (`gradcheck selftest --mode fast`); `nil` for the full per-element check.
    public var mode: CheckMode?
    /// `gradcheck selftest --oracle native`; `nil` for the default, the wider oracle.
    public var oracle: OracleChoice?
    /// `gradcheck selftest --taylor`: the Taylor test's settings; `nil` for the gradient check.
    public var taylor: TaylorTest?
    /// `gradcheck selftest --order 2`: the second-order check judged; `nil` for the gradient.
    public var order: Int?
    /// Mutant by mutant, each in every dtype.
    public var outcomes: [MutantOutcome]
    /// Outcomes caught, and `killed / outcomes.count` (1 for an empty run).
    public var killed: Int
    public var killRate: Double

    /// - Parameter command: the command that repeats `invocation` (`CommandSpelling.command(for:)`).
    public init(_ invocation: SelfTestInvocation, outcomes: [MutantOutcome], command: String) {
        self.options = TrialOptions(seed: invocation.seed)
        self.trials = invocation.trials
        self.dtypes = invocation.dtypes
        self.mode = invocation.mode == .full ? nil : invocation.mode
        self.oracle = invocation.oracle == .wider ? nil : invocation.oracle
        if case .taylor(let test) = invocation.method { self.taylor = test }
        self.order = invocation.order == 1 ? nil : invocation.order
        self.outcomes = outcomes
        self.killed = outcomes.filter(\.caught).count
        self.killRate = outcomes.isEmpty ? 1 : Double(killed) / Double(outcomes.count)
        self.command = command
    }

    /// Per dtype of the run, what judged it (`CheckSettings.judgedBy`).
    public var judgedBy: [String] { reproduction(dtypes: dtypes).judgedBy }

    /// The outcomes whose mutant was not caught.
    public var survivors: [MutantOutcome] { outcomes.filter { !$0.caught } }

    /// What runs `outcome`'s mutant in its dtype alone, with this run's budget, seed, mode and oracle.
    public func reproduction(of outcome: MutantOutcome) -> SelfTestInvocation {
        var invocation = reproduction(dtypes: [outcome.dtype])
        invocation.mutant = outcome.mutant
        return invocation
    }

    /// This run's invocation in `dtypes`.
    func reproduction(dtypes: [DType]) -> SelfTestInvocation {
        SelfTestInvocation(mutant: nil, dtypes: dtypes, trials: trials, seed: options.seed,
                           mode: mode ?? .full, oracle: oracle ?? .wider, method: taylor.map { .taylor($0) } ?? .check, order: order ?? 1)
    }
}
