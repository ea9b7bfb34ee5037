/// The scalar type a trial's network is built and evaluated in, by name. `Harness` turns it
/// into static types (`DType.dispatch` in `Harness`); everything below it is generic.
public enum DType: String, Sendable, Codable, CaseIterable {
    case float
    case double
}
