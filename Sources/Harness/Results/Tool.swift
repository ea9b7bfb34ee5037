import GradientCheck
/// Which gradcheck wrote a file: recorded in every report and case file, so that a reader can
/// refuse what another version wrote (`Report.merge`).
public struct Tool: Sendable, Equatable, Codable {
    /// gradcheck's own version.
    public static let version = "0.2.0"

    public var name = "gradcheck"
    public var version = Tool.version

    public init() {}
}
