import ArgumentParser
import Foundation
import GradCheckReports
import Harness
import GradientCheck
import Mutations

/// `gradcheck selftest`: injects each bug of the mutant catalogue into the core network's
/// backprop and reports, per mutant and dtype, whether the default check caught it and at
/// which trial.
struct SelfTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Inject each catalogued backprop bug and report whether the default check catches it.",
        discussion: """
        Each mutant is the core network's backprop with one bug (a missing 1/m, a dropped f', a \
        transposed W, …). The default random trials are drawn in order and checked at the default \
        tolerances until one fails while the correct network passes on it. Writes selftest.json \
        and selftest.md. Exit codes: 0 every mutant caught in every dtype, 1 a mutant survived, \
        64 usage error, 74 reports cannot be written.

        With --sensitivity it measures detection power instead: relative errors 1e-1 … 1e-9 planted \
        in the analytic gradient (every element, and one element of one tensor drawn per trial), \
        --trials default trials per size, dtype, oracle and placement, and the minimum detectable \
        error (the smallest size that at least 99 % of the trials fail, at it and every larger \
        size). Float is measured with both oracles unless --oracle native is given. Writes \
        sensitivity.json, sensitivity.md and sensitivity.svg. Exit codes: 0 measured, 64 usage \
        error, 74 reports cannot be written.
        """)

    @Option(parsing: .unconditional,
            help: "Trial budget per mutant and dtype; with --sensitivity, trials per size, dtype, oracle and placement (1...\(RunDescription.maxTrials)).")
    var trials = SelfTest.defaultTrials
    @Option(parsing: .unconditional, help: "Run seed; trial i is drawn from (seed, i) alone.")
    var seed: UInt64 = 1
    @Option(help: "Scalar type(s) to check.")
    var dtype: DTypeChoice = .all
    @Option(help: "Only this mutant (default: the whole catalogue).")
    var mutant: MutantChoice?
    @Option(help: "Directory for the reports.")
    var reportDir = "reports"
    @OptionGroup var modeArguments: ModeArguments
    @Option(parsing: .unconditional,
            help: "1: the gradient check and the gradient bugs; 2: the second-order check (H·v, as check --order 2) and the H·v bugs.")
    var order = 1
    @Flag(help: "Judge each trial by the Taylor test (gradcheck taylor) instead of the gradient check, over the whole catalogue: gradient bugs and Hessian-vector product bugs.")
    var taylor = false
    @Flag(help: "Measure the detection rate of planted relative errors 1e-1 … 1e-9 instead of running the catalogue.")
    var sensitivity = false
    @OptionGroup var jobsArgument: JobsArgument

    func validate() throws {
        guard (1...RunDescription.maxTrials).contains(trials) else {
            throw ValidationError("--trials must be in 1...\(RunDescription.maxTrials), got \(trials).")
        }
        if reportDir.isEmpty { throw ValidationError("--report-dir must not be empty.") }
        if sensitivity, mutant != nil { throw ValidationError("--mutant does not apply with --sensitivity.") }
        if taylor, sensitivity { throw ValidationError("--taylor does not apply with --sensitivity.") }
        if taylor, modeArguments.isSet { throw ValidationError("--mode, --directions and --oracle do not apply with --taylor.") }
        guard order == 1 || order == 2 else { throw ValidationError("--order must be 1 or 2, got \(order).") }
        if order == 2, taylor || sensitivity { throw ValidationError("--order 2 does not apply with --taylor or --sensitivity.") }
        if order == 2, modeArguments.mode == .fast { throw ValidationError("--mode fast does not apply with --order 2.") }
        if !taylor, let mutant, mutant.mutant.order != order {
            throw ValidationError("'\(mutant.mutant.rawValue)' is a bug in \(mutant.mutant.order == 2 ? "H·v" : "the gradient"), "
                                  + "which the order-\(order) check does not test: use --order \(mutant.mutant.order) or --taylor.")
        }
        if !sensitivity, jobsArgument.requested != nil { throw ValidationError("--jobs only applies with --sensitivity.") }
    }

    func run() throws {
        if sensitivity { return try runSensitivity() }
        let invocation = SelfTestInvocation(mutant: mutant?.mutant, dtypes: dtype.dtypes, trials: trials, seed: seed,
                                            mode: modeArguments.checkMode, oracle: modeArguments.oracle(for: dtype.dtypes),
                                            method: taylor ? .taylor(TaylorTest()) : .check, order: order)
        let mutants = invocation.mutants
        let spelling = GradcheckSpelling()
        let writer = SelfTestWriter(directory: URL(fileURLWithPath: reportDir))
        try PathCollisions.check(inputs: [], outputs: [], reportDirectories: [.init(option: "--report-dir", path: reportDir)])
        do { try writer.probe() } catch { throw ExitCodes.ioFailure(error) }
        print("gradcheck \(Tool.version) selftest: \(mutants.count) mutant\(mutants.count == 1 ? "" : "s") × "
              + "\(dtype.dtypes.map(\.rawValue).joined(separator: ", ")), at most \(trials) trials each, seed \(seed)")
        invocation.judgedBy.forEach { print($0) }
        let clock = ContinuousClock()
        let start = clock.now
        let outcomes = invocation.run()
        let elapsed = clock.now - start
        let report = SelfTestReport(invocation, outcomes: outcomes, command: spelling.command(for: invocation))
        do { try writer.write(report, spelling: spelling) } catch { throw ExitCodes.ioFailure(error) }

        let table = report.tableRows
        Self.printTable(table.header, table.rows)
        print("kill rate: \(report.killRateText); "
              + String(format: "%.2f s", elapsed.seconds))
        for s in report.survivors {
            print("SURVIVED \(s.mutant.rawValue) (\(s.dtype.rawValue)): not caught in \(s.trialsDrawn) trials, "
                  + "\(s.activeTrials) of which could expose it")
            print("  reproduce: \(spelling.command(for: report.reproduction(of: s)))")
        }
        print("reports: " + SelfTestWriter.names.map { writer.url($0).relativePath }.joined(separator: ", "))
        if !report.survivors.isEmpty { throw ExitCodes.gradientMismatch }
    }

    /// `--sensitivity`: the study, its reports, and its rate table on the terminal.
    func runSensitivity() throws {
        let study = SensitivityStudy(trials: trials, seed: seed, dtypes: dtype.dtypes,
                                     oracles: modeArguments.oracle(for: dtype.dtypes) == .native ? [.native] : [.wider, .native],
                                     mode: modeArguments.checkMode)
        let spelling = GradcheckSpelling()
        let writer = SensitivityWriter(directory: URL(fileURLWithPath: reportDir))
        try PathCollisions.check(inputs: [], outputs: [], reportDirectories: [.init(option: "--report-dir", path: reportDir)])
        do { try writer.probe() } catch { throw ExitCodes.ioFailure(error) }
        print("gradcheck \(Tool.version) selftest --sensitivity: sizes \(study.sizes.map(SensitivityReport.size).joined(separator: ", ")), "
              + "\(trials) trials per size × \(study.configurations.map { "\($0.dtype.rawValue) (\($0.oracle.rawValue))" }.joined(separator: ", "))"
              + " × uniform and one-element, seed \(seed)")
        let clock = ContinuousClock()
        let start = clock.now
        let report = study.run(jobs: jobsArgument.jobs, command: spelling.command(for: study))
        let elapsed = clock.now - start
        do { try writer.write(report) } catch { throw ExitCodes.ioFailure(error) }
        let sizes = report.curves.first?.points.map(\.size) ?? []
        Self.printTable(["dtype", "oracle", "placement", "minimum detectable"] + sizes.map(SensitivityReport.size),
                        report.curves.map { c in
                            [c.dtype.rawValue, c.oracle.rawValue, c.placement.rawValue,
                             c.minimumDetectable.map(SensitivityReport.size) ?? "none"]
                                + c.points.map { p in p.rate.map(SensitivityReport.percent) ?? "–" }
                        })
        print(String(format: "detection rate: trials that fail the gate, of those the plant changed (– none could tell); %.2f s",
                     elapsed.seconds))
        if let note = report.coarseNote { print(note) }
        print("reports: " + SensitivityWriter.names.map { writer.url($0).relativePath }.joined(separator: ", "))
    }

    /// A Markdown table with padded columns: readable in a terminal, pasteable into a note.
    static func printTable(_ header: [String], _ rows: [[String]]) {
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "| " + zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: " | ") + " |"
        }
        print(line(header))
        print("|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|")
        rows.forEach { print(line($0)) }
    }
}
