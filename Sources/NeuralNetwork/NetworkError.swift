/// Why a network or batch could not be built. Every case names what was expected.
public enum NetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer than two widths (a network needs an input and an output width).
    case tooFewWidths(Int)
    /// A width `< 1`, at layer index `layer` of `widths`.
    case nonPositiveWidth(layer: Int, width: Int)
    /// `activations.count` must equal `widths.count − 1`.
    case activationCountMismatch(expected: Int, got: Int)
    /// The loss needs a specific output activation (see `Loss.requiredOutputActivation`).
    case incompatibleOutputActivation(loss: Loss, required: Activation, got: Activation)
    /// `parameters.count` must equal the sum over layers of `fanIn·fanOut + fanOut`.
    case parameterCountMismatch(expected: Int, got: Int)
    /// A batch array's count must be `m × width` (`Int.max` when that product overflows).
    case shapeMismatch(what: String, expected: Int, got: Int)
    /// Batch size `m` must be at least 1.
    case emptyBatch
    /// Weight decay `λ` must be finite and ≥ 0 (a negative `λ` rewards large weights).
    case invalidWeightDecay(Double)
    /// The parameter count `Σ (d_{l−1} + 1)·d_l` of these widths overflows `Int`.
    case tooManyParameters(widths: [Int])
    /// No activation or loss has this name (`Activation.init(named:)`, `Loss.init(named:)`).
    case unknownName(kind: String, name: String, known: [String])
    /// `Network(layers:)` was given no layers, or a layer with no weight rows or no biases.
    case emptyLayer(layer: Int?, what: String)

    public var description: String {
        switch self {
        case .tooFewWidths(let n): return "a network needs at least 2 widths (input and output), got \(n)"
        case let .nonPositiveWidth(layer, width): return "width \(layer) is \(width); widths must be ≥ 1"
        case let .activationCountMismatch(e, g): return "expected \(e) activations (one per layer), got \(g)"
        case let .incompatibleOutputActivation(loss, required, got):
            return "loss \(loss.rawValue) needs output activation \(required.rawValue), got \(got.rawValue)"
        case let .parameterCountMismatch(e, g): return "expected \(e) parameters, got \(g)"
        case let .shapeMismatch(what, e, g):
            return "\(what): expected \(e == .max ? "more values than an Int counts" : "\(e) values"), got \(g)"
        case .emptyBatch: return "batch size m must be ≥ 1"
        case .invalidWeightDecay(let lambda): return "weight decay λ must be finite and ≥ 0, got \(lambda)"
        case .tooManyParameters(let widths): return "widths \(widths) have more parameters than an Int counts"
        case let .unknownName(kind, name, known):
            return "no \(kind) is named \"\(name)\"; the \(kind == "loss" ? "losses" : kind + "s") are " + known.joined(separator: ", ")
        case let .emptyLayer(layer, what):
            return layer.map { "layer \($0) has no \(what)" } ?? "a network needs at least one layer"
        }
    }
}
