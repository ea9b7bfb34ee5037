import Harness

/// A stand-in for the CLI's command spelling (which lives in the executable): the invariants
/// are about what the readers and renderers survive, not about which command a line prints.
struct FuzzSpelling: CommandSpelling {
    func command(for run: RunDescription) -> String { "gradcheck (a fuzzed run of \(run.trials) trials)" }
    func command(for selfTest: SelfTestInvocation) -> String { "gradcheck selftest (fuzzed)" }
    func command(for study: SensitivityStudy) -> String { "gradcheck selftest --sensitivity (fuzzed)" }
    func replayCommand(caseFile path: String) -> String { "gradcheck replay (fuzzed case)" }
}
