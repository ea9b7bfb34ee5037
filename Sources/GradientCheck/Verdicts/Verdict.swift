/// The outcome for one gradient element, one tensor, one trial or one run.
///
/// Ordered by severity; a tensor, trial or run takes the most severe of its parts.
public enum Verdict: String, Sendable, Codable, Comparable, CaseIterable {
    /// `|a − n|` within the tolerance rule.
    case pass = "PASS"
    /// The stencil straddles a non-differentiable point (ReLU-like kink), so the central
    /// difference is a chord, and the analytic value agrees with the one-sided derivatives
    /// (see `GradientChecker.judgeKink`): not a gradient bug.
    case kink = "KINK"
    /// A value mismatch: outside the tolerance rule, or (at a kink) disagreeing with the
    /// one-sided derivatives.
    case fail = "FAIL"
    /// NaN or ±Inf in the loss, the numerical or the analytic derivative. Never a pass.
    case nonFinite = "NON-FINITE"

    var severity: Int {
        switch self {
        case .pass: return 0
        case .kink: return 1
        case .fail: return 2
        case .nonFinite: return 3
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.severity < rhs.severity }

    /// Whether a gate passes on this verdict (PASS and KINK do; FAIL and NON-FINITE do not).
    public var isAcceptable: Bool { self <= .kink }
}
