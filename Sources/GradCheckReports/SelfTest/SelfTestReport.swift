import Foundation
import GradientCheck
import Mutations

/// The mutation self-test's report, `selftest.json` (schema version 1): the run's options and
/// budget, one `MutantOutcome` per mutant and dtype, and the kill rate.
public struct SelfTestReport: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    public var schemaVersion = SelfTestReport.schemaVersion
    public var tool = Report.Tool()
    /// `gradcheck selftest …` repeating this run.
    public var command: String
    /// The trials drawn (`TrialOptions`, seed included) and the budget per mutant and dtype.
    public var options: TrialOptions
    public var trials: Int
    public var dtypes: [DType]
    /// Fast mode (`gradcheck selftest --mode fast`); `nil` for the full per-element check.
    public var mode: CheckMode?
    /// Mutant by mutant, each in every dtype.
    public var outcomes: [MutantOutcome]
    /// Outcomes caught, and `killed / outcomes.count` (1 for an empty run).
    public var killed: Int
    public var killRate: Double

    public init(selfTest: SelfTest, mutants: [Mutant], dtypes: [DType], outcomes: [MutantOutcome]) {
        self.options = selfTest.options
        self.trials = selfTest.trials
        self.dtypes = dtypes
        self.mode = selfTest.checker.mode == .full ? nil : selfTest.checker.mode
        self.outcomes = outcomes
        self.killed = outcomes.filter(\.caught).count
        self.killRate = outcomes.isEmpty ? 1 : Double(killed) / Double(outcomes.count)
        self.command = Self.command(mutant: mutants.count == 1 ? mutants[0] : nil, dtypes: dtypes,
                                    trials: selfTest.trials, seed: selfTest.options.seed, mode: mode)
    }

    /// The outcomes whose mutant was not caught.
    public var survivors: [MutantOutcome] { outcomes.filter { !$0.caught } }

    /// `gradcheck selftest` with the options that differ from the defaults.
    public static func command(mutant: Mutant?, dtypes: [DType], trials: Int, seed: UInt64,
                               mode: CheckMode? = nil) -> String {
        var words = ["gradcheck", "selftest"]
        if case .fast(let k) = mode {
            words += ["--mode", "fast"] + (k == CheckMode.defaultDirections ? [] : ["--directions", "\(k)"])
        }
        if let mutant { words += ["--mutant", mutant.rawValue] }
        if dtypes.count == 1 { words += ["--dtype", dtypes[0].rawValue] }
        if trials != SelfTest.defaultTrials { words += ["--trials", "\(trials)"] }
        if seed != TrialOptions().seed { words += ["--seed", "\(seed)"] }
        return words.joined(separator: " ")
    }

    /// The one-line command that runs `outcome`'s mutant in its dtype alone.
    public func reproduceCommand(_ outcome: MutantOutcome) -> String {
        Self.command(mutant: outcome.mutant, dtypes: [outcome.dtype], trials: trials, seed: options.seed, mode: mode)
    }

    /// "42/42 (100 %)".
    public var killRateText: String {
        "\(killed)/\(outcomes.count) (\(String(format: "%g", (killRate * 1000).rounded() / 10)) %)"
    }

    /// Compact JSON with sorted keys, non-finite values as strings (as `Report.jsonData`).
    public func jsonData() throws -> Data { try Report.encoder.encode(self) }

    /// The catalogue table, one row per outcome: mutant, dtype, whether and where it was caught.
    public var tableRows: (header: [String], rows: [[String]]) {
        let header = ["mutant", "dtype", "caught", "trial", "active/drawn", "tensor", "element", "ratio a/n", "|a − n|/allowed"]
        let rows = outcomes.map { o -> [String] in
            let counts = "\(o.activeTrials)/\(o.trialsDrawn)"
            guard let k = o.kill else { return [o.mutant.rawValue, o.dtype.rawValue, "NO", "–", counts, "", "", "", ""] }
            return [o.mutant.rawValue, o.dtype.rawValue, "yes", "\(k.trial)", counts, k.tensor,
                    "[" + k.index.map(String.init).joined(separator: ", ") + "]",
                    Self.figure(k.ratio), Self.figure(k.errorToAllowed)]
        }
        return (header, rows)
    }

    static func figure(_ x: Double) -> String { x.isFinite ? String(format: "%.4g", x) : "\(x)" }
}
