import GradientCheck
import NeuralNetwork

/// A regression bucket: the tensors of one dtype, layer, parameter kind, activation and loss.
/// Buckets are what a precision regression is measured in: one layer's weights under one
/// configuration, pooled over trials.
public struct BucketKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var dtype: DType
    /// Layer, 1 at the input.
    public var layer: Int
    /// `W` or `b`.
    public var kind: String
    /// The layer's activation and the trial's loss.
    public var activation: Activation
    public var loss: Loss

    public var description: String {
        "\(dtype.rawValue) \(kind)\(layer == 0 ? "" : "\(layer)") \(activation.rawValue) \(loss.rawValue)"
    }

    public static func < (a: BucketKey, b: BucketKey) -> Bool {
        (a.dtype.rawValue, a.layer, a.kind, a.activation.rawValue, a.loss.rawValue)
            < (b.dtype.rawValue, b.layer, b.kind, b.activation.rawValue, b.loss.rawValue)
    }

    /// The bucket of a report record (`W2` → layer 2, kind `W`); fast mode's `directions`
    /// records span all layers: kind `directions`, layer 0, and the first layer's activation.
    public init(_ record: TensorRecord) {
        dtype = record.dtype
        let directions = record.tensor == GradientChecker.directionsName
        kind = directions ? record.tensor : String(record.tensor.prefix(1))
        layer = directions ? 0 : Int(record.tensor.dropFirst()) ?? 0
        activation = record.activations[max(0, min(record.activations.count - 1, layer - 1))]
        loss = record.loss
    }
}

/// Error figures of one bucket, from its tensors' records: quantiles (`QuantileSketch`) over the tensors of each
/// tensor's typical (median) relative error and `|a − n|/allowed`, and the worst element seen.
///
/// Typical values, not worst ones: a precision loss shifts every element of a tensor, and the
/// medians sit far below the tolerance (about 100× in Double), so a 10× growth shows while the
/// run still passes; the worst element is already near the tolerance and has no such room.
public struct BucketStats: Sendable, Equatable, Codable {
    public var key: BucketKey
    public var tensors: Int
    public var relativeError: Quantiles
    public var errorToAllowed: Quantiles
    /// The largest `|a − n|/allowed` of any element in the bucket.
    public var worstErrorToAllowed: Double

    /// The statistics of every bucket that `records` touch (each record is one tensor).
    public static func of(_ records: [TensorRecord]) -> [BucketKey: BucketStats] {
        var sketches: [BucketKey: BucketSketch] = [:]
        for r in records { sketches[BucketKey(r), default: BucketSketch()].add(r) }
        return sketches.mapValues(\.stats)
    }
}

/// A bucket's statistics as records stream by, in memory that does not grow with the trial
/// count (`QuantileSketch`): `ReportDigest` keeps one per bucket.
public struct BucketSketch: Sendable, Equatable {
    public private(set) var key: BucketKey?
    var relativeError = QuantileSketch()
    var errorToAllowed = QuantileSketch()
    var tensors = 0
    var worstErrorToAllowed = 0.0

    public init() {}

    public mutating func add(_ record: TensorRecord) {
        if key == nil { key = BucketKey(record) }
        tensors += 1
        relativeError.add(record.medianRelativeError)
        errorToAllowed.add(record.medianErrorToAllowed)
        worstErrorToAllowed = max(worstErrorToAllowed, record.worst.errorToAllowed)
    }

    /// The bucket's statistics; quantiles as `QuantileSketch` gives them.
    public var stats: BucketStats {
        BucketStats(key: key!, tensors: tensors, relativeError: relativeError.quantiles,
                    errorToAllowed: errorToAllowed.quantiles, worstErrorToAllowed: worstErrorToAllowed)
    }
}
