/// The outcome for one gradient element, one tensor, one trial or one run.
///
/// Ordered by severity. A tensor, trial or run takes the most severe verdict among its parts,
/// with one exception: INCONCLUSIVE parts (and exact-zero matches, which test nothing) only
/// decide when nothing else does (`aggregate`), because one element too small to resolve does
/// not make a tensor whose other elements were compared untested.
public enum Verdict: String, Sendable, Codable, Comparable, CaseIterable {
    /// `|a − n|` within the tolerance rule, and the element is resolved (or an exact-zero match).
    case pass = "PASS"
    /// Within the tolerance rule, but `max(|a|, |n|)` is below what the dtype and the step can
    /// resolve (`ElementResult.isResolved`), or the model reports the element untestable (e.g.
    /// saturated sigmoid units): a bug of any size this small would pass too. The element's
    /// `reason` says why. Not a failure, and not evidence.
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

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Whether a gate passes on this verdict: PASS, INCONCLUSIVE and KINK do. (A run in which
    /// nothing at all was resolved is refused by the CLI separately.)
    public var isAcceptable: Bool { self <= .kink }

    /// The verdict of a whole made of parts with these verdicts; `decisivePass` says whether
    /// any PASS part resolved something. INCONCLUSIVE when no part decided (all inconclusive
    /// or unresolved exact-zero matches); PASS for no parts at all.
    public static func aggregate(_ parts: some Sequence<Verdict>, decisivePass: Bool) -> Verdict {
        var worst: Verdict?
        var any = false
        for v in parts {
            any = true
            if v > .inconclusive { worst = max(worst ?? v, v) }
        }
        if let worst { return worst }
        return !any || decisivePass ? .pass : .inconclusive
    }
}
