/// The outcome for one gradient element, one tensor, one trial or one run.
///
/// Ordered by severity. A tensor, trial or run takes the most severe verdict among its parts,
/// with one exception: INCONCLUSIVE parts (and exact-zero matches, which test nothing) only
/// decide when nothing else does (`aggregate`), because one element too small to resolve does
/// not make a tensor whose other elements were compared untested.
public enum Verdict: String, Sendable, Codable, Comparable, CaseIterable {
    /// `|a − n|` within the tolerance rule, and the element is resolved: the rule's allowed error
    /// is at most 1/20 of `max(|a|, |n|)` (`ElementResult.isResolved`).
    case pass = "PASS"
    /// Within the tolerance rule, but not resolved (`ElementResult.isResolved`): the allowed
    /// error is more than 1/20 of `max(|a|, |n|)`, or both are exactly 0, so a bug of that size
    /// would pass too; or, in a FAIL's Float80 recheck, the dtype's own rounding explains the
    /// difference. The element's `reason` says why (a saturated unit when the model reports
    /// one). Not a failure, and not evidence.
    case inconclusive = "INCONCLUSIVE"
    /// The stencil straddles a non-differentiable point (ReLU-like kink), so the central
    /// difference is a chord, and the analytic value agrees with the one-sided derivatives
    /// (see `GradientChecker.judgeKink`): not a gradient bug.
    case kink = "KINK"
    /// A value mismatch: outside the tolerance rule, or (at a kink) disagreeing with the
    /// one-sided derivatives.
    case fail = "FAIL"
    /// Two evaluations at the same θ differ bitwise (the loss, or the analytic gradient): the
    /// difference quotient measures the noise, not the derivative. The check's notes give the size.
    case nondeterministic = "NONDETERMINISTIC"
    /// NaN or ±Inf in the loss, the numerical or the analytic derivative. Never a pass.
    case nonFinite = "NON-FINITE"
    /// The check's own bookkeeping is wrong: θ was not restored bitwise, or `loss()` is not
    /// the scalar the analytic gradient belongs to (the two sides differentiate different
    /// functions). Nothing else in the result can be trusted.
    case harnessError = "HARNESS-ERROR"

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.severity < rhs.severity }

    /// The position in `allCases`, the order of severity (0 for PASS). A switch, because
    /// `allCases` builds a new array on every call and verdicts are compared per element.
    public var severity: Int {
        switch self {
        case .pass: 0
        case .inconclusive: 1
        case .kink: 2
        case .fail: 3
        case .nondeterministic: 4
        case .nonFinite: 5
        case .harnessError: 6
        }
    }

    /// Whether a gate passes on this verdict: PASS, INCONCLUSIVE and KINK do. (A run in which
    /// nothing at all was resolved is refused by the CLI separately.)
    public var isAcceptable: Bool { self <= .kink }

    /// The verdict of a whole made of parts with these verdicts: the most severe one above
    /// INCONCLUSIVE if any, else PASS if any part passed, else INCONCLUSIVE (PASS for no parts).
    public static func aggregate(_ parts: some Sequence<Verdict>) -> Verdict {
        var worst: Verdict?
        var passed = false
        var any = false
        for v in parts {
            any = true
            if v == .pass { passed = true }
            if v > .inconclusive { worst = max(worst ?? v, v) }
        }
        return worst ?? (passed || !any ? .pass : .inconclusive)
    }
}
