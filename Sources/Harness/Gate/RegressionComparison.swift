import GradientCheck

/// A run compared with a baseline run of the same options, bucket by bucket (`BucketKey`).
///
/// A bucket regresses when the p99 of its relative error or of its `|a − n|/allowed` grows by
/// more than `factor`, or when any of its tensors' verdicts worsens to one that fails the gate (`!Verdict.isAcceptable`).
/// Growth is `(now + ε)/(baseline + ε)` with the dtype's `ε`, so a zero baseline compares finitely.
public struct RegressionComparison: Sendable, Equatable, Codable {
    public struct Row: Sendable, Equatable, Codable {
        public var bucket: BucketKey
        public var baseline: BucketStats?
        public var now: BucketStats?
        /// Growth of the p99 relative error and of the p99 `|a − n|/allowed`.
        public var relativeErrorFactor: Double
        public var errorToAllowedFactor: Double
        /// Tensors whose verdict went from acceptable (or FAIL) to FAIL (or NON-FINITE).
        public var worsened: Int
        public var regressed: Bool
    }

    public var baselineCommand: String
    public var command: String
    /// The growth (`now / baseline`, a pure number > 1) beyond which a bucket regresses.
    public var factor: Double
    /// Regressions first (largest growth first), then the rest in bucket order.
    public var rows: [Row]

    public var regressed: Bool { rows.contains { $0.regressed } }
    public var regressions: [Row] { rows.filter(\.regressed) }

    /// Compares `now` with `baseline` bucket by bucket; the runs should be comparable
    /// (`Baseline.isComparable`), which the caller checks. Buckets present in only one run are
    /// listed with growth 1; tensors are matched by dtype, trial and label (name and descent
    /// step, so that a check after `--train-steps` is not taken for the one at θ₀) for verdict changes.
    public init(baseline: Report, now: Report, factor: Double) {
        baselineCommand = baseline.command
        command = now.command
        self.factor = factor
        let before = BucketStats.of(baseline.records), after = BucketStats.of(now.records)
        var previous: [String: Verdict] = [:]
        for r in baseline.records { previous["\(r.dtype.rawValue) \(r.trial) \(r.label)"] = r.verdict }
        var worsened: [BucketKey: Int] = [:]
        for r in now.records {
            guard let old = previous["\(r.dtype.rawValue) \(r.trial) \(r.label)"] else { continue }
            if r.verdict > old && !r.verdict.isAcceptable { worsened[BucketKey(r), default: 0] += 1 }
        }
        let keys = Set(before.keys).union(after.keys).sorted()
        rows = keys.map { key in
            let (b, a) = (before[key], after[key])
            let epsilon = key.dtype.epsilon
            func growth(_ f: (BucketStats) -> Double) -> Double {
                guard let b, let a else { return 1 }
                return (f(a) + epsilon) / (f(b) + epsilon)
            }
            let relative = growth { $0.relativeError.p99 }, allowed = growth { $0.errorToAllowed.p99 }
            let w = worsened[key] ?? 0
            return Row(bucket: key, baseline: b, now: a, relativeErrorFactor: relative, errorToAllowedFactor: allowed,
                       worsened: w, regressed: w > 0 || relative > factor || allowed > factor)
        }
        .sorted { ($0.regressed ? 0 : 1, -max($0.relativeErrorFactor, $0.errorToAllowedFactor), $0.bucket)
                < ($1.regressed ? 0 : 1, -max($1.relativeErrorFactor, $1.errorToAllowedFactor), $1.bucket) }
    }
}
