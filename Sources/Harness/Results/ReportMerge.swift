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
        if m.oracle.isEmpty { m.oracle = other.oracle }
        m.saturatedTrials += other.saturatedTrials
        m.divergedDescents += other.divergedDescents
        if unrecheckedFailures != nil || other.unrecheckedFailures != nil {
            m.unrecheckedFailures = (unrecheckedFailures ?? 0) + (other.unrecheckedFailures ?? 0)
        }
        m.failedTrials = (failedTrials + other.failedTrials).sorted()
        if directionCounts != nil || other.directionCounts != nil {
            m.directionCounts = (directionCounts ?? [:]).merging(other.directionCounts ?? [:], uniquingKeysWith: +)
            m.escalatedChecks = (escalatedChecks ?? 0) + (other.escalatedChecks ?? 0)
        }
        if let theirs = other.worstTrial {
            let takeTheirs = worstTrial.map { mine in
                other.worstRelativeError > worstRelativeError
                    || (other.worstRelativeError == worstRelativeError && theirs < mine)
            } ?? true
            if takeTheirs {
                m.worstRelativeError = other.worstRelativeError
                m.worstTrial = theirs
                m.worstTensor = other.worstTensor
            }
        }
        return m
    }
}

extension Report {
    /// Merges the reports of shards `1/n … n/n` of one run into the report the unsharded run
    /// writes (byte-identical JSON).
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
        let order = Dictionary(uniqueKeysWithValues: whole.dtypes.enumerated().map { ($1, $0) })
        let records = shards.flatMap { $0.records.enumerated().map { ($0, $1) } }
            .sorted { a, b in
                (order[a.1.dtype]!, a.1.trial, a.0) < (order[b.1.dtype]!, b.1.trial, b.0)
            }
            .map(\.1)
        let tolerances = Dictionary(uniqueKeysWithValues: whole.dtypes.compactMap { dtype in
            first.tolerances[dtype.rawValue].map { (dtype, $0) }
        })
        return Report(run: whole, command: spelling.command(for: whole), tolerances: tolerances, summaries: summaries,
                      records: records)
    }
}
