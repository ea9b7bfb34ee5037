import GradientCheck

/// A baseline is a check report (`gradcheck.json`, schema `Report.schemaVersion`) kept at a
/// path of the user's choice and compared against later runs of the same options
/// (`RegressionComparison`); `GradCheckReports` reads and writes it.
public enum Baseline {
    /// Whether a run may be compared with a baseline: the same options (shapes included),
    /// trials, dtypes, tolerances and shard. The planted-bug test hooks are left out, since they
    /// stand for a code change, which is what a baseline comparison is for, and so is the path
    /// the shapes were read from.
    public static func isComparable(_ baseline: RunDescription, with run: RunDescription) -> Bool {
        var theirs = baseline, ours = run
        (theirs.plantedGradientScale, theirs.plantedTensor, theirs.shapesPath) = (nil, nil, nil)
        (ours.plantedGradientScale, ours.plantedTensor, ours.shapesPath) = (nil, nil, nil)
        // With shapes, --max-width and --max-batch play no part: a run holds their defaults, but
        // a report written before it did holds the values given.
        let defaults = TrialOptions()
        if theirs.options.shapes != nil { (theirs.options.maxWidth, theirs.options.maxBatch) = (defaults.maxWidth, defaults.maxBatch) }
        if ours.options.shapes != nil { (ours.options.maxWidth, ours.options.maxBatch) = (defaults.maxWidth, defaults.maxBatch) }
        return theirs == ours
    }
}
