/// Where each layer's parameters lie in a network's flat θ, and what they are called: the one
/// statement of the layout that `Network`, the checker's tensors, the trial generator, the
/// shrinker and the reports all read.
///
/// Layer `l` (1-based, as in the literature) owns `W_l` [d_{l−1} × d_l], row-major (`W_l[k][j]`
/// at `weights(l).lowerBound + k·d_l + j`), followed by `b_l` [d_l]; layers follow one another
/// from the input. So θ has `Σ_l (d_{l−1} + 1)·d_l` entries.
public struct ParameterLayout: Sendable, Equatable {
    /// One named tensor of θ.
    public struct Tensor: Sendable, Equatable {
        public enum Kind: String, Sendable {
            /// `W_l`, shape `[d_{l−1}, d_l]`.
            case weights = "W"
            /// `b_l`, shape `[d_l]`.
            case biases = "b"
        }

        /// Layer, 1 at the input.
        public var layer: Int
        public var kind: Kind
        /// `[fanIn, fanOut]` for weights, `[fanOut]` for biases, row-major.
        public var shape: [Int]
        /// The tensor's entries in θ.
        public var range: Range<Int>

        /// `W1`, `b1`, …: `ParameterLayout.name(_:layer:)`.
        public var name: String { ParameterLayout.name(kind, layer: layer) }
    }

    /// `d₀ … d_L`.
    public let widths: [Int]
    /// `W1, b1, …, WL, bL`, in storage order.
    public let tensors: [Tensor]

    /// - Throws: `.tooFewWidths`, `.nonPositiveWidth`, or `.tooManyParameters` when
    ///   `Σ (d_{l−1} + 1)·d_l` overflows `Int`; checked before anything is allocated, so a
    ///   hand-edited file cannot make it trap.
    public init(widths: [Int]) throws(NetworkError) {
        guard widths.count >= 2 else { throw .tooFewWidths(widths.count) }
        for (i, w) in widths.enumerated() where w < 1 { throw .nonPositiveWidth(layer: i, width: w) }
        var tensors: [Tensor] = []
        tensors.reserveCapacity(2 * (widths.count - 1))
        var offset = 0
        for l in 1..<widths.count {
            let (fanIn, fanOut) = (widths[l - 1], widths[l])
            guard case (let weights, false) = fanIn.multipliedReportingOverflow(by: fanOut),
                  case (let biasStart, false) = offset.addingReportingOverflow(weights),
                  case (let end, false) = biasStart.addingReportingOverflow(fanOut) else {
                throw .tooManyParameters(widths: widths)
            }
            tensors.append(Tensor(layer: l, kind: .weights, shape: [fanIn, fanOut], range: offset..<biasStart))
            tensors.append(Tensor(layer: l, kind: .biases, shape: [fanOut], range: biasStart..<end))
            offset = end
        }
        self.widths = widths
        self.tensors = tensors
    }

    /// Depth `L`.
    public var layers: Int { widths.count - 1 }
    /// `Σ_l (d_{l−1} + 1)·d_l`.
    public var parameterCount: Int { tensors.last!.range.upperBound }

    /// `W_l`'s entries in θ, `l` in `1...layers`.
    public func weights(_ l: Int) -> Range<Int> { tensors[2 * (l - 1)].range }
    /// `b_l`'s entries in θ, `l` in `1...layers`.
    public func biases(_ l: Int) -> Range<Int> { tensors[2 * (l - 1) + 1].range }

    /// The index in θ of `W_l[k][j]` (row `k < d_{l−1}`, column `j < d_l`).
    public func weight(_ l: Int, row k: Int, column j: Int) -> Int { weights(l).lowerBound + k * widths[l] + j }

    /// The index in θ of `b_l[j]` (`j < d_l`).
    public func bias(_ l: Int, _ j: Int) -> Int { biases(l).lowerBound + j }

    /// `W3`, `b1`: the kind's letter and the 1-based layer.
    public static func name(_ kind: Tensor.Kind, layer: Int) -> String { "\(kind.rawValue)\(layer)" }

    /// The names of an `L`-layer network's tensors, `W1, b1, …, WL, bL`, without building a layout.
    public static func names(layers: Int) -> [String] {
        (0..<max(layers, 0)).flatMap { [name(.weights, layer: $0 + 1), name(.biases, layer: $0 + 1)] }
    }
}
