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
    /// - Parameters:
    ///   - baseline, now: the reports, whose digests hold the buckets' statistics.
    ///   - baselineRecords, nowRecords: their records in report order (read once, in step).
    /// - Throws: what reading the records throws.
    public init(baseline: Report, baselineRecords: inout some RecordSource, now: Report, nowRecords: inout some RecordSource,
                factor: Double) throws {
        let worsened = try Self.worsened(baseline: &baselineRecords, now: &nowRecords)
        self.init(baseline: baseline, now: now, worsened: worsened, factor: factor)
    }

    /// `init(baseline:baselineRecords:now:nowRecords:factor:)` with the records in memory.
    public init(baseline: Report, baselineRecords: [TensorRecord], now: Report, nowRecords: [TensorRecord], factor: Double) {
        var (b, n) = (RecordArray(baselineRecords), RecordArray(nowRecords))
        self.init(baseline: baseline, now: now, worsened: try! Self.worsened(baseline: &b, now: &n), factor: factor)
    }

    /// Tensors whose verdict worsened to one that fails the gate, per bucket: both record
    /// streams are in report order, so each trial's records are matched as the two go by, in
    /// memory of one trial.
    static func worsened(baseline: inout some RecordSource, now: inout some RecordSource) throws -> [BucketKey: Int] {
        var worsened: [BucketKey: Int] = [:]
        var old = try baseline.next()
        var next = try now.next()
        while let first = next {
            var trial = [first]
            next = try now.next()
            while let r = next, r.trialKey == first.trialKey {
                trial.append(r)
                next = try now.next()
            }
            while let r = old, r.trialKey < first.trialKey { old = try baseline.next() }
            var previous: [String: Verdict] = [:]
            while let r = old, r.trialKey == first.trialKey {
                previous[r.label] = r.verdict
                old = try baseline.next()
            }
            for r in trial {
                guard let before = previous[r.label] else { continue }
                if r.verdict > before && !r.verdict.isAcceptable { worsened[BucketKey(r), default: 0] += 1 }
            }
        }
        return worsened
    }

    init(baseline: Report, now: Report, worsened: [BucketKey: Int], factor: Double) {
        baselineCommand = baseline.command
        command = now.command
        self.factor = factor
        let before = baseline.digest.buckets.mapValues(\.stats), after = now.digest.buckets.mapValues(\.stats)
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
