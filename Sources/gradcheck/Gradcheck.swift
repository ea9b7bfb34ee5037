import ArgumentParser
import Foundation
import GradCheckReports
import Harness

/// `gradcheck`: checks backpropagation gradients against GSL central differences.
///
/// Exit codes: 0 all pass, 1 a FAIL, NONDETERMINISTIC, NON-FINITE or HARNESS-ERROR (or a dtype in
/// which nothing resolved), 3 a regression, 64 usage error, 65 an unusable input file, 74 reports
/// not writable.
@main
struct Gradcheck: ParsableCommand {
    /// A closed pipe (`--junit /dev/stdout | head`) is an I/O error, 74, with the staged files
    /// removed, rather than death by SIGPIPE (141) leaving them behind. A standard descriptor
    /// the caller closed (`2>&-`) is opened on /dev/null first: otherwise the next file opened
    /// takes its number, and messages meant for it land in a report (or writing them traps).
    static func main() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 {
            let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
        }
        signal(SIGPIPE, SIG_IGN)
        main(nil)
    }

    static let configuration = CommandConfiguration(
        commandName: "gradcheck",
        abstract: "Check a neural network's backpropagation against GSL central differences.",
        discussion: """
        Draws random dense networks (widths, batch, activations, loss, weights, inputs, targets) \
        from a seeded GSL mt19937, computes every gradient element by backprop and by \
        gsl_deriv_central, and compares them with |a − n| ≤ atol + rtol·max(|a|,|n|) + κ·E.

        Exit codes: 0 all PASS/KINK/INCONCLUSIVE, 1 any FAIL, NONDETERMINISTIC, NON-FINITE or HARNESS-ERROR \
        (or nothing resolved, or a check after --train-steps that never ran), 3 regression against a baseline, \
        64 usage error, 65 unusable baseline, shard report, case file or --shapes file, 74 reports cannot be written.

        `gradcheck --layers 2 --trials 1000` runs the default subcommand, `check`; \
        `gradcheck check --help` lists its options. `replay` reruns one trial or case file \
        element by element, `precision` runs the precision study, `merge` joins shard reports, \
        `selftest` proves the check on a catalogue of backprop bugs.
        """,
        version: Tool.version,
        subcommands: [Check.self, Replay.self, Taylor.self, Precision.self, Merge.self, SelfTestCommand.self],
        defaultSubcommand: Check.self
    )
}
