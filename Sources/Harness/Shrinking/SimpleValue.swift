import GradientCheck
import Foundation

/// How simple a value is to read, for shrinking values the way Hypothesis does: 0, then 1,
/// then −1, then other integers, then one significant digit (0.3, −0.02), then anything else;
/// within a rank, smaller magnitudes are simpler. Every candidate is a Float value widened to
/// Double, as `TrialSpec` requires.
enum SimpleValue {
    /// The candidates to try in place of `v`, simplest first, each strictly simpler than `v`.
    static func candidates(for v: Double) -> [Double] {
        var result: [Double] = []
        for c in [0, 1, -1, v.rounded(), oneSignificantDigit(v)] where c.isFinite && isSimpler(c, than: v) {
            if !result.contains(c) { result.append(c) }
        }
        return result
    }

    /// Whether `a` comes strictly before `b` in the order above (a strict order: shrinking
    /// by it always ends).
    static func isSimpler(_ a: Double, than b: Double) -> Bool {
        let (ra, rb) = (rank(a), rank(b))
        if ra != rb { return ra < rb }
        return abs(a) < abs(b)
    }

    static func rank(_ v: Double) -> Int {
        if v == 0 { return 0 }
        if v == 1 { return 1 }
        if v == -1 { return 2 }
        guard v.isFinite else { return 5 }
        if v == v.rounded() { return 3 }
        return v == oneSignificantDigit(v) ? 4 : 5
    }

    /// `v` rounded to one significant decimal digit, then to the nearest Float (0.27 → 0.3f).
    static func oneSignificantDigit(_ v: Double) -> Double {
        guard v.isFinite, v != 0 else { return v }
        let scale = pow(10, floor(log10(abs(v))))
        return Double(Float((v / scale).rounded() * scale))
    }
}
