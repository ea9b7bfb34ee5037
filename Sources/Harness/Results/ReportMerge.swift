import GradientCheck

/// Why shard reports cannot be merged. Maps to exit code 65 (EX_DATAERR) in the CLI.
public struct MergeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

extension DTypeSummary {
    /// The summary of the union of two disjoint sets of trials, equal to the one `add` builds
    /// over all of them in trial order (ties for the worst go to the earlier trial).
    public func merged(with other: DTypeSummary) -> DTypeSummary {
        var m = self
        m.trials += other.trials
        m.parameters += other.parameters
        m.trialCounts.merge(other.trialCounts, uniquingKeysWith: +)
        m.elementCounts.merge(other.elementCounts, uniquingKeysWith: +)
        m.worstErrorToAllowed = max(worstErrorToAllowed, other.worstErrorToAllowed)
        m.certified = certified.merged(with: other.certified)
        m.relativeErrors = relativeErrors.merged(with: other.relativeErrors)
        m.errorsToAllowed = errorsToAllowed.merged(with: other.errorsToAllowed)
        if m.oracle.isEmpty { m.oracle = other.oracle }
        m.saturatedTrials += other.saturatedTrials
        m.divergedDescents += other.divergedDescents
        if let theirs = other.firstDivergedTrial { m.firstDivergedTrial = min(firstDivergedTrial ?? theirs, theirs) }
        if unrecheckedFailures != nil || other.unrecheckedFailures != nil {
            m.unrecheckedFailures = (unrecheckedFailures ?? 0) + (other.unrecheckedFailures ?? 0)
        }
        m.failedTrials = (failedTrials + other.failedTrials).sorted()
        if directionCounts != nil || other.directionCounts != nil {
            m.directionCounts = (directionCounts ?? [:]).merging(other.directionCounts ?? [:], uniquingKeysWith: +)
            m.escalatedChecks = (escalatedChecks ?? 0) + (other.escalatedChecks ?? 0)
        }
        if let theirs = other.largestResolvedRelativeErrorTrial {
            let takeTheirs = largestResolvedRelativeErrorTrial.map { mine in
                other.largestResolvedRelativeError > largestResolvedRelativeError
                    || (other.largestResolvedRelativeError == largestResolvedRelativeError && theirs < mine)
            } ?? true
            if takeTheirs {
                m.largestResolvedRelativeError = other.largestResolvedRelativeError
                m.largestResolvedRelativeErrorTrial = theirs
                m.largestResolvedRelativeErrorTensor = other.largestResolvedRelativeErrorTensor
            }
        }
        return m
    }
}

extension Report {
    /// Merges the reports of shards `1/n … n/n` of one run into the report the unsharded run
    /// writes (byte-identical JSON), without its records (`mergeRecords`).
    /// - Parameters:
    ///   - names: how errors name each report (its path); positions by default.
    ///   - spelling: spells the merged run's command, as the unsharded run's report holds it.
    /// - Throws: `MergeError` when the reports are not the complete, distinct shards of one run
    ///   of one gradcheck version.
    public static func merge(_ shards: [Report], names: [String]? = nil, spelling: some CommandSpelling) throws(MergeError) -> Report {
        func name(_ k: Int) -> String { names.map { $0[k] } ?? "report \(k + 1)" }
        guard let first = shards.first else { throw MergeError(reason: "no reports to merge") }
        var whole = first.run
        whole.shard = nil
        guard let count = first.run.shard?.count else {
            throw MergeError(reason: "\(name(0)) is not a shard report (its run has no shard)")
        }
        var seen = Set<Int>()
        for (k, report) in shards.enumerated() {
            guard let shard = report.run.shard else { throw MergeError(reason: "\(name(k)) is not a shard report (its run has no shard)") }
            var run = report.run
            run.shard = nil
            guard run == whole, shard.count == count else {
                throw MergeError(reason: "\(name(k)) is from another run: `\(report.command)` vs `\(first.command)` (\(name(0)))")
            }
            guard report.tool == first.tool else {
                throw MergeError(reason: "\(name(k)) was written by gradcheck \(report.tool.version), \(name(0)) by \(first.tool.version)")
            }
            guard seen.insert(shard.index).inserted else { throw MergeError(reason: "shard \(shard) appears twice (\(name(k)))") }
        }
        guard shards.count == count else {
            let missing = (1...min(count, shards.count + 10)).filter { !seen.contains($0) }.prefix(10)
            throw MergeError(reason: "missing shard(s) " + missing.map { "\($0)/\(count)" }.joined(separator: ", ")
                             + (count - shards.count > missing.count ? " and \(count - shards.count - missing.count) more" : ""))
        }
        let summaries = whole.dtypes.map { dtype in
            shards.compactMap { $0.summaries.first { $0.dtype == dtype } }
                .reduce(DTypeSummary(dtype: dtype)) { $0.merged(with: $1) }
        }
        let tolerances = Dictionary(uniqueKeysWithValues: whole.dtypes.compactMap { dtype in
            first.tolerances[dtype.rawValue].map { (dtype, $0) }
        })
        return Report(run: whole, command: spelling.command(for: whole), tolerances: tolerances, summaries: summaries)
    }

    /// Streams the shards' records into `sink` in report order, the order the unsharded run
    /// writes them (each trial's records sit in one shard), and returns their digest: the
    /// merged run's, when the shards passed `merge(_:names:spelling:)`.
    /// - Throws: what reading a shard's records throws.
    public static func mergeRecords<Source: RecordSource>(_ shards: inout [Source], into sink: some RecordSink) throws -> ReportDigest {
        var digest = ReportDigest()
        var heads = try shards.indices.map { try shards[$0].next() }
        while let k = heads.indices.filter({ heads[$0] != nil }).min(by: { heads[$0]!.trialKey < heads[$1]!.trialKey }) {
            let key = heads[k]!.trialKey
            var trial: [TensorRecord] = []
            while let r = heads[k], r.trialKey == key {
                trial.append(r)
                heads[k] = try shards[k].next()
            }
            digest.add(trial)
            sink.add(trial)
        }
        return digest
    }
}
