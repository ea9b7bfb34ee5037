import Foundation
import GradientCheck

/// How closely the PASS elements of a run certify agreement: the distribution, over PASS
/// elements, of `allowed / max(|a|, |n|)` (`ElementResult.certifiedRelativeError`), the
/// relative error below which each PASS shows `a` and `n` agree.
///
/// Kept as counts in bins a tenth of a decade wide from 1e-18 to 1 (values outside go to the
/// end bins), so memory does not grow with the trial count and shards merge by adding counts.
/// A quantile is the upper edge of its bin: at most 26 % above the exact value, never below.
public struct CertifiedAgreement: Sendable, Equatable, Codable {
    /// Bins per decade, and the decade of the first bin's lower edge.
    static let binsPerDecade = 10
    static let lowestDecade = -18
    static let binCount = 18 * binsPerDecade

    /// `counts[k]` PASS elements have a certified relative error in bin `k`.
    public var counts: [Int] = Array(repeating: 0, count: CertifiedAgreement.binCount)

    public init() {}

    /// PASS elements counted.
    public var total: Int { counts.reduce(0, +) }

    public mutating func add(_ certified: Double) {
        let position = (log10(certified) - Double(Self.lowestDecade)) * Double(Self.binsPerDecade)
        // Clamped in Double before the conversion: log10 of 0 is -inf, of NaN is NaN.
        let bin = position.isNaN ? Self.binCount - 1 : Int(min(max(position.rounded(.down), 0), Double(Self.binCount - 1)))
        counts[bin] += 1
    }

    public func merged(with other: CertifiedAgreement) -> CertifiedAgreement {
        var m = self
        for k in counts.indices { m.counts[k] += other.counts[k] }
        return m
    }

    /// The upper bin edge at or below which a share `p` of the PASS elements lie; `nil` when
    /// there is none.
    public func quantile(_ p: Double) -> Double? {
        let n = total
        guard n > 0 else { return nil }
        let rank = max(Int((p * Double(n)).rounded(.up)), 1)
        var seen = 0
        for k in counts.indices {
            seen += counts[k]
            if seen >= rank { return Self.upperEdge(k) }
        }
        return Self.upperEdge(Self.binCount - 1)
    }

    static func upperEdge(_ bin: Int) -> Double {
        pow(10, Double(Self.lowestDecade) + Double(bin + 1) / Double(Self.binsPerDecade))
    }
}
