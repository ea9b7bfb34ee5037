import GradientCheck
/// What "fails the same way" means while shrinking a failing trial: the same dtype, the same
/// not-acceptable trial verdict (a FAIL must stay a FAIL, a NON-FINITE a NON-FINITE), and the
/// original's worst failing tensor still not acceptable in the same check (at the drawn θ, or
/// after the trial's descent steps).
///
/// Keeping the tensor stops a shrink from trading the bug under study for another one (a
/// planted bug in `W2` for a NaN in `b1`); keeping the verdict stops a FAIL from turning into
/// an overflow.
public struct FailureSignature: Sendable, Equatable, Codable {
    public var dtype: DType
    public var verdict: Verdict
    /// The failing tensor with the most severe verdict, then the largest `|a − n|/allowed` of
    /// its worst element; `nil` when only whole-check findings fail the trial (its notes).
    public var tensor: String?
    /// The descent steps before the check that `tensor` fails in; `nil` for the drawn θ.
    public var trainStep: Int?

    /// The signature of `result`, or `nil` when it is acceptable (nothing to shrink).
    public init?(_ result: TrialResult) {
        guard !result.verdict.isAcceptable else { return nil }
        dtype = result.dtype
        verdict = result.verdict
        let failing = result.checks.flatMap { step, check in
            check.failingTensors.map { (step: step, tensor: $0) }
        }
        let worst = failing.max {
            ($0.tensor.verdict, $0.tensor.worst?.errorToAllowed ?? 0) < ($1.tensor.verdict, $1.tensor.worst?.errorToAllowed ?? 0)
        }
        tensor = worst?.tensor.tensor.name
        trainStep = worst.flatMap { $0.step == 0 ? nil : $0.step }
    }

    /// Whether `result` fails the same way.
    public func matches(_ result: TrialResult) -> Bool {
        guard result.dtype == dtype, result.verdict == verdict else { return false }
        guard let tensor else { return true }
        let check = trainStep == nil ? result.check : result.trained
        return check?[tensor: tensor].map { !$0.verdict.isAcceptable } ?? false
    }
}
