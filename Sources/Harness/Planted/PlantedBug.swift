/// A planted bug of known size (`--plant-gradient-scale s`, `--plant-tensor NAME`): the
/// harness wraps each trial's model in `PlantedGradientScale` with these values, so that a run
/// proves its gate fails on a bug of that size. A test hook, not part of any check's verdict.
public struct PlantedBug: Sendable, Equatable {
    /// The factor on the analytic gradient.
    public var scale: Double
    /// The tensor (by name) whose gradient is scaled; `nil` for all.
    public var tensor: String?
    /// One element of `tensor` (flat index within it) to scale alone, as the sensitivity study
    /// plants a one-element error (`SensitivityStudy`); `nil` scales the whole tensor.
    public var element: Int?

    public init(scale: Double, tensor: String?, element: Int? = nil) {
        self.scale = scale
        self.tensor = tensor
        self.element = element
    }
}
