import Foundation

/// A distribution of non-negative errors over the elements of a run (the relative error
/// `|a − n|/max(|a|, |n|)`, or `|a − n|`/allowed): counts in bins a quarter of a decade wide
/// from 1e-20 to 1e4, values outside clamped to the end bins, with exact zeros and non-finite
/// values (NaN, ∞) counted apart, so that no element is dropped from a figure.
///
/// Memory does not grow with the trial count, and shards merge by adding counts
/// (`merged(with:)`). The HTML report draws these (`CheckHTML`).
public struct ErrorHistogram: Sendable, Equatable, Codable {
    public static let binsPerDecade = 4
    public static let lowestDecade = -24
    public static let highestDecade = 12
    static let binCount = (highestDecade - lowestDecade) * binsPerDecade

    /// `counts[k]` values in `[10^(lowestDecade + k/4), 10^(lowestDecade + (k+1)/4))`.
    public var counts: [Int] = Array(repeating: 0, count: ErrorHistogram.binCount)
    public var zeros = 0
    public var nonFinite = 0

    public init() {}

    /// Values counted, zeros and non-finite ones included.
    public var total: Int { counts.reduce(zeros + nonFinite, +) }

    public mutating func add(_ value: Double) {
        guard value.isFinite else { nonFinite += 1; return }
        guard value > 0 else { zeros += 1; return }
        let position = (log10(value) - Double(Self.lowestDecade)) * Double(Self.binsPerDecade)
        // Clamped in Double before the conversion (a finite positive value has a finite log).
        counts[Int(min(max(position.rounded(.down), 0), Double(Self.binCount - 1)))] += 1
    }

    public func merged(with other: ErrorHistogram) -> ErrorHistogram {
        var m = self
        for k in counts.indices { m.counts[k] += other.counts[k] }
        m.zeros += other.zeros
        m.nonFinite += other.nonFinite
        return m
    }
}
