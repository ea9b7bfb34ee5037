import GradientCheck

/// The "Trials:" line of the self-test reports (`selftest.md`, `sensitivity.md`): which random
/// trials were drawn, how many per what, and how they were checked.
enum SelfTestTrialsLine {
    /// - Parameter budget: e.g. "at most 200 per mutant and dtype".
    static func text(_ options: TrialOptions, budget: String, mode: CheckMode?) -> String {
        "Trials: the default random trials (\(options.layers) layers, widths 1…\(options.maxWidth), "
            + "batch 1…\(options.maxBatch), seed \(options.seed)), \(budget); the checker at its default tolerances"
            + (mode.map { mode in
                guard case .fast(let k) = mode else { return "." }
                return ", in fast mode (\(k) directional derivatives per check, checked element by element "
                    + "when they do not pass)."
            } ?? ".")
    }
}
