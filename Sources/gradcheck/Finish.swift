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

    /// `report` compared with `baseline` (read from `baselinePath`), when there is one: each
    /// report's records are read again from its file, in step.
    /// - Parameters:
    ///   - reportPath: where `report`'s records are (its staged `gradcheck.json`).
    ///   - discarding: the staged file to discard when the comparison fails.
    /// - Throws: `badInputData` when a file cannot be read again.
    func comparison(_ report: Report, at reportPath: String, with baseline: Report?, from baselinePath: String?,
                    factor: Double, discarding staged: StagedFile) throws -> RegressionComparison? {
        guard let baseline, let baselinePath else { return nil }
        do {
            var before = try Report.records(at: URL(fileURLWithPath: baselinePath), role: "baseline")
            var now = try Report.records(at: URL(fileURLWithPath: reportPath), role: "report")
            return try RegressionComparison(baseline: baseline, baselineRecords: &before, now: report, nowRecords: &now,
                                            factor: factor)
        } catch {
            staged.discard()
            throw ExitCodes.inputFailure(error)
        }
    }

    /// Writes JUnit XML of `report` (whose records are in the file at `reportURL`) to `path`,
    /// when given.
    /// - Throws: `ioError` when the XML cannot be written, `badInputData` when the report
    ///   cannot be read back.
    func writeJUnit(_ report: Report, from reportURL: URL, to path: String?) throws {
        guard let path else { return }
        do {
            var records = try Report.records(at: reportURL, role: "report")
            try JUnitReport.write(report, records: &records, spelling: spelling, to: URL(fileURLWithPath: path))
        } catch let error as OutputFileError {
            throw ExitCodes.ioFailure(error)
        } catch {
            throw ExitCodes.inputFailure(error)
        }
    }

    /// Exits with the gate's code (`GateOutcome`) unless the run passed.
    func exit(_ outcome: GateOutcome) throws {
        if outcome != .pass { throw ExitCodes.of(outcome) }
    }
}
