/// The shape of one dense layer `z = x·W + b`, `a = f(z)`, and where its parameters lie in
/// the network's flat parameter storage.
///
/// Row-vector convention of the seed article: `x` [m × fanIn], `W` [fanIn × fanOut] row-major
/// (`W[k][j]` at `weightOffset + k·fanOut + j`), `b` [fanOut] at `biasOffset`.
public struct DenseLayer: Sendable, Equatable, Codable {
    public let fanIn: Int
    public let fanOut: Int
    public let activation: Activation
    /// Index of `W[0][0]` in the flat parameters.
    public let weightOffset: Int
    /// Index of `b[0]` in the flat parameters; equals `weightOffset + fanIn·fanOut`.
    public let biasOffset: Int

    /// Number of parameters, `fanIn·fanOut + fanOut`.
    public var parameterCount: Int { fanIn * fanOut + fanOut }
}
