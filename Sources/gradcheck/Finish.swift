import ArgumentParser
import DurableFiles
import Foundation
import GradCheckReports
import Harness

/// What `check` and `merge` share around a finished report: the baseline it is compared with
/// (read before any work), the comparison, the JUnit file, and the exit code of the gate.
final class Finish {
    let spelling = GradcheckSpelling()
    /// Inputs that are pipes or devices, copied so that they can be read more than once.
    var copies = InputCopies()
    /// Where the baseline's records are read again (`baseline(at:…)`): its path, or a copy.
    private(set) var baselineURL: URL?

    /// `url`, or a regular copy of it when it can be read only once (`InputCopies`).
    /// - Throws: `badInputData` when it cannot be copied.
    func readable(_ url: URL, role: String) throws -> URL {
        do { return try copies.readable(url, role: role) } catch { throw ExitCodes.inputFailure(error) }
    }

    deinit { copies.remove() }

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
        if replacing && !FileManager.default.fileExists(atPath: path) { return nil }
        let report: Report
        do {
            let url = try copies.readable(URL(fileURLWithPath: path), role: "baseline")
            report = try Report.load(url, role: "baseline")
            baselineURL = url
        } catch {
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

    /// `report` compared with `baseline` (read from `baselineURL`), when there is one: each
    /// report's records are read again from its file, in step.
    /// - Parameters:
    ///   - reportPath: where `report`'s records are (its staged `gradcheck.json`).
    ///   - discarding: the staged file to discard when the comparison fails.
    /// - Throws: `badInputData` when a file cannot be read again.
    func comparison(_ report: Report, at reportPath: String, with baseline: Report?,
                    factor: Double, discarding staged: StagedFile) throws -> RegressionComparison? {
        guard let baseline, let baselineURL else { return nil }
        do {
            var before = try Report.records(at: baselineURL, role: "baseline")
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
