import Foundation
import GradientCheck

/// Quantiles of a stream of non-negative values in bounded memory: counts in bins a hundredth
/// of a decade wide (sparse, only the bins that occur), with exact zeros, infinities and the
/// exact maximum kept apart; NaN is dropped, as `Quantiles` drops it.
///
/// A quantile is the upper edge of its bin, capped at the maximum: never below the exact value
/// (`Quantiles`' rank ⌈p·n⌉), and at most 10^0.01 − 1 ≈ 2.3 % above it. A regression factor
/// (default 10) is compared with a ratio of two such quantiles, so the sketch moves it by at
/// most that much either way.
public struct QuantileSketch: Sendable, Equatable {
    static let binsPerDecade = 100.0
    public private(set) var count = 0
    public private(set) var max = 0.0
    var zeros = 0
    var infinities = 0
    var bins: [Int: Int] = [:]

    public init() {}

    public mutating func add(_ value: Double) {
        guard !value.isNaN else { return }
        count += 1
        max = Swift.max(max, value)
        if value <= 0 { zeros += 1; return }
        if value == .infinity { infinities += 1; return }
        // log10 of a positive finite Double lies in [-324, 309]: the product is a small integer.
        bins[Int((log10(value) * Self.binsPerDecade).rounded(.down)), default: 0] += 1
    }

    /// The value of rank ⌈p·count⌉ (at least 1), as above; 0 for an empty sketch.
    public func quantile(_ p: Double) -> Double {
        guard count > 0 else { return 0 }
        var rank = Swift.max(1, Int((p * Double(count)).rounded(.up)))
        if rank <= zeros { return 0 }
        rank -= zeros
        for bin in bins.keys.sorted() {
            rank -= bins[bin]!
            if rank <= 0 { return Swift.min(pow(10, Double(bin + 1) / Self.binsPerDecade), max) }
        }
        return .infinity
    }

    /// `Quantiles` of the values: exact count and maximum, sketched median, p90 and p99.
    public var quantiles: Quantiles {
        var q = Quantiles([])
        (q.count, q.median, q.p90, q.p99, q.max) = (count, quantile(0.5), quantile(0.9), quantile(0.99), max)
        return q
    }
}
