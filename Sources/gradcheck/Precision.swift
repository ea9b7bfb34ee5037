import ArgumentParser
import Foundation
import GradCheckReports
import Harness
import GradientCheck
import PrecisionStudy

/// `gradcheck precision`: the Float/Double/reference precision study on the same random trials.
struct Precision: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure backprop and finite-difference error in Float and Double against a wider reference.",
        discussion: """
        Writes precision.json, precision.csv (one row per trial × tensor × dtype), precision.md \
        (tables with the theory beside them) and precision.html (plots) to the report directory. \
        Reference: \(referenceName).
        """)

    @OptionGroup var trialArguments: TrialArguments
    @OptionGroup var jobsArgument: JobsArgument

    /// The run these options describe (what its spelling repeats).
    func runDescription() throws -> RunDescription {
        var run = try trialArguments.runDescription()
        run.subcommand = "precision"
        return run
    }

    func run() throws {
        let run = try runDescription()
        let writer = PrecisionWriter(directory: trialArguments.reportDirectory)
        try PathCollisions.check(inputs: trialArguments.shapes.map { [.init(option: "--shapes", path: $0)] } ?? [],
                                 outputs: PrecisionWriter.names.map { .init(option: "--report-dir", path: writer.url($0).path) },
                                 reportDirectories: [.init(option: "--report-dir", path: writer.directory.path)])
        do { try writer.probe() } catch { throw ExitCodes.ioFailure(error) }
        let clock = ContinuousClock()
        let start = clock.now
        let report = PrecisionReport(run: run, command: GradcheckSpelling().command(for: run),
                                     study: run.precisionStudy(jobs: jobsArgument.jobs))
        let elapsed = clock.now - start
        do { try writer.write(report) } catch { throw ExitCodes.ioFailure(error) }
        for s in report.study.summaries {
            print("\(s.dtype.rawValue): backprop rel. error median \(sci(s.backpropRelative.median)), "
                  + "p99 \(sci(s.backpropRelative.p99)), ulps median \(sci(s.backpropULP.median)); "
                  + "oracle rel. error median \(sci(s.finiteDifferenceRelative.median)) (error/|L| "
                  + "\(sci(s.finiteDifferenceToLoss.median))), error > estimate in "
                  + String(format: "%.2f %%", 100 * s.estimateExceededFraction) + " of elements"
                  + (s.nonFiniteElements + s.nonFiniteDifferences > 0
                     ? "; non-finite: \(s.nonFiniteElements) elements, \(s.nonFiniteDifferences) oracle values" : ""))
        }
        for s in report.study.sweeps {
            print("\(s.dtype.rawValue): best step h \(sci(s.bestH)) (theory \(sci(s.theoreticalH))), "
                  + "error there \(sci(s.bestError)) (theory \(sci(s.theoreticalError)))")
        }
        print("reference: \(report.study.reference); \(String(format: "%.2f", elapsed.seconds)) s")
        print("reports: " + PrecisionWriter.names.map { writer.url($0).relativePath }.joined(separator: ", "))
    }

    private func sci(_ x: Double) -> String { x.isFinite ? String(format: "%.2e", x) : "\(x)" }
}
