import NeuralNetwork
import GradientCheck
import Harness

extension Report {
    /// Why the run and tolerances of a report disagree, or `nil`: a hand-edited or partial
    /// report would silently weaken a comparison or a merge.
    var runInconsistency: String? {
        if let problem = run.invalidity { return problem }
        for dtype in run.dtypes where tolerances[dtype.rawValue] != run.settings(dtype).tolerance {
            return "its \(dtype.rawValue) tolerance is not the one its run checks with"
        }
        return nil
    }

    /// Why the summaries disagree with the run or with the records read (`RecordOrder`), or `nil`.
    func summaryInconsistency(_ records: RecordOrder) -> String? {
        guard summaries.map(\.dtype) == run.dtypes else { return "its summaries are not one per dtype of its run" }
        let trials = run.trialIndices.count
        for s in summaries {
            guard s.trials == trials else { return "the \(s.dtype.rawValue) summary counts \(s.trials) trials, its run has \(trials)" }
            if let problem = s.invalidity { return problem }
            let seen = records.totals[s.dtype] ?? RecordOrder.Totals()
            guard seen.elementCounts == s.elementCounts.filter({ $0.value > 0 }) else {
                return "the \(s.dtype.rawValue) summary's element counts are not its records'"
            }
            guard seen.directionCounts == (s.directionCounts ?? [:]).filter({ $0.value > 0 }) else {
                return "the \(s.dtype.rawValue) summary's direction counts are not its records'"
            }
            guard seen.failedTrials == s.failedTrials else {
                return "the \(s.dtype.rawValue) summary's failing trials are not those its records fail"
            }
            guard seen.divergedTrials.count == s.divergedDescents,
                  s.firstDivergedTrial == nil || s.firstDivergedTrial == seen.divergedTrials.first else {
                return "the \(s.dtype.rawValue) summary's diverged descents are not the trials its records check only at θ"
            }
        }
        return nil
    }
}

/// The records a run writes, checked as they are read, in memory of one check: each check of
/// a trial (at the drawn θ, and after `--train-steps` unless the descent diverged) has one
/// record per tensor, `W1, b1, …, WL, bL`, or in fast mode a `directions` record, preceded by
/// the tensors' records only when the check was escalated; the checks come in report order
/// (dtype, trial, the check at θ before the one after the steps), every trial of the run once.
struct RecordOrder {
    let run: RunDescription
    let allowed: [[String]]
    let trials: [Int]
    /// What the summaries must agree with, per dtype.
    struct Totals: Equatable {
        var elementCounts: [String: Int] = [:]
        var directionCounts: [String: Int] = [:]
        var failedTrials: [Int] = []
        /// Trials checked at θ without the check after `--train-steps`: their descent diverged.
        var divergedTrials: [Int] = []
    }
    private(set) var totals: [DType: Totals] = [:]
    /// The trial the run draws at the last index read, to hold each record to it.
    private var drawn: TrialSpec?
    /// The check being read: its dtype, trial, descent steps and tensor names.
    private var current: (dtype: DType, trial: Int, step: Int, names: [String])?
    /// The next check expected at θ: dtype position and trial position.
    private var dtypeIndex = 0, trialIndex = 0
    /// Whether the check after the steps may come next (the check at θ of that trial was read).
    private var afterStepsMayFollow = false
    private var lastAtTheta: (DType, Int)?

    init(run: RunDescription) {
        self.run = run
        trials = run.trialIndices
        let tensors = ParameterLayout.names(layers: run.options.layers)
        if case .fast = run.mode {
            allowed = [[GradientChecker.directionsName], tensors + [GradientChecker.directionsName]]
        } else {
            allowed = [tensors]
        }
    }

    /// Adds a record; returns why it does not fit, or `nil`.
    mutating func add(_ r: TensorRecord) -> String? {
        let layers = run.options.layers
        guard r.activations.count == layers, r.widths.count == layers + 1, run.dtypes.contains(r.dtype) else {
            return "record of trial \(r.trial), tensor \(r.tensor) does not fit a \(layers)-layer run"
        }
        if case .fast(let k) = run.mode, r.tensor == GradientChecker.directionsName, r.shape != [k + 1] {
            return "record of trial \(r.trial), tensor \(r.tensor) has shape \(r.shape), its run compares \(k) random "
                + "directions and the gradient's"
        }
        if let shapes = run.options.shapes, shapes.indices.contains(r.trial),
           shapes[r.trial] != TrialShape(widths: r.widths, m: r.m) {
            return "record of trial \(r.trial) is not the shape \(shapes[r.trial].description) its run gives it"
        }
        if let problem = valueProblem(r) { return "record of \(r.dtype.rawValue) trial \(r.trial), tensor \(r.label): \(problem)" }
        let step = r.trainStep ?? 0
        var seen = totals[r.dtype] ?? Totals()
        if r.tensor == GradientChecker.directionsName {
            seen.directionCounts.merge(r.elementCounts.filter { $0.value > 0 }, uniquingKeysWith: +)
        } else {
            seen.elementCounts.merge(r.elementCounts.filter { $0.value > 0 }, uniquingKeysWith: +)
        }
        if !r.verdict.isAcceptable && seen.failedTrials.last != r.trial { seen.failedTrials.append(r.trial) }
        totals[r.dtype] = seen
        if let c = current, (c.dtype, c.trial, c.step) == (r.dtype, r.trial, step) {
            current!.names.append(r.tensor)
            return nil
        }
        if let problem = closeCheck() { return problem }
        current = (r.dtype, r.trial, step, [r.tensor])
        return nil
    }

