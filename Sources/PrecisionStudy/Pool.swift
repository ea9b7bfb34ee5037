import Foundation
import GradientCheck

/// Errors of a set of gradient elements against the reference.
struct ElementErrors {
    /// Backprop: relative error and ulps, elements with a finite non-zero reference and a finite
    /// backprop value (a ratio that overflows Double is +inf and lands in the histogram's last bin).
    var backprop: [Double] = []
    var ulps: [Double] = []
    /// Oracle (non-kink, finite): relative error, error relative to `|L|` (the yardstick of the
    /// step-size theory) and error over the oracle's own estimate `E`.
    var oracle: [Double] = []
    var oracleToLoss: [Double] = []
    var oracleToEstimate: [Double] = []
    var exceeded = 0
    var zeroReference = 0
    /// Elements whose backprop value or reference is NaN or ±inf: counted, not measured (their
    /// error is no precision), never dropped from the counts.
    var nonFinite = 0
    /// Non-kink elements with a finite reference whose oracle value is NaN or ±inf.
    var oracleNonFinite = 0
    /// Backprop values equal to a non-zero reference.
    var exact = 0

    var exceededFraction: Double { oracle.isEmpty ? 0 : Double(exceeded) / Double(oracle.count) }

    mutating func add(_ other: ElementErrors) {
        backprop += other.backprop
        ulps += other.ulps
        oracle += other.oracle
        oracleToLoss += other.oracleToLoss
        oracleToEstimate += other.oracleToEstimate
        exceeded += other.exceeded
        zeroReference += other.zeroReference
        nonFinite += other.nonFinite
        oracleNonFinite += other.oracleNonFinite
        exact += other.exact
    }
}

/// Element errors pooled over trials, per dtype and per breakdown bucket.
struct Pool {
    var byDType: [DType: ElementErrors] = [:]
    /// Key: dimension, value, dtype; insertion order kept for stable output.
    var buckets: [String: ElementErrors] = [:]
    var bucketOrder: [(dimension: String, value: String, dtype: DType)] = []

    mutating func add(dtype: DType, keys: [(String, String)], _ errors: ElementErrors) {
        byDType[dtype, default: ElementErrors()].add(errors)
        for (dimension, value) in keys {
            let key = Self.key(dimension, value, dtype)
            if buckets[key] == nil { bucketOrder.append((dimension, value, dtype)) }
            buckets[key, default: ElementErrors()].add(errors)
        }
    }

    static func key(_ dimension: String, _ value: String, _ dtype: DType) -> String {
        "\(dimension)\u{1F}\(value)\u{1F}\(dtype.rawValue)"
    }

    /// Adds another pool's errors as if its `add` calls had been made here, in its order.
    mutating func add(_ other: Pool) {
        for (dtype, errors) in other.byDType { byDType[dtype, default: ElementErrors()].add(errors) }
        for bucket in other.bucketOrder {
            let key = Self.key(bucket.dimension, bucket.value, bucket.dtype)
            if buckets[key] == nil { bucketOrder.append(bucket) }
            buckets[key, default: ElementErrors()].add(other.buckets[key]!)
        }
    }

    func summary(_ dtype: DType, epsilon: Double) -> PrecisionStudyResult.Summary {
        let e = byDType[dtype] ?? ElementErrors()
        return .init(dtype: dtype, epsilon: epsilon, elements: e.backprop.count, zeroReferenceElements: e.zeroReference,
                     nonFiniteElements: e.nonFinite, nonFiniteDifferences: e.oracleNonFinite, exactElements: e.exact, backpropRelative: Quantiles(e.backprop), backpropULP: Quantiles(e.ulps),
                     finiteDifferenceRelative: Quantiles(e.oracle), finiteDifferenceToLoss: Quantiles(e.oracleToLoss),
                     errorToEstimate: Quantiles(e.oracleToEstimate), estimateExceededFraction: e.exceededFraction)
    }

    /// Sorted by dimension, then value (numerically where the value is a number), then dtype.
    func breakdowns(_ dtypes: [DType]) -> [PrecisionStudyResult.Breakdown] {
        let dimensions = ["layer", "fan-in", "batch", "activation", "loss", "saturated"]
        return bucketOrder.sorted { a, b in
            let (da, db) = (dimensions.firstIndex(of: a.dimension)!, dimensions.firstIndex(of: b.dimension)!)
            if da != db { return da < db }
            if a.value != b.value {
                if let x = Int(a.value.prefix { $0.isNumber }), let y = Int(b.value.prefix { $0.isNumber }), x != y { return x < y }
                return a.value < b.value
            }
            return dtypes.firstIndex(of: a.dtype)! < dtypes.firstIndex(of: b.dtype)!
        }.map { d in
            let e = buckets[Self.key(d.dimension, d.value, d.dtype)]!
            return .init(dimension: d.dimension, value: d.value, dtype: d.dtype,
                         backpropRelative: Quantiles(e.backprop), finiteDifferenceRelative: Quantiles(e.oracle))
        }
    }

    func histogram(_ dtype: DType) -> PrecisionStudyResult.Histogram {
        let edges = PrecisionStudy.histogramEdges
        var counts = [Int](repeating: 0, count: edges.count)
        var exact = 0
        let errors = byDType[dtype] ?? ElementErrors()
        for r in errors.backprop {
            if r == 0 { exact += 1; continue }   // no bin on a log axis
            counts[Self.bin(r, edges: edges)] += 1
        }
        return .init(dtype: dtype, edges: edges, counts: counts, exact: exact, nonFinite: errors.nonFinite)
    }

    /// The quarter-decade bin of a relative error `r > 0`, clamped to the first and last bin in
    /// Double before the conversion to an index (`+inf` is the last bin; NaN, which `measure`
    /// never pools, the first), so no value traps.
    static func bin(_ r: Double, edges: [Double]) -> Int {
        let position = ((log10(r) - edges[0]) * 4).rounded(.down)
        guard !position.isNaN else { return 0 }
        return Int(Swift.min(Swift.max(position, 0), Double(edges.count - 1)))
    }
}


