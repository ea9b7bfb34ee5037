import Foundation
import GradientCheck

/// Element errors pooled over trials, per dtype and per breakdown bucket.
struct Pool {
    struct Errors {
        var backprop: [Double] = []
        var ulps: [Double] = []
        var oracle: [Double] = []
        var exceeded = 0
    }

    var byDType: [DType: Errors] = [:]
    /// Key: dimension, value, dtype; insertion order kept for stable output.
    var buckets: [String: Errors] = [:]
    var bucketOrder: [(dimension: String, value: String, dtype: DType)] = []

    mutating func add(dtype: DType, keys: [(String, String)], backprop: [Double], ulps: [Double],
                      oracle: [Double], exceeded: Int) {
        byDType[dtype, default: Errors()].backprop += backprop
        byDType[dtype, default: Errors()].ulps += ulps
        byDType[dtype, default: Errors()].oracle += oracle
        byDType[dtype, default: Errors()].exceeded += exceeded
        for (dimension, value) in keys {
            let key = "\(dimension)\u{1F}\(value)\u{1F}\(dtype.rawValue)"
            if buckets[key] == nil { bucketOrder.append((dimension, value, dtype)) }
            buckets[key, default: Errors()].backprop += backprop
            buckets[key, default: Errors()].oracle += oracle
        }
    }

    func summary(_ dtype: DType) -> PrecisionStudyResult.Summary {
        let e = byDType[dtype] ?? Errors()
        return .init(dtype: dtype, epsilon: dtype.epsilon, elements: e.backprop.count,
                     exactElements: e.backprop.filter { $0 == 0 }.count,
                     backpropRelative: Quantiles(e.backprop), backpropULP: Quantiles(e.ulps),
                     finiteDifferenceRelative: Quantiles(e.oracle),
                     estimateExceededFraction: e.oracle.isEmpty ? 0 : Double(e.exceeded) / Double(e.oracle.count))
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
            let e = buckets["\(d.dimension)\u{1F}\(d.value)\u{1F}\(d.dtype.rawValue)"]!
            return .init(dimension: d.dimension, value: d.value, dtype: d.dtype,
                         backpropRelative: Quantiles(e.backprop), finiteDifferenceRelative: Quantiles(e.oracle))
        }
    }

    func histogram(_ dtype: DType) -> PrecisionStudyResult.Histogram {
        let edges = PrecisionStudy.histogramEdges
        var counts = [Int](repeating: 0, count: edges.count)
        var exact = 0
        for r in byDType[dtype]?.backprop ?? [] {
            if r == 0 { exact += 1; continue }
            let x = r.isFinite ? log10(r) : .infinity
            let bin = Int(((x - edges[0]) * 4).rounded(.down))
            counts[max(0, min(edges.count - 1, bin))] += 1
        }
        return .init(dtype: dtype, edges: edges, counts: counts, exact: exact)
    }
}


