import DurableFiles
import Foundation
import Harness

extension Baseline {
    /// Replaces the baseline at `url` with a copy of the report at `report` (a `gradcheck.json`
    /// just written), keeping the previous baseline as `<name>.prev`
    /// (`StagedFile.commitKeepingPrevious`): at every instant the baseline path holds a complete
    /// file, old or new. The copy streams, in memory of one block.
    /// - Throws: `OutputFileError` naming the path that could not be read or written.
    public static func save(copying report: URL, to url: URL) throws(OutputFileError) {
        guard let input = FileHandle(forReadingAtPath: report.path) else {
            throw OutputFileError(path: url.path, reason: "cannot read \(report.path)")
        }
        defer { try? input.close() }
        let file = try StagedWriter(for: url)
        while true {
            let block: Data
            do { block = try input.read(upToCount: 1 << 16) ?? Data() } catch {
                file.discard()
                throw OutputFileError(path: url.path, reason: "cannot read \(report.path): \(error)")
            }
            if block.isEmpty { break }
            file.write(block)
        }
        try file.finish().commitKeepingPrevious()
    }
}
