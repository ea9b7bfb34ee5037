import ArgumentParser
import Foundation
import DurableFiles
import Harness

/// gradcheck's exit codes, the one place they are spelt: the gate's outcomes, then the
/// sysexits.h codes for bad usage, bad input data and I/O (argument-parser's own validation
/// errors exit with `usage` too).
enum ExitCodes {
    /// Every dtype passed and nothing regressed.
    static let pass = ExitCode(0)
    /// A FAIL, NONDETERMINISTIC, NON-FINITE or HARNESS-ERROR, nothing resolved in a dtype, a
    /// check after `--train-steps` that never ran (`GateObstacle`), a surviving mutant, or a
    /// replayed case that still fails.
    static let gradientMismatch = ExitCode(1)
    /// A bucket regressed against the baseline (`gradientMismatch` wins).
    static let regression = ExitCode(3)
    /// EX_USAGE: options that do not fit together or with what a file holds.
    static let usage = ExitCode(64)
    /// EX_DATAERR: an unusable baseline, shard report, case file or shapes file.
    static let badInputData = ExitCode(65)
    /// EX_IOERR: a report, baseline or JUnit file that cannot be written.
    static let ioError = ExitCode(74)

    /// The code of the gate's outcome.
    static func of(_ outcome: GateOutcome) -> ExitCode {
        switch outcome {
        case .pass: pass
        case .gradientMismatch: gradientMismatch
        case .regression: regression
        }
    }

    /// Prints `gradcheck: error: …` on stderr.
    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("gradcheck: error: \(message)\n".utf8))
    }

    /// `usage` after the message: for options that do not fit what the run reads (a shapes
    /// file); argument-parser's own usage errors are found before any file is read.
    static func usageFailure(_ message: String) -> ExitCode {
        fail(message)
        return usage
    }

    /// `badInputData` after naming the file and its problem.
    static func inputFailure(_ error: some Error) -> ExitCode {
        fail("\(error)")
        return badInputData
    }

    /// `ioError` with the path and the reason (argument-parser would exit 1).
    static func ioFailure(_ error: OutputFileError) -> ExitCode {
        fail("\(error)")
        return ioError
    }
}
