/// A batch of `m` examples: inputs `x` [m × d₀] and targets `y` [m × d_L], both row-major.
public struct Batch<Scalar: Sendable>: Sendable {
    /// Batch size `m`.
    public let m: Int
    public let x: [Scalar]
    public let y: [Scalar]

    /// - Throws: `.emptyBatch` if `m < 1`; `.shapeMismatch` if `x.count ≠ m·inputWidth` or
    ///   `y.count ≠ m·outputWidth`.
    public init(m: Int, x: [Scalar], y: [Scalar], inputWidth: Int, outputWidth: Int) throws(NetworkError) {
        guard m >= 1 else { throw .emptyBatch }
        guard x.count == m * inputWidth else { throw .shapeMismatch(what: "x", expected: m * inputWidth, got: x.count) }
        guard y.count == m * outputWidth else { throw .shapeMismatch(what: "y", expected: m * outputWidth, got: y.count) }
        self.m = m
        self.x = x
        self.y = y
    }
}
