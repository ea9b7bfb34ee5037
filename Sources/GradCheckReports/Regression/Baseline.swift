import Foundation
import GradientCheck

/// A baseline is a check report (`gradcheck.json`, schema `Report.schemaVersion`) kept at a
/// path of the user's choice and compared against later runs of the same options; it is read
/// with `Report.load(_:role:)`.
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

    /// Replaces the baseline at `url` with `report`, keeping the previous one as `<name>.prev`.
    /// The previous file is hard-linked to `.prev` before the new one is renamed over it, so at
    /// every instant the baseline path holds a complete file (old or new).
    /// - Throws: `ReportError` naming the path that could not be written.
    public static func save(_ report: Report, to url: URL) throws(ReportError) {
        let url = url.resolvingSymlinksInPath()
        let data: Data
        do { data = try report.jsonData() } catch {
            throw ReportError(path: url.path, reason: "JSON encoding failed: \(error)")
        }
        let staged = try StagedFile.stage(data, for: url)
        if FileManager.default.fileExists(atPath: url.path) {
            let previous = url.path + ".prev"
            let link = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).prev-\(getpid())").path
            unlink(link)
            guard Foundation.link(url.path, link) == 0, rename(link, previous) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(link)
                staged.discard()
                throw ReportError(path: previous, reason: reason)
            }
        }
        try staged.commit()
    }

}
