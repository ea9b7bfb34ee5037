/// What "fails the same way" means while shrinking a failing trial: the same dtype, the same
/// not-acceptable trial verdict (a FAIL must stay a FAIL, a NON-FINITE a NON-FINITE), and the
/// original's worst failing tensor still not acceptable.
///
/// Keeping the tensor stops a shrink from trading the bug under study for another one (a
/// planted bug in `W2` for a NaN in `b1`); keeping the verdict stops a FAIL from turning into
/// an overflow.
public struct FailureSignature: Sendable, Equatable, Codable {
    public var dtype: DType
    public var verdict: Verdict
    /// The failing tensor with the most severe verdict, then the largest `|a − n|/allowed` of
    /// its worst element; `nil` when only the trial's notes fail it (the two losses disagree).
    public var tensor: String?

    /// The signature of `result`, or `nil` when it is acceptable (nothing to shrink).
    public init?(_ result: TrialResult) {
        guard !result.verdict.isAcceptable else { return nil }
        dtype = result.dtype
        verdict = result.verdict
        tensor = result.check.tensors.filter { !$0.verdict.isAcceptable }
            .max { ($0.verdict, $0.worst?.errorToAllowed ?? 0) < ($1.verdict, $1.worst?.errorToAllowed ?? 0) }?
            .tensor.name
    }

    /// Whether `result` fails the same way.
    public func matches(_ result: TrialResult) -> Bool {
        guard result.dtype == dtype, result.verdict == verdict else { return false }
        guard let tensor else { return true }
        return result.check[tensor: tensor].map { !$0.verdict.isAcceptable } ?? false
    }
}
