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

extension Quantiles {
    /// `Quantiles(values).median` by selection (Hoare's quickselect, O(n) on average) instead of
    /// a full sort: reports take two medians of every tensor of every trial.
    public static func median(_ values: consuming [Double]) -> Double {
        values.removeAll(where: \.isNaN)
        guard !values.isEmpty else { return 0 }
        let k = Int((0.5 * Double(values.count)).rounded(.up)) - 1
        var (low, high) = (0, values.count - 1)
        while low < high {
            // Partition around the middle value: low…j ≤ pivot ≤ i…high, and j < m < i equal it.
            let pivot = values[(low + high) / 2]
            var (i, j) = (low, high)
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return values[k]
            }
        }
        return values[k]
    }
}
