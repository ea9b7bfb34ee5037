import ArgumentParser
import Foundation
import GradCheckReports
import Harness
import GradientCheck

/// `gradcheck replay`: one trial, element by element, from a case file or from the options of
/// a replay command.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rerun one trial verbosely: every element of its failing tensors.",
        discussion: """
        Give a case file that a check run wrote (<report-dir>/cases/<dtype>-trial-<i>.json), or the \
        options of a printed replay command (insert 'replay' after 'gradcheck'; --trial is required). \
        For each element: its index, θ, analytic a, numerical n, error estimate E, the allowed error, \
        a/n, the relative error, the step h GSL's result was taken with (and whether it was enlarged), \
        the one-sided derivatives at a kink, and the verdict. Writes nothing. Exit codes: 0 PASS, \
        INCONCLUSIVE or KINK, 1 FAIL, NONDETERMINISTIC, NON-FINITE or HARNESS-ERROR, 64 usage error, \
        65 the case file (or --shapes file) is missing or unusable.
        """)

    @Argument(help: "A case file written by a check run.")
    var caseFile: String?
    @OptionGroup var trialArguments: TrialArguments
    @OptionGroup var checkerArguments: CheckerArguments
    @Flag(help: "List the elements of every tensor, not only of the failing ones.")
    var all = false

    func validate() throws {
        if caseFile == nil && trialArguments.trial == nil {
            throw ValidationError("give a case file, or the trial options with --trial N.")
        }
        if caseFile != nil && (trialArguments.trial != nil || checkerArguments.isSet) {
            throw ValidationError("a case file carries its trial, tolerances and planted bug: give it without --trial, --atol, --rtol, --mode, --oracle.")
        }
        if trialArguments.reportDir != nil { throw ValidationError("replay writes no reports: --report-dir does not apply.") }
    }

    /// The run these options describe when no case file is given (what its spelling repeats).
    func runDescription() throws -> RunDescription {
        var run = try trialArguments.runDescription()
        checkerArguments.apply(to: &run)
        return run
    }

    func run() throws {
        var summaries: [DTypeSummary] = []
        func add(_ result: TrialResult) {
            var summary = DTypeSummary(dtype: result.dtype)
            summary.add(result)
            summaries.append(summary)
        }
        if let caseFile {
            let file: CaseFile
            do { file = try CaseFile.load(URL(fileURLWithPath: caseFile)) } catch { throw ExitCodes.inputFailure(error) }
            let output = ReplayOutput(run: file.run, all: all)
            let result = file.check()
            output.caseHeader(file, path: caseFile, settings: result.settings)
            output.trial(result)
            output.signature(file.signature, result: result)
            add(result)
        } else {
            let run = try runDescription()
            try CheckerArguments.checkPlantedTensor(run)
            let output = ReplayOutput(run: run, all: all)
            let spec = TrialGenerator.trial(trialArguments.trial!, options: run.options)
            for dtype in run.dtypes {
                let result = run.rerun(spec, dtype)
                output.trialHeader(spec, dtype: dtype, settings: result.settings)
                output.trial(result)
                add(result)
            }
        }
        // The check's gate, on this trial alone (`gateObstacles`: nothing resolved, a check
        // after --train-steps that never ran).
        let verdict = summaries.gateVerdict
        print("verdict: \(verdict.rawValue)" + (verdict == .inconclusive
            ? " (\(summaries.flatMap(\.gateObstacles).map(\.short).joined(separator: "; ")): exit 1, as the check's gate)" : ""))
        if !summaries.passesGate { throw ExitCodes.gradientMismatch }
    }
}
