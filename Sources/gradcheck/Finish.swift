import ArgumentParser
import DurableFiles
import Foundation
import GradCheckReports
import Harness

/// What `check` and `merge` share around a finished report: the baseline it is compared with
/// (read before any work), the comparison, the JUnit file, and the exit code of the gate.
struct Finish {
    let spelling = GradcheckSpelling()

    /// The baseline at `path`, held to the run it is compared with.
    /// - Parameters:
    ///   - replacing: the run will replace the baseline (`--update-baseline`): a missing file is
    ///     no error, and with `force` neither is an unusable one (it is replaced).
    ///   - force: compare with a baseline of other options.
    ///   - runName: how the message for a baseline of other options names `run`.
    /// - Throws: `badInputData` for an unusable file, `usage` for a baseline of other options.
    func baseline(at path: String?, for run: RunDescription, replacing: Bool = false, force: Bool,
                  runName: String = "this run") throws -> Report? {
        guard let path else { return nil }
        let url = URL(fileURLWithPath: path)
        if replacing && !FileManager.default.fileExists(atPath: url.path) { return nil }
        let report: Report
        do { report = try Report.load(url, role: "baseline") } catch {
            if replacing && force {
                print("baseline: \(error); replacing it (--force), the old file is kept as \(path).prev")
                return nil
            }
            ExitCodes.fail("\(error)" + (replacing ? " (--update-baseline --force replaces it)" : ""))
            throw ExitCodes.badInputData
        }
        if !Baseline.isComparable(report.run, with: run) && !force {
            ExitCodes.fail("the baseline \(path) was made by `\(report.command)`, \(runName) is `\(spelling.command(for: run))`: "
                           + "compare like with like, or pass --force.")
            throw ExitCodes.usage
        }
        return report
    }

    /// Writes JUnit XML of `report` to `path`, when given.
    func writeJUnit(_ report: Report, to path: String?) throws(OutputFileError) {
        guard let path else { return }
        try JUnitReport.write(report, spelling: spelling, to: URL(fileURLWithPath: path))
    }

    /// Exits with the gate's code (`GateOutcome`) unless the run passed.
    func exit(_ outcome: GateOutcome) throws {
        if outcome != .pass { throw ExitCodes.of(outcome) }
    }
}
