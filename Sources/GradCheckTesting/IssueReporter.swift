import Testing
import XCTest

/// Records a failure in whichever framework runs the test, at the caller's source location:
/// an `Issue` in a Swift Testing test, else an `XCTFail`, and an `Issue` too. Outside a Swift
/// Testing test's own task (`Task.detached`) `Test.current` is nil although Swift Testing runs
/// the test, and an `XCTFail` there is lost; the `Issue` still fails the run.
enum IssueReporter {
    static func record(_ message: String, at location: (fileID: String, filePath: StaticString, line: Int, column: Int)) {
        let source = SourceLocation(fileID: location.fileID, filePath: "\(location.filePath)", line: location.line,
                                    column: location.column)
        if Test.current == nil { XCTFail(message, file: location.filePath, line: UInt(location.line)) }
        Issue.record(Comment(rawValue: message), sourceLocation: source)
    }
}
