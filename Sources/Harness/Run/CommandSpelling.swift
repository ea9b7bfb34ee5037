import GradientCheck

/// How the command line spells what gradcheck runs. The executable is the one place that
/// declares the flags, so it is the one that spells them (`Sources/gradcheck`); the harness and
/// the reports print what it gives.
public protocol CommandSpelling: Sendable {
    /// The command that repeats `run` exactly (`gradcheck [subcommand] --layers …`), every option
    /// that changes results in a fixed order, whatever the order the user gave them in.
    func command(for run: RunDescription) -> String
    /// The command that repeats `selfTest`.
    func command(for selfTest: SelfTestInvocation) -> String
    /// The command that repeats `study` (`gradcheck selftest --sensitivity …`).
    func command(for study: SensitivityStudy) -> String
    /// The command that replays the case file at `path` verbosely.
    func replayCommand(caseFile path: String) -> String
}

extension CommandSpelling {
    /// The one-line command that checks trial `index` of `run` in `dtype` alone.
    public func replayCommand(_ run: RunDescription, trial index: Int, dtype: DType) -> String {
        command(for: run.replaying(trial: index, dtype: dtype))
    }
}
