/// A `GradientCheckable` that breaks its own contract; the check cannot start or be trusted.
public enum CheckError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `parameterTensors` do not tile `parameters` (overlap, gap, or out of range).
    case tensorLayoutMismatch(String)
    /// `lossAndGradient().gradient.count` differs from `parameters.count`.
    case gradientCountMismatch(expected: Int, got: Int)
    /// After the check a parameter was not bitwise equal to its value before (flat index).
    case parametersNotRestored(index: Int)

    public var description: String {
        switch self {
        case .tensorLayoutMismatch(let why): return "parameter tensors do not tile the parameters: \(why)"
        case let .gradientCountMismatch(e, g): return "gradient has \(g) entries, parameters \(e)"
        case .parametersNotRestored(let i): return "parameter \(i) was not restored bitwise after the check"
        }
    }
}
