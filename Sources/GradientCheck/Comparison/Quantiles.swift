/// Median, p90, p99 and maximum of a sample, by the nearest-rank method (the `⌈p·n⌉`-th
/// smallest value; Hyndman & Fan 1996, definition 1), so every figure is a value that occurred.
public struct Quantiles: Sendable, Equatable, Codable {
    public var count: Int
    public var median: Double
    public var p90: Double
    public var p99: Double
    public var max: Double

    /// - Parameter values: the sample; NaN values are dropped. An empty sample gives all zeros.
    public init(_ values: [Double]) {
        let sorted = values.filter { !$0.isNaN }.sorted()
        count = sorted.count
        func rank(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let k = Int((p * Double(sorted.count)).rounded(.up))
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, k - 1))]
        }
        median = rank(0.5)
        p90 = rank(0.9)
        p99 = rank(0.99)
        max = sorted.last ?? 0
    }
}
