/// A batch of `m` examples: inputs `x` [m × d₀] and targets `y` [m × d_L], both row-major.
public struct Batch<Scalar: Sendable>: Sendable {
    /// Batch size `m`.
    public let m: Int
    public let x: [Scalar]
    public let y: [Scalar]

    /// - Throws: `.emptyBatch` if `m < 1`; `.shapeMismatch` if `x.count ≠ m·inputWidth` or
    ///   `y.count ≠ m·outputWidth`.
    public init(m: Int, x: [Scalar], y: [Scalar], inputWidth: Int, outputWidth: Int) throws(NetworkError) {
        try Self.validate(m: m, xCount: x.count, yCount: y.count, inputWidth: inputWidth, outputWidth: outputWidth)
        self.m = m
        self.x = x
        self.y = y
    }

    /// The checks of `init` on the counts alone, overflow-safe (for values read from a file).
    /// - Throws: `.emptyBatch` if `m < 1`; `.shapeMismatch` if `xCount ≠ m·inputWidth` or
    ///   `yCount ≠ m·outputWidth` (or that product overflows).
    public static func validate(m: Int, xCount: Int, yCount: Int, inputWidth: Int, outputWidth: Int) throws(NetworkError) {
        guard m >= 1 else { throw .emptyBatch }
        for (what, count, width) in [("x", xCount, inputWidth), ("y", yCount, outputWidth)] {
            let (expected, overflow) = m.multipliedReportingOverflow(by: width)
            guard !overflow, count == expected else {
                throw .shapeMismatch(what: what, expected: overflow ? .max : expected, got: count)
            }
        }
    }
}
