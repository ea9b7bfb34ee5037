import GradCheckReports
@testable import gradcheck
import GradientCheck
import Harness

/// The CLI's own spelling, so that the commands in rendered reports are the real ones.
let spelling = GradcheckSpelling()

extension Report {
    /// `run` checked the way the CLI checks it, as its report.
    init(checking run: RunDescription) {
        let checked = run.dtypes.map { run.check($0) }
        self.init(run: run, command: spelling.command(for: run),
                  tolerances: Dictionary(uniqueKeysWithValues: run.dtypes.map { ($0, run.settings($0).tolerance) }),
                  summaries: checked.map(\.summary), records: checked.flatMap(\.records))
    }
}