    /// Why a record's values cannot be what a check of its run wrote, or `nil`: the trial the
    /// run draws at its index (shapes, activations, loss, seed, regime), the tensor's shape and
    /// element counts, errors that a relative error can take (in `[0, 2]`, finite for a PASS,
    /// since the comparison and its regression buckets read them), the worst element inside
    /// the tensor with a verdict it counts, and a verdict no milder than its elements'.
    mutating func valueProblem(_ r: TensorRecord) -> String? {
        if drawn?.index != r.trial { drawn = TrialGenerator.trial(r.trial, options: run.options) }
        let spec = drawn!
        guard (r.widths, r.m, r.activations, r.loss, r.trialSeed, r.saturation)
                == (spec.widths, spec.m, spec.activations, spec.loss, spec.trialSeed, spec.saturation) else {
            return "its network, batch or seed is not the trial its run draws at index \(r.trial)"
        }
        let layers = r.widths.count - 1
        if r.tensor != GradientChecker.directionsName {
            let kind = r.tensor.first, layer = Int(r.tensor.dropFirst()) ?? 0
            guard (1...layers).contains(layer), kind == "W" || kind == "b",
                  r.shape == (kind == "W" ? [r.widths[layer - 1], r.widths[layer]] : [r.widths[layer]]) else {
                return "shape \(r.shape) is not its tensor's in widths \(r.widths)"
            }
        }
        let verdicts = r.elementCounts.keys.compactMap(Verdict.init(rawValue:))
        guard verdicts.count == r.elementCounts.count, r.elementCounts.values.allSatisfy({ $0 >= 0 }),
              r.elementCounts.values.reduce(0, +) == r.shape.reduce(1, *) else {
            return "element counts \(r.elementCounts) do not count the \(r.shape.reduce(1, *)) elements of shape \(r.shape)"
        }
        let present = verdicts.filter { r.elementCounts[$0.rawValue]! > 0 }
        guard r.verdict >= Verdict.aggregate(present) else {
            return "verdict \(r.verdict.rawValue) is milder than its elements' (\(r.elementCounts))"
        }
        let w = r.worst
        guard w.index.count == r.shape.count, zip(w.index, r.shape).allSatisfy({ 0 <= $0 && $0 < $1 }),
              present.contains(w.verdict) else {
            return "its worst element \(w.index) (\(w.verdict.rawValue)) is not an element it counts"
        }
        let errors = [("largestResolvedRelativeError", r.largestResolvedRelativeError),
                      ("normwiseRelativeError", r.normwiseRelativeError), ("medianRelativeError", r.medianRelativeError),
                      ("medianErrorToAllowed", r.medianErrorToAllowed)]
        for (name, value) in errors {
            let bounded = name == "medianErrorToAllowed" ? value >= 0 : (0...2).contains(value)
            guard value.isNaN ? r.verdict != .pass : bounded && (value.isFinite || r.verdict != .pass) else {
                return "\(name) is \(value), which a \(r.verdict.rawValue) record cannot have"
            }
        }
        return nil
    }

    /// Ends the check being read; returns why it does not fit, or `nil`.
    private mutating func closeCheck() -> String? {
        guard let c = current else { return nil }
        current = nil
        let name = "\(c.dtype.rawValue) trial \(c.trial)\(c.step > 0 ? " after \(c.step) steps" : "")"
        guard allowed.contains(c.names) else {
            return "the records of \(name) name \(c.names.joined(separator: ", ")), a check of its run has "
                + allowed.map { $0.joined(separator: ", ") }.joined(separator: " or ")
        }
        if c.step > 0 {
            guard afterStepsMayFollow, c.step == run.options.trainSteps, let last = lastAtTheta,
                  last == (c.dtype, c.trial) else {
                return "it has records of \(name), a check its run does not make there"
            }
            afterStepsMayFollow = false
            return nil
        }
        noteDivergedDescent()
        guard dtypeIndex < run.dtypes.count else { return "it has records of \(name), a check its run does not make" }
        let expected = (run.dtypes[dtypeIndex], trials[trialIndex])
        guard expected == (c.dtype, c.trial) else {
            return "it has no records of \(expected.0.rawValue) trial \(expected.1), which its run checks, where it has \(name)"
        }
        trialIndex += 1
        lastAtTheta = (c.dtype, c.trial)
        afterStepsMayFollow = run.options.trainSteps > 0
        if trialIndex == trials.count { (dtypeIndex, trialIndex) = (dtypeIndex + 1, 0) }
        return nil
    }

    /// Counts the last trial checked at θ as diverged when the check after its steps did not follow.
    private mutating func noteDivergedDescent() {
        guard afterStepsMayFollow, let (dtype, trial) = lastAtTheta else { return }
        totals[dtype, default: Totals()].divergedTrials.append(trial)
        afterStepsMayFollow = false
    }

    /// Ends the records; returns why they fall short of the run, or `nil`.
    mutating func finish() -> String? {
        if let problem = closeCheck() { return problem }
        noteDivergedDescent()
        guard dtypeIndex == run.dtypes.count else {
            return "it has no records of \(run.dtypes[dtypeIndex].rawValue) trial \(trials[trialIndex]), which its run checks"
        }
        return nil
    }
}
