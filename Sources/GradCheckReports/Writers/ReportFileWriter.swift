import DurableFiles
import Foundation
import Harness

extension Report {
    /// Writes the JSON to `url` atomically (`StagedFile`).
    /// - Throws: `OutputFileError` naming the path.
    public func write(to url: URL) throws(OutputFileError) {
        let data: Data
        do { data = try jsonData() } catch { throw OutputFileError(path: url.path, reason: "JSON encoding failed: \(error)") }
        try StagedFile.stage(data, for: url).commit()
    }
}
