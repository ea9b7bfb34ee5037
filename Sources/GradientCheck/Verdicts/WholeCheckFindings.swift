/// What a check finds about the model as a whole rather than about one element: evaluations
/// that do not repeat (NONDETERMINISTIC), and bookkeeping that does not hold (HARNESS-ERROR).
@usableFromInline
struct WholeCheckFindings {
    /// Things the user should know, in the order found.
    @usableFromInline var notes: [String] = []
    /// The most severe whole-check verdict found, `nil` for none.
    @usableFromInline var verdict: Verdict?

    @inlinable init() {}

    @usableFromInline
    mutating func raise(_ found: Verdict, _ note: String) {
        verdict = max(verdict ?? found, found)
        notes.append(note)
    }

    /// A second backprop pass at the same θ must repeat the first bitwise.
    @inlinable
    mutating func compareRepeated<S: BinaryFloatingPoint>(_ again: (loss: S, gradient: [S]),
                                                          with first: (loss: S, gradient: [S])) {
        compareRepeated(loss: again.loss, with: first.loss, when: "in lossAndGradient()")
        var differing = 0
        var largest = 0.0
        for (x, y) in zip(first.gradient, again.gradient) where !Self.repeats(x, y) {
            differing += 1
            largest = max(largest, abs(Double(x) - Double(y)))
        }
        if differing > 0 {
            raise(.nondeterministic, "two backprop passes at the same θ differ in \(differing) gradient element(s), "
                  + "by up to \(largest)")
        }
    }

    /// A loss evaluated again at the same θ must repeat bitwise: otherwise a difference
    /// quotient divides this noise by `h` (`|ΔL|/h` is the size of the spurious derivative).
    @inlinable
    mutating func compareRepeated<S: BinaryFloatingPoint>(loss again: S, with first: S, when: String) {
        guard !Self.repeats(first, again) else { return }
        raise(.nondeterministic, "two evaluations of the loss at the same θ differ \(when): \(first), then \(again) "
              + "(|ΔL| = \(abs(Double(first) - Double(again))))")
    }

    /// `compareSides` as a check makes it, full or fast: natively the two losses are the same
    /// type's and may differ by `rtol` of the larger; with a wider model, by the two running
    /// error bounds (the dtype's, or `√ε·|L|` when the model has none; a NaN bound is `+∞`).
    /// A dtype loss that is not finite where the wider one is (Float NaN against Double 0) is
    /// the check's NON-FINITE verdict, not two different scalars, so it is not compared.
    @inlinable
    mutating func compareLosses<Model: GradientCheckable, Numerical: GradientCheckable>(
        analytic lossA: Model.Scalar, of model: Model, numerical lossN: Numerical.Scalar, of numerical: Numerical,
        isWider: Bool, rtol: Double
    ) {
        let (a, n) = (Double(lossA), Double(lossN))
        guard isWider else { return compareSides(numerical: n, analytic: a, allowance: rtol * max(abs(n), abs(a)), expected: false) }
        guard a.isFinite && n.isFinite else { return }
        let allowance = (model.lossRoundingBound() ?? Double(Model.Scalar.ulpOfOne).squareRoot() * abs(a))
            + (numerical.lossRoundingBound() ?? 0)
        compareSides(numerical: n, analytic: a, allowance: allowance.isNaN ? .infinity : allowance, expected: true)
    }

    /// The differentiated loss (the numerical side) must be the scalar backprop starts from. A
    /// difference within `allowance` is rounding only: noted unless `expected` (a wider
    /// evaluation always differs by the dtype's rounding); a larger one means the two sides
    /// differentiate different functions. Non-finite losses are NON-FINITE's business.
    @inlinable
    mutating func compareSides(numerical: Double, analytic: Double, allowance: Double, expected: Bool) {
        guard !numerical.isBitwiseEqual(to: analytic), numerical.isFinite || analytic.isFinite else { return }
        if abs(numerical - analytic) <= allowance {
            if !expected {
                notes.append("loss() = \(numerical) differs from the loss backprop starts from, \(analytic) (by rounding only)")
            }
        } else {
            raise(.harnessError, "loss() = \(numerical) differs from the loss backprop starts from, \(analytic): "
                  + "the two sides differentiate different scalars (by more than rounding, \(allowance))")
        }
    }

    /// θ must be bitwise what it was before the check; if not, it is put back (when the
    /// model's storage allows) and the check is a HARNESS-ERROR.
    @inlinable
    mutating func checkRestored<Model: GradientCheckable>(_ model: inout Model, original: [Model.Scalar]) {
        let after = model.parameters
        let changed = after.indices.filter { $0 >= original.count || !after[$0].isBitwiseEqual(to: original[$0]) }
        guard after.count != original.count || !changed.isEmpty else { return }
        model.parameters = original
        let restored = model.parameters.elementsEqual(original) { $0.isBitwiseEqual(to: $1) }
        let first = changed.first.map { "first θ[\($0)] = \(after[$0]), was \($0 < original.count ? "\(original[$0])" : "absent")" }
        raise(.harnessError, "θ was not restored bitwise after the check: \(changed.count) of \(after.count) parameter(s) "
              + "changed" + (first.map { ", \($0)" } ?? "") + (after.count != original.count ? ", count \(after.count) was \(original.count)" : "")
              + (restored ? "; put back now" : "; the model does not store θ bitwise, so it could not be put back"))
    }

    /// Bitwise equal, or both NaN (one NaN is as good as another as an outcome).
    @inlinable
    static func repeats<S: BinaryFloatingPoint>(_ x: S, _ y: S) -> Bool {
        x.isBitwiseEqual(to: y) || (x.isNaN && y.isNaN)
    }
}
