/// Shard `index` of `count` (`--shard i/n`, 1-based): the trials whose index is `≡ i − 1 (mod n)`.
/// The shards 1/n … n/n partition the trials, and each shard's trials are spread over the run.
public struct Shard: Sendable, Equatable, Codable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    /// Parses `i/n` with `1 ≤ i ≤ n`; `nil` otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
        index = i
        count = n
    }

    public var description: String { "\(index)/\(count)" }
}
