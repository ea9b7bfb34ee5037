import Harness
import ArgumentParser
import Foundation

/// `--jobs N`: worker threads for the trials. Not part of the run's description: the reports
/// and the printed output are the same bytes whatever N (`OrderedParallelRun`).
struct JobsArgument: ParsableArguments {
    /// More threads than this only cost memory (each holds a network and up to 4 waiting results).
    static let maxJobs = 256

    @Option(name: .customLong("jobs"), parsing: .unconditional,
            help: ArgumentHelp("Worker threads for the trials (1...\(maxJobs); default: one per active core).",
                               discussion: "Results are delivered in trial order: reports and output do not depend on N."))
    var requested: Int?

    /// `--jobs`, or the number of active cores.
    var jobs: Int { requested ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        if let requested, !(1...Self.maxJobs).contains(requested) {
            throw ValidationError("--jobs must be in 1...\(Self.maxJobs), got \(requested).")
        }
    }
}
