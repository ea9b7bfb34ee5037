import NeuralNetwork
import PropertyBased
import RealModule
import Testing

/// `Loss.softmax` gives a probability vector per row, whatever the logits' size, and does not
/// see a constant added to a row; in Float and in Double. The bounds are
/// `SoftmaxErrorBound`'s, derived there from Higham's `γ_n` (*Accuracy and Stability of
/// Numerical Algorithms*, §3.1).
@Suite struct SoftmaxProperties {
    /// Proves that every entry is in `[0, 1]` (so never NaN), exactly: `ŝ ≥ 1` gives
    /// `l̂se ≥ max_j z_j`, so every exponent `fl(z_j − l̂se)` is `≤ 0` and `exp` of it is in `[0, 1]`.
    /// And that each row sums to 1 within `SoftmaxErrorBound.rowSum`: `2γ_{n−1}` for the two
    /// sums, `(12 + n/e + 7·log n)·u` for the libm calls (3 ulps each) and the subtractions, and
    /// `u·|lse|` (up to `u·(2e4 + log n)` here) for rounding `max + log s`, which rescales the
    /// whole row.
    @Test func rowsAreProbabilityVectors() async {
        await propertyCheck(count: 500, input: LogitsCase.generator) { sample in
            Self.checkRows(sample, Float.self)
            Self.checkRows(sample, Double.self)
        }
    }

    /// Proves `softmax(z + c) = softmax(z)` entry by entry within the sum of both evaluations'
    /// entry bounds (`SoftmaxErrorBound.entry`) and `2u·max_j |z_j + c|`: rounding `z_j + c`
    /// moves each logit by up to `u·|z_j + c|`, which moves `p_j` by up to `p_j` times twice that.
    @Test func shiftingARowChangesNothing() async {
        await propertyCheck(count: 500, input: LogitsCase.generator) { sample in
            Self.checkShift(sample, Float.self)
            Self.checkShift(sample, Double.self)
        }
    }

    static func checkRows<T: Real & BinaryFloatingPoint>(_ sample: LogitsCase, _: T.Type) {
        let z = sample.z.map { T($0) }
        let p = Loss.softmax(z, m: sample.m)
        let rounding = Rounding(T.self)
        for r in 0..<sample.m {
            let row = sample.row(r)
            #expect(p[row].allSatisfy { $0 >= 0 && $0 <= 1 }, "\(T.self) row \(r): \(p[row])")
            let sum = Double(p[row].reduce(0, +))
            let bound = SoftmaxErrorBound.rowSum(
                n: sample.n, lseMagnitude: SoftmaxErrorBound.lseMagnitude(row.map { Double(z[$0]) }), rounding)
            #expect(abs(sum - 1) <= bound, "\(T.self) row \(r): Σp − 1 = \(sum - 1), bound \(bound)")
        }
    }

    static func checkShift<T: Real & BinaryFloatingPoint>(_ sample: LogitsCase, _: T.Type) {
        let z = sample.z.map { T($0) }
        var shifted = z
        for r in 0..<sample.m {
            for i in sample.row(r) { shifted[i] += T(sample.shifts[r]) }
        }
        let (p, q) = (Loss.softmax(z, m: sample.m), Loss.softmax(shifted, m: sample.m))
        let rounding = Rounding(T.self)
        for r in 0..<sample.m {
            let row = sample.row(r)
            let original = row.map { Double(z[$0]) }
            let moved = row.map { Double(shifted[$0]) }
            let bound = SoftmaxErrorBound.entry(n: sample.n, lseMagnitude: SoftmaxErrorBound.lseMagnitude(original), rounding)
                + SoftmaxErrorBound.entry(n: sample.n, lseMagnitude: SoftmaxErrorBound.lseMagnitude(moved), rounding)
                + 2 * rounding.u * moved.map(abs).max()!
            for i in row {
                #expect(q[i].isFinite && abs(Double(q[i]) - Double(p[i])) <= bound,
                        "\(T.self) z[\(i)] + \(sample.shifts[r]): \(q[i]) vs \(p[i]), bound \(bound)")
            }
        }
    }
}
