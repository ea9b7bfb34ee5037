import GradientCheck

/// Totals of one dtype over a run: what the terminal, the Markdown and the JSON summaries show.
public struct DTypeSummary: Sendable, Equatable, Codable {
    public var dtype: DType
    public var trials = 0
    /// Gradient elements compared.
    public var parameters = 0
    /// Trials by verdict (a trial takes its most severe tensor verdict); keys are verdict names.
    public var trialCounts: [String: Int] = [:]
    /// Elements by verdict.
    public var elementCounts: [String: Int] = [:]
    /// The largest relative error among resolved, non-KINK elements
    /// (`ElementResult.isResolved`) and, in fast mode, directions, and where it was.
    public var largestResolvedRelativeError = 0.0
    public var largestResolvedRelativeErrorTrial: Int?
    public var largestResolvedRelativeErrorTensor: String?
    /// The largest `|a − n| / allowed` among PASS elements (and PASS directions): how close the
    /// run came to a FAIL.
    public var worstErrorToAllowed = 0.0
    /// Trials whose `--train-steps` descent diverged, so that they were checked once only, and
    /// the first of them (`nil` when none; reports before it was added lack it).
    public var divergedDescents = 0
    public var firstDivergedTrial: Int?
    /// Trials drawn in the saturation regime (`SaturationRegime`).
    public var saturatedTrials = 0
    /// Trials that did not pass (`!Verdict.isAcceptable`), in trial order.
    public var failedTrials: [Int] = []
    /// Fast mode: directional derivatives by verdict, and the checks escalated to the
    /// per-element check (whose elements `parameters` and `elementCounts` count); `nil` in full
    /// mode.
    public var directionCounts: [String: Int]?
    public var escalatedChecks: Int?
    /// FAIL elements the second opinion skipped because their tensor's FAIL was already
    /// confirmed (`ElementResult.rechecked == false`); `nil` when none, so that passing runs
    /// write what they wrote before.
    public var unrecheckedFailures: Int?
    /// What judged this dtype (`CheckSettings.oracleDescription`).
    public var oracle = ""
    /// The relative agreement the PASS elements certify (`CertifiedAgreement`).
    public var certified = CertifiedAgreement()
    /// Every compared element's relative error and `|a − n|`/allowed, whatever its verdict
    /// (fast mode's directions are not elements).
    public var relativeErrors = ErrorHistogram()
    public var errorsToAllowed = ErrorHistogram()

    public init(dtype: DType) { self.dtype = dtype }

    /// Adds one trial.
    public mutating func add(_ result: TrialResult) {
        trials += 1
        if result.spec.saturation != nil { saturatedTrials += 1 }
        if result.descentNote != nil {
            divergedDescents += 1
            firstDivergedTrial = min(firstDivergedTrial ?? result.spec.index, result.spec.index)
        }
        trialCounts[result.verdict.rawValue, default: 0] += 1
        if !result.verdict.isAcceptable { failedTrials.append(result.spec.index) }
        for (_, check) in result.checks {
            guard let directions = check.directions else { continue }
            var counts = directionCounts ?? [:]
            for d in directions.elements { counts[d.verdict.rawValue, default: 0] += 1 }
            directionCounts = counts
            escalatedChecks = (escalatedChecks ?? 0) + (check.tensors.isEmpty ? 0 : 1)
        }
        for tensor in result.checks.flatMap(\.check.reportedTensors) {
            let isDirections = tensor.tensor.name == GradientChecker.directionsName
            if !isDirections {
                parameters += tensor.elements.count
                for (verdict, n) in tensor.verdictCounts { elementCounts[verdict.rawValue, default: 0] += n }
            }
            // Indexing reads the fields in place; iterating would copy each element.
            for k in tensor.elements.indices {
                if !isDirections {
                    relativeErrors.add(tensor.elements[k].relativeError)
                    errorsToAllowed.add(tensor.elements[k].absoluteError / tensor.elements[k].allowed)
                }
                if tensor.elements[k].rechecked == false { unrecheckedFailures = (unrecheckedFailures ?? 0) + 1 }
                if tensor.elements[k].verdict == .pass {
                    worstErrorToAllowed = max(worstErrorToAllowed, tensor.elements[k].errorToAllowed)
                    if !isDirections, let c = tensor.elements[k].certifiedRelativeError { certified.add(c) }
                }
                let r = tensor.elements[k].relativeError
                if tensor.elements[k].verdict != .kink, tensor.elements[k].isResolved, r.isFinite,
                   r > largestResolvedRelativeError || largestResolvedRelativeErrorTrial == nil {
                    largestResolvedRelativeError = r
                    largestResolvedRelativeErrorTrial = result.spec.index
                    largestResolvedRelativeErrorTensor = tensor.tensor.name
                }
            }
        }
    }

    /// The trials' verdicts aggregated (`Verdict.aggregate`): INCONCLUSIVE when no trial tested
    /// anything; PASS for an empty run.
    public var verdict: Verdict {
        Verdict.aggregate(Verdict.allCases.filter { trialCount($0) > 0 })
    }

    /// Trials, elements, and directions, with `verdict` (0 when none).
    public func trialCount(_ verdict: Verdict) -> Int { trialCounts[verdict.rawValue] ?? 0 }
    public func elementCount(_ verdict: Verdict) -> Int { elementCounts[verdict.rawValue] ?? 0 }
    public func directionCount(_ verdict: Verdict) -> Int { directionCounts?[verdict.rawValue] ?? 0 }

    /// Directional derivatives compared (fast mode).
    public var directions: Int { directionCounts?.values.reduce(0, +) ?? 0 }
}
