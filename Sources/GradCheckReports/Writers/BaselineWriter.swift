import DurableFiles
import Foundation
import Harness

extension Baseline {
    /// Replaces the baseline at `url` with `report`, keeping the previous one as `<name>.prev`
    /// (`StagedFile.commitKeepingPrevious`): at every instant the baseline path holds a complete
    /// file, old or new.
    /// - Throws: `OutputFileError` naming the path that could not be written.
    public static func save(_ report: Report, to url: URL) throws(OutputFileError) {
        let url = url.resolvingSymlinksInPath()
        let data: Data
        do { data = try report.jsonData() } catch {
            throw OutputFileError(path: url.path, reason: "JSON encoding failed: \(error)")
        }
        try StagedFile.stage(data, for: url).commitKeepingPrevious()
    }
}
