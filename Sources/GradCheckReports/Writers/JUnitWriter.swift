import DurableFiles
import Foundation
import Harness

extension JUnitReport {
    /// Writes `xml(report, spelling:)` to `url` atomically (`StagedFile`).
    /// - Throws: `OutputFileError` naming the path.
    public static func write(_ report: Report, spelling: some CommandSpelling, to url: URL) throws(OutputFileError) {
        try StagedFile.stage(Data(xml(report, spelling: spelling).utf8), for: url).commit()
    }
}

