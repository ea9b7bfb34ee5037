import DurableFiles
import Foundation
import Harness

extension JUnitReport {
    /// Writes the XML of `report` to `url` atomically (`StagedWriter`), reading `records` once.
    /// - Throws: `OutputFileError` naming the path, or what reading `records` throws.
    public static func write(_ report: Report, records: inout some RecordSource, spelling: some CommandSpelling,
                             to url: URL) throws {
        let file = try StagedWriter(for: url)
        try generate(report, records: &records, spelling: spelling) { file.write($0) }
        try file.finish().commit()
    }
}
