import ArgumentParser
import Foundation
import GradCheckReports
import GradientCheck
import Harness

/// `gradcheck taylor`: the Taylor remainder test of each trial's gradient and Hessian-vector
/// product, a verdict that does not depend on a step `h` (`TaylorTest`).
struct Taylor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit the orders of the Taylor remainders of L along a random direction: a step-free gradient verdict.",
        discussion: """
        For each trial and dtype, along a random unit direction v and for ε = 2⁻¹ … 2⁻³⁰: \
        r₁ = |L(θ+εv) − L(θ)|, r₂ = |r₁-difference − ε·gᵀv|, r₃ = |… − ½ε²·vᵀHv|, with g by backprop \
        and Hv by the R-operator: the same code run again in \(referenceName), the dtype's own gᵀv and vᵀHv \
        held to it within the dtype's running error bound; L in \(referenceName). \
        A right g makes r₂ shrink like ε², a wrong one like ε; a right Hv makes r₃ shrink like ε³. \
        The fitted orders over the smallest ε where each remainder is above its rounding floor are \
        the verdict. Writes taylor.json, taylor.md and taylor.html (one log-log chart per trial).

        Exit codes: 0 no FAIL, NON-FINITE or HARNESS-ERROR and a PASS in every dtype, 1 otherwise, \
        64 usage error, 65 unusable --shapes file, 74 reports cannot be written.
        """)

    @OptionGroup var trialArguments: TrialArguments
    @Option(parsing: .unconditional, help: .hidden)
    var plantGradientScale: Double = 1
    @OptionGroup var jobsArgument: JobsArgument

    func validate() throws {
        if !plantGradientScale.isFinite { throw ValidationError("--plant-gradient-scale must be finite.") }
        if trialArguments.trainSteps > 0 {
            throw ValidationError("--train-steps does not apply to taylor: it tests the drawn θ.")
        }

    }

    /// The run these options describe (what its spelling repeats).
    func runDescription() throws -> RunDescription {
        var run = try trialArguments.runDescription()
        run.subcommand = "taylor"
        run.plantedGradientScale = plantGradientScale == 1 ? nil : plantGradientScale
        return run
    }

    func run() throws {
        let run = try runDescription()
        if run.trialIndices.count > TaylorReport.maxTrials {
            throw ExitCodes.usageFailure("taylor keeps every trial's remainders for its reports: at most "
                                         + "\(TaylorReport.maxTrials) trials, got \(run.trialIndices.count); run several seeds for more.")
        }
        let test = TaylorTest()
        let spelling = GradcheckSpelling()
        let writer = TaylorWriter(directory: trialArguments.reportDirectory)
        try PathCollisions.check(inputs: trialArguments.shapes.map { [.init(option: "--shapes", path: $0)] } ?? [],
                                 outputs: TaylorWriter.names.map { .init(option: "--report-dir", path: writer.url($0).path) },
                                 reportDirectories: [.init(option: "--report-dir", path: writer.directory.path)])
        do { try writer.probe() } catch { throw ExitCodes.ioFailure(error) }
        let command = spelling.command(for: run)
        print("gradcheck \(Tool.version) taylor: \(run.trialIndices.count) trial\(run.trialIndices.count == 1 ? "" : "s") × "
              + run.dtypes.map { "\($0.rawValue) (L in \(TaylorReport.evaluationType($0)))" }.joined(separator: ", ")
              + ", ε = 2^-1 … 2^-\(test.halvings), seed \(run.options.seed)")
        let clock = ContinuousClock()
        let start = clock.now
        let (records, seconds) = run.taylorRecords(test, jobs: jobsArgument.jobs)
        let elapsed = clock.now - start
        let report = TaylorReport(run: run, test: test, command: command, records: records)
        do { try writer.write(report, spelling: spelling) } catch { throw ExitCodes.ioFailure(error) }
        for s in report.summaries {
            let counts = [Verdict.pass, .inconclusive, .kink, .fail, .nonFinite, .harnessError]
                .filter { s.count($0) > 0 || $0 == .pass || $0 == .fail }.map { "\(s.count($0)) \($0.rawValue)" }
            let orders = zip(["r₁", "r₂", "r₃"], s.medianOrders).compactMap { name, order in
                order.map { "\(name) " + String(format: "%.3f", $0) }
            }
            // Float80 and running-error evaluations cost more than the dtype's own pass: the
            // time, in the dtype's forward+backward passes, says what a trial costs.
            let pass = run.forwardBackwardSeconds(s.dtype)
            let timed = pass > 0 && s.trials > 0 ? (seconds[s.dtype] ?? 0) / Double(s.trials) / pass : .nan
            let time = timed.isFinite ? String(format: ", the time of %.0f forward+backward passes", timed) : ""
            print("\(s.dtype.rawValue): " + counts.joined(separator: ", ")
                  + (orders.isEmpty ? "; no order fitted" : "; median order " + orders.joined(separator: ", "))
                  + String(format: "; per trial %.1f passes counted", s.meanForwardBackwardPasses) + time)
        }
        for s in report.summaries {
            guard let trial = s.firstFailure, let r = report.records.first(where: { $0.trial == trial && $0.dtype == s.dtype }) else { continue }
            print("\(r.result.verdict.rawValue) trial \(trial) (\(s.dtype.rawValue)): \(r.result.reason ?? "")")
            print("  reproduce: \(spelling.replayCommand(run, trial: trial, dtype: s.dtype))")
        }
        print("verdict: \(report.verdictText); " + String(format: "%.2f s", elapsed.seconds))
        print("reports: " + TaylorWriter.names.map { writer.url($0).relativePath }.joined(separator: ", "))
        if !report.passes { throw ExitCodes.gradientMismatch }
    }
}
