import GradientCheck

extension CertifiedAgreement {
    /// Whether the counts are what `add` makes: one per bin, none negative.
    public var isWellFormed: Bool { counts.count == Self.binCount && counts.allSatisfy { $0 >= 0 } }
}

extension ErrorHistogram {
    /// Whether the counts are what `add` makes: one per bin, none negative.
    public var isWellFormed: Bool {
        counts.count == Self.binCount && counts.allSatisfy { $0 >= 0 } && zeros >= 0 && nonFinite >= 0
    }
}

extension DTypeSummary {
    /// Why these totals cannot be the ones `add` builds, or `nil`: counts that are negative or do
    /// not add up, histograms of another shape (a merge adds them bin by bin). Checked when a
    /// report is read, so that an edited summary can neither crash a merge nor pass a gate.
    public var invalidity: String? {
        let name = "the \(dtype.rawValue) summary"
        let counts = [trialCounts, elementCounts, directionCounts ?? [:]]
        guard counts.allSatisfy({ $0.keys.allSatisfy { Verdict(rawValue: $0) != nil } && $0.values.allSatisfy { $0 >= 0 } }),
              [parameters, saturatedTrials, divergedDescents, unrecheckedFailures ?? 0, escalatedChecks ?? 0].allSatisfy({ $0 >= 0 })
        else { return "\(name) has a negative count or an unknown verdict" }
        if let first = firstDivergedTrial, divergedDescents == 0 || first < 0 {
            return "\(name) names a first diverged trial \(first) but counts \(divergedDescents) diverged descents"
        }
        guard trialCounts.values.reduce(0, +) == trials else { return "\(name)'s trial counts do not add up to its \(trials) trials" }
        guard elementCounts.values.reduce(0, +) == parameters else {
            return "\(name)'s element counts do not add up to its \(parameters) parameters"
        }
        let failing = trialCounts.filter { !(Verdict(rawValue: $0.key)?.isAcceptable ?? false) }.values.reduce(0, +)
        guard failedTrials.count == failing, failedTrials == failedTrials.sorted(), Set(failedTrials).count == failing else {
            return "\(name)'s failedTrials are not its \(failing) failing trials, in order"
        }
        guard certified.isWellFormed, relativeErrors.isWellFormed, errorsToAllowed.isWellFormed else {
            return "\(name) has a histogram of another shape or with negative counts"
        }
        guard relativeErrors.total == parameters, errorsToAllowed.total == parameters,
              certified.total == elementCount(.pass) else {
            return "\(name)'s histograms do not count its \(parameters) elements"
        }
        return nil
    }
}
