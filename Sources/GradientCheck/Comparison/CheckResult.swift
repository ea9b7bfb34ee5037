/// The whole check of one `GradientCheckable`.
public struct CheckResult: Sendable, Equatable, Codable {
    /// `L(θ)` as backprop computed it.
    public var loss: Double
    /// One result per `parameterTensors` entry, same order.
    public var tensors: [TensorResult]
    /// Things the user should know that are not element verdicts (e.g. the loss backprop
    /// starts from differs from the one being differentiated).
    public var notes: [String]
    /// Loss evaluations spent on the numerical side.
    public var lossEvaluations: Int

    /// The tensors' and directions' verdicts aggregated (`Verdict.aggregate`), raised to
    /// `wholeCheckVerdict`.
    public var verdict: Verdict
    /// NONDETERMINISTIC or HARNESS-ERROR when the check found the model as a whole at fault
    /// (see `notes`), whatever its elements say; `nil` otherwise.
    public var wholeCheckVerdict: Verdict?
    /// Fast mode's directional derivatives, as the pseudo-tensor `directions` (element `[j]` is
    /// direction `j`; `GradientChecker.check(_:seed:)`); `nil` in full mode. When they pass,
    /// `tensors` is empty: no element was compared.
    public var directions: TensorResult? = nil

    /// Every field as above.
    @inlinable
    public init(loss: Double, tensors: [TensorResult], notes: [String], lossEvaluations: Int, verdict: Verdict,
                wholeCheckVerdict: Verdict?, directions: TensorResult? = nil) {
        self.loss = loss
        self.tensors = tensors
        self.notes = notes
        self.lossEvaluations = lossEvaluations
        self.verdict = verdict
        self.wholeCheckVerdict = wholeCheckVerdict
        self.directions = directions
    }

    /// Elements checked.
    public var parameterCount: Int { tensors.reduce(0) { $0 + $1.elements.count } }

    /// What a report shows of this check: the tensors, then the directions (fast mode).
    public var reportedTensors: [TensorResult] { tensors + (directions.map { [$0] } ?? []) }

    /// What a failure of this check is named by: its failing tensors or, when none fails, its
    /// directions if they fail (fast mode: a NON-FINITE direction that no element confirms).
    public var failingTensors: [TensorResult] {
        let failing = tensors.filter { !$0.verdict.isAcceptable }
        guard failing.isEmpty, let directions, !directions.verdict.isAcceptable else { return failing }
        return [directions]
    }

    /// The tensor named `name` (e.g. `"W1"`, or `"directions"` in fast mode).
    public subscript(tensor name: String) -> TensorResult? { reportedTensors.first { $0.tensor.name == name } }
}
