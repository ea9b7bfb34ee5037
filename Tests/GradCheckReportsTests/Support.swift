import Foundation
import GradCheckReports
@testable import gradcheck
import GradientCheck
import Harness

/// The CLI's own spelling, so that the commands in rendered reports are the real ones.
let spelling = GradcheckSpelling()

extension Report {
    /// `run` checked the way the CLI checks it (no shrinking), as its report.
    init(checking run: RunDescription) {
        self = CheckRun(run: run, jobs: 1, shrinkBudget: 0, reportDirectory: URL(fileURLWithPath: "reports"), timesPasses: false)
            .perform(Silent()).report(command: spelling.command(for: run))
    }
}

/// A check run that prints nothing.
struct Silent: CheckRunObserver {
    func checked(_ result: TrialResult, records: [TensorRecord], done: Int, total: Int) {}
    func shrunk(_ minimal: MinimalCase) {}
    func finished(_ summary: DTypeSummary, throughput: Throughput) {}
}
