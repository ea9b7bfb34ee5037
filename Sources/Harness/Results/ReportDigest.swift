import GradientCheck

/// What the terminal, the Markdown and the HTML show of a run's records, gathered as they
/// stream by in report order (`add`), in memory that does not grow with the trial count: the
/// records themselves go to `gradcheck.json` only (`RecordSink`).
///
/// Every list is cut at a fixed length and keeps the order a full sort of all records would
/// give (ties in report order), so a merged run's digest equals the unsharded run's.
public struct ReportDigest: Sendable, Equatable {
    /// How many failing tensors and failing trials are kept for showing.
    public static let shownFailures = 20
    /// How many PASS tensors with the largest relative errors are kept.
    public static let shownPassing = 10

    /// Records seen, and those that do not pass the gate (`!Verdict.isAcceptable`).
    public private(set) var records = 0
    public private(set) var failingTensors = 0
    /// The failing tensors with the largest `|a − n|`/allowed at their worst element
    /// (`ElementResult.errorToAllowed`, NaN as +∞), most severe first.
    public private(set) var worstFailing: [TensorRecord] = []
    /// The first failing trials in report order, and how many trials fail in all.
    public private(set) var failingTrials: [TrialKey] = []
    public private(set) var failingTrialCount = 0
    /// Element counts by verdict name, per `"<dtype> | <kind>"` (kind `W`, `b`, or `directions`).
    public private(set) var kindCounts: [String: [String: Int]] = [:]
    /// The PASS tensors with the largest `largestResolvedRelativeError`, largest first (ties: earlier trial).
    public private(set) var largestPassing: [TensorRecord] = []
    /// The regression buckets' statistics (`BucketKey`).
    public private(set) var buckets: [BucketKey: BucketSketch] = [:]

    public init() {}

    public mutating func add(_ records: [TensorRecord]) {
        for r in records { add(r) }
    }

    public mutating func add(_ r: TensorRecord) {
        records += 1
        kindCounts["\(r.dtype.rawValue) | \(String(r.tensor.prefix { !$0.isNumber }))", default: [:]]
            .merge(r.elementCounts, uniquingKeysWith: +)
        buckets[BucketKey(r), default: BucketSketch()].add(r)
        if !r.verdict.isAcceptable {
            failingTensors += 1
            if lastFailingTrial != r.trialKey {
                failingTrialCount += 1
                lastFailingTrial = r.trialKey
                if failingTrials.count < Self.shownFailures { failingTrials.append(r.trialKey) }
            }
            // Earlier records win ties: a new one goes before the first it strictly beats.
            Self.insert(r, into: &worstFailing, limit: Self.shownFailures) { $0.worst.errorToAllowed > $1.worst.errorToAllowed }
        } else if r.verdict == .pass {
            Self.insert(r, into: &largestPassing, limit: Self.shownPassing) { new, old in
                (new.largestResolvedRelativeError, old.trial) > (old.largestResolvedRelativeError, new.trial)
            }
        }
    }

    private var lastFailingTrial: TrialKey?

    static func insert(_ r: TensorRecord, into list: inout [TensorRecord], limit: Int,
                       beats: (TensorRecord, TensorRecord) -> Bool) {
        guard list.count < limit || beats(r, list[list.count - 1]) else { return }
        let position = list.firstIndex { beats(r, $0) } ?? list.count
        list.insert(r, at: position)
        if list.count > limit { list.removeLast() }
    }
}
