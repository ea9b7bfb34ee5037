/// A planted bug of known size (`--plant-gradient-scale s`, `--plant-tensor NAME`): the
/// harness wraps each trial's model in `PlantedGradientScale` with these values, so that a run
/// proves its gate fails on a bug of that size. A test hook, not part of any check's verdict.
public struct PlantedBug: Sendable, Equatable {
    /// The factor on the analytic gradient.
    public var scale: Double
    /// The tensor whose gradient is scaled; `nil` for all.
    public var tensor: String?

    public init(scale: Double, tensor: String?) {
        self.scale = scale
        self.tensor = tensor
    }
}
