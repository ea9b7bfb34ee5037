import Harness
import ArgumentParser
import GradientCheck

/// `--mode full|fast` and `--directions K`: how each trial is compared (`CheckMode`). Shared by
/// `check`, `replay` and `selftest`.
struct ModeArguments: ParsableArguments {
    /// `--mode full|fast`.
    enum Name: String, ExpressibleByArgument, CaseIterable {
        case full, fast
    }

    @Option(help: ArgumentHelp("full: every gradient element against its own central difference; fast: K random "
                               + "directional derivatives and the gradient's, every element only when they do not pass.",
                               discussion: "A fast-mode failure is escalated to the per-element check, so the report "
                               + "still names the worst element."))
    var mode: Name = .full
    @Option(help: ArgumentHelp("wider: Float backprop against central differences of the same network evaluated in "
                               + "Double, allowing for Float's rounding by its running error bound; native: against "
                               + "differences of the Float loss itself (Double is always native; default: wider).",
                               discussion: "The wider oracle judges Float at Float's own resolution (about 1e-6 "
                               + "relative); native resolves about 1e-2."))
    var oracle: OracleChoice?
    @Option(parsing: .unconditional,
            help: "Random directions K per check in fast mode (1...\(CheckMode.maxDirections); default \(CheckMode.defaultDirections)).")
    var directions: Int?

    func validate() throws {
        if let directions {
            guard mode == .fast else { throw ValidationError("--directions only applies with --mode fast.") }
            guard (1...CheckMode.maxDirections).contains(directions) else {
                throw ValidationError("--directions must be in 1...\(CheckMode.maxDirections), got \(directions).")
            }
        }
    }

    /// The mode these options ask for.
    var checkMode: CheckMode {
        mode == .fast ? .fast(directions: directions ?? CheckMode.defaultDirections) : .full
    }

    /// Whether any of these options was given.
    var isSet: Bool { mode != .full || directions != nil || oracle != nil }

    /// The oracle asked for, as it applies to `dtypes`: `.wider` (the default) when none of them
    /// has a wider oracle, since `--oracle native` then changes nothing and must not change the
    /// run's identity (its command, a baseline's match).
    func oracle(for dtypes: [DType]) -> OracleChoice {
        dtypes.contains(where: \.hasWiderOracle) ? oracle ?? .wider : .wider
    }
}

extension OracleChoice: ExpressibleByArgument {}
