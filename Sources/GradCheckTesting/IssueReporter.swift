import Testing
import XCTest

/// Records a failure in whichever framework runs the test: an `Issue` in Swift Testing, an
/// `XCTFail` in XCTest, at the caller's source location either way.
enum IssueReporter {
    static func record(_ message: String, at location: (fileID: String, filePath: StaticString, line: Int, column: Int)) {
        if Test.current != nil {
            Issue.record(Comment(rawValue: message),
                         sourceLocation: SourceLocation(fileID: location.fileID, filePath: "\(location.filePath)",
                                                        line: location.line, column: location.column))
        } else {
            XCTFail(message, file: location.filePath, line: UInt(location.line))
        }
    }
}
