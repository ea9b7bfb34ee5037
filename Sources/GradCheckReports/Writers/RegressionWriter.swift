import DurableFiles
import Foundation
import Harness

extension RegressionComparison {
    /// Writes `regression.json` and `regression.md` into `directory`, together (`FileSet`).
    /// - Throws: `OutputFileError` naming the path.
    public func write(to directory: URL) throws(OutputFileError) {
        let json: Data
        do { json = try jsonData() } catch {
            throw OutputFileError(path: directory.path, reason: "JSON encoding failed: \(error)")
        }
        try FileSet(directory: directory, names: ["regression.json", "regression.md"], key: "regression")
            .replace(with: [json, Data(markdown.utf8)])
    }
}
