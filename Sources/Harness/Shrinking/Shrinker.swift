import GradientCheck
/// Searches for a smaller trial that still fails the same way, the way Hypothesis shrinks
/// (MacIver et al., "Hypothesis: A new approach to property-based testing", JOSS 2019): greedy
/// passes, each accepting the first candidate that still fails, repeated until a whole round
/// changes nothing or the budget of predicate calls is spent.
///
/// One round, in this order:
/// 1. weight decay: `λ = 0`, so that a case carries the penalty only when its failure needs it;
/// 2. batch: keep only row 0, then the first or second half of the rows, then all but one row;
/// 3. units, for each width `d₀ … d_L`: keep only the first unit (two for a softmax output),
///    then the first or second half, then all but one unit (`TrialSpec.keepingUnits`);
/// 4. values, each of θ, `x` and `y` in turn: the first of 0, 1, −1, `round(v)`, `v` to one
///    significant digit that is simpler (`SimpleValue`) and still fails. Targets stay valid for
///    the loss: bce targets in [0, 1]; softmax-ce targets (one-hot) are left alone.
///
/// Depth `L`, activations, loss, `index`, `trialSeed` and `saturation` are kept: the case still
/// names the trial it came from (saturated values shrink like any other). The search is
/// deterministic: a fixed order, a budget counted in predicate calls, not in seconds, and a
/// deterministic predicate. Its time is at most `budget` checks of the original trial. In
/// practice most calls check a network that is already small, and a shrink costs less than one
/// check of the original: a planted bug in a 2-layer trial shrinks in 7–38 calls, about 25 ms
/// at width ≤ 16 and 0.9 s at width ≤ 64 in a release build (the original's check: 35 ms and
/// 1.3 s).
public struct Shrinker: Sendable {
    /// The most predicate calls one shrink may make.
    public var budget: Int

    public init(budget: Int = 500) {
        self.budget = budget
    }

    /// Shrinks `spec`, for which `stillFails` holds, to a spec for which it still holds.
    /// - Parameter stillFails: must be deterministic; it is never called on `spec` itself.
    public func shrink(_ spec: TrialSpec, stillFails: (TrialSpec) -> Bool) -> ShrinkResult {
        withoutActuallyEscaping(stillFails) { stillFails in
            var search = Search(current: spec, budget: budget, stillFails: stillFails)
            var progress = true
            while progress && !search.exhausted {
                progress = search.improve { spec in spec.withoutWeightDecay.map { [$0] } ?? [] }
                progress = search.improve { spec in Self.keepSets(count: spec.m, minimum: 1).map { spec.keepingRows($0) } }
                    || progress
                for l in spec.widths.indices {
                    progress = search.improve { spec in
                        Self.keepSets(count: spec.widths[l], minimum: spec.minimumWidth(l))
                            .compactMap { spec.keepingUnits($0, ofWidth: l) }
                    } || progress
                }
                progress = search.simplifyValues() || progress
            }
            return ShrinkResult(minimal: search.current,
                                stats: ShrinkStats(predicateCalls: search.calls, stepsAccepted: search.steps,
                                                   budgetExhausted: search.exhausted))
        }
    }

    /// Shrinks a failing trial to a smaller one that fails the same way (`FailureSignature`),
    /// or `nil` when `failing` does not fail.
    /// - Parameter rerun: checks a spec the way `failing` was checked (same dtype, checker and
    ///   planted bug or mutant).
    public func shrink(_ failing: TrialResult, rerun: (TrialSpec) -> TrialResult) -> ShrunkTrial? {
        guard let signature = FailureSignature(failing) else { return nil }
        var minimal = failing
        let result = shrink(failing.spec) { spec in
            let candidate = rerun(spec)
            guard signature.matches(candidate) else { return false }
            minimal = candidate
            return true
        }
        return ShrunkTrial(original: failing, minimal: minimal, signature: signature, stats: result.stats)
    }

    /// Subsets of `0..<count` to keep, largest reduction first, each of at least `minimum`
    /// indices and fewer than `count`: the first `minimum`, the first and the second half, then
    /// every set that leaves out one index.
    static func keepSets(count: Int, minimum: Int) -> [[Int]] {
        guard count > minimum else { return [] }
        let half = max(count / 2, minimum)
        let candidates = [Array(0..<minimum), Array(0..<half), Array(count - half..<count)]
            + (0..<count).map { i in (0..<count).filter { $0 != i } }
        var seen = Set<[Int]>()
        return candidates.filter { $0.count < count && seen.insert($0).inserted }
    }
}

/// A shrink's outcome: the smallest spec found and what it cost.
public struct ShrinkResult: Sendable, Equatable {
    public var minimal: TrialSpec
    public var stats: ShrinkStats
}

/// What a shrink cost, recorded beside its case.
public struct ShrinkStats: Sendable, Equatable, Codable {
    /// Calls of the predicate (each a full gradient check of a candidate).
    public var predicateCalls: Int
    /// Candidates accepted: each made the trial smaller or its values simpler.
    public var stepsAccepted: Int
    /// True when the budget ran out before a round made no progress (the case may shrink further).
    public var budgetExhausted: Bool

    public init(predicateCalls: Int, stepsAccepted: Int, budgetExhausted: Bool) {
        self.predicateCalls = predicateCalls
        self.stepsAccepted = stepsAccepted
        self.budgetExhausted = budgetExhausted
    }
}

/// A failing trial and the minimal trial it shrank to, both checked.
public struct ShrunkTrial: Sendable, Equatable {
    public var original: TrialResult
    public var minimal: TrialResult
    public var signature: FailureSignature
    public var stats: ShrinkStats
}
