import ArgumentParser
import Foundation
import GradCheckReports
import GradientCheck
import NeuralNetwork

/// The default subcommand: random trials in each dtype, a summary, reports and an exit code.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run random gradient-check trials (the default subcommand).")

    @OptionGroup var trialArguments: TrialArguments
    @Option(parsing: .unconditional, help: "Absolute tolerance (default 256·ε of the dtype).")
    var atol: Double?
    @Option(parsing: .unconditional, help: "Relative tolerance (default √ε of the dtype).")
    var rtol: Double?
    @Flag(help: "Print only failures and the reports' paths.")
    var quiet = false
    @Option(parsing: .unconditional, help: .hidden)
    var plantGradientScale: Double = 1

    func validate() throws {
        for (name, value) in [("--atol", atol), ("--rtol", rtol)] {
            if let value, !(value.isFinite && value >= 0) {
                throw ValidationError("\(name) must be a finite number ≥ 0, got \(value).")
            }
        }
        if !plantGradientScale.isFinite { throw ValidationError("--plant-gradient-scale must be finite.") }
    }

    func run() throws {
        var run = trialArguments.runDescription
        run.atol = atol
        run.rtol = rtol
        run.plantedGradientScale = plantGradientScale == 1 ? nil : plantGradientScale
        let writer = ReportWriter(directory: trialArguments.reportDirectory)
        do { try writer.probe() } catch { throw Self.ioFailure(error) }

        let output = TerminalOutput(run: run, quiet: quiet)
        output.header()
        var summaries: [DTypeSummary] = []
        var records: [TensorRecord] = []
        var wallSeconds: [String: Double] = [:]
        for dtype in run.dtypes {
            let clock = ContinuousClock()
            let start = clock.now
            let (summary, dtypeRecords) = run.check(dtype) { _, trialRecords in output.failures(in: trialRecords) }
            records += dtypeRecords
            let elapsed = clock.now - start
            wallSeconds[dtype.rawValue] = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            output.summary(summary, wallSeconds: wallSeconds[dtype.rawValue]!)
            summaries.append(summary)
        }
        let report = Report(run: run, summaries: summaries, records: records)
        do { try writer.write(report, wallSeconds: wallSeconds) } catch { throw Self.ioFailure(error) }
        let verdict = summaries.map(\.verdict).max() ?? .pass
        output.footer(verdict: verdict, writer: writer)
        if !verdict.isAcceptable { throw ExitCode(1) }
    }

    /// EX_IOERR (74, sysexits.h) with the path and the reason; argument-parser would exit 1.
    static func ioFailure(_ error: ReportError) -> ExitCode {
        FileHandle.standardError.write(Data("gradcheck: error: \(error)\n".utf8))
        return ExitCode(74)
    }
}
