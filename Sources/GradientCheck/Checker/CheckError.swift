/// A `GradientCheckable` whose shapes break the protocol's contract: the check cannot start.
/// (Contract breaches found while checking are verdicts: HARNESS-ERROR, NONDETERMINISTIC.)
public enum CheckError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `parameterTensors` do not tile `parameters` (overlap, gap, or out of range).
    case tensorLayoutMismatch(String)
    /// `lossAndGradient().gradient.count` differs from `parameters.count`.
    case gradientCountMismatch(expected: Int, got: Int)
    /// `widerModel()` has another number of parameters, or `gradientRoundingBound()` another
    /// number of entries, than `parameters`.
    case widerEvaluationMismatch(String)
    /// Fast mode with a direction count outside `1...CheckMode.maxDirections`.
    case invalidDirectionCount(Int)
    /// The second-order check of a model without `hessianVectorProduct`, or one whose `H·v`
    /// has another number of entries than `parameters`.
    case noHessianVectorProduct(String)

    public var description: String {
        switch self {
        case .tensorLayoutMismatch(let why): return "parameter tensors do not tile the parameters: \(why)"
        case let .gradientCountMismatch(e, g): return "gradient has \(g) entries, parameters \(e)"
        case .widerEvaluationMismatch(let why): return "the wider evaluation does not match the model: \(why)"
        case .invalidDirectionCount(let k): return "fast mode needs 1...\(CheckMode.maxDirections) directions, got \(k)"
        case .noHessianVectorProduct(let why): return "the second-order check needs H·v: \(why)"
        }
    }
}
