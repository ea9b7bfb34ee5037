/// Why an output file (a report, a baseline, JUnit XML, a case file) could not be written.
/// Maps to exit code 74 (EX_IOERR) in the CLI; the file keeps its old content.
public struct OutputFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "cannot write \(path): \(reason)" }
}
