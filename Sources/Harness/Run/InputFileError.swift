import GradientCheck
import Foundation

/// Why an input file (a baseline, a shard report to merge, a case file to replay, a shapes
/// file) could not be used. Maps to exit code 65 (EX_DATAERR) in the CLI; the file is never
/// modified on this path.
public struct InputFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `baseline`, `report`, `case file` or `shapes file`: what the file was meant to be.
    public var role: String
    /// The path, or `path:line` for a bad line.
    public var path: String
    public var problem: String

    public init(role: String, path: String, problem: String) {
        self.role = role
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(role) \(path): \(problem)" }
}
