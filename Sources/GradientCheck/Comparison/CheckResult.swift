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

    /// The tensors' verdicts aggregated (`Verdict.aggregate`), raised to `wholeCheckVerdict`.
    public var verdict: Verdict
    /// NONDETERMINISTIC or HARNESS-ERROR when the check found the model as a whole at fault
    /// (see `notes`), whatever its elements say; `nil` otherwise.
    public var wholeCheckVerdict: Verdict?

    /// Elements checked.
    public var parameterCount: Int { tensors.reduce(0) { $0 + $1.elements.count } }

    /// The tensor named `name` (e.g. `"W1"`).
    public subscript(tensor name: String) -> TensorResult? { tensors.first { $0.tensor.name == name } }
}
