import PropertyBased
import Testing

/// Random logits for `Loss.softmax`: `m` rows (1…6) of `n` (1…8), each `U(−1, 1)` times a
/// spread of 30 (moderate) or 1e4 (huge, where `e^z` overflows and most entries underflow),
/// and one shift `c ~ U(−1e4, 1e4)` per row for the shift-invariance property.
struct LogitsCase: Sendable, CustomTestStringConvertible {
    static let maxRows = 6
    static let maxWidth = 8

    let m: Int
    let n: Int
    /// [m × n], row-major.
    let z: [Double]
    /// One per row.
    let shifts: [Double]

    static let generator = zip(
        Gen.int(in: 1...maxRows),
        Gen.int(in: 1...maxWidth),
        Gen.double(in: -1...1).array(of: maxRows * maxWidth),
        Gen.bool,
        Gen.double(in: -1e4...1e4).array(of: maxRows)
    ).map { m, n, unit, huge, shifts in
        LogitsCase(m: m, n: n, z: unit.prefix(m * n).map { $0 * (huge ? 1e4 : 30) }, shifts: Array(shifts.prefix(m)))
    }

    func row(_ r: Int) -> Range<Int> { (r * n)..<(r * n + n) }

    var testDescription: String { "m = \(m), n = \(n), z = \(z), shifts = \(shifts)" }
}
