/// The scalar type a trial's network is built and evaluated in.
public enum DType: String, Sendable, Codable, CaseIterable {
    case float
    case double

    /// Machine epsilon `ε` (`ulpOfOne`): 1.19e-7 for Float, 2.22e-16 for Double.
    public var epsilon: Double {
        switch self {
        case .float: return Double(Float.ulpOfOne)
        case .double: return Double.ulpOfOne
        }
    }
}
