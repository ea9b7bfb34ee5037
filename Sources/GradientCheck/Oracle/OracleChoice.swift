/// Which function the numerical side differentiates.
///
/// A Float trial's values are exact in Double, so the network evaluated in Double at the same
/// θ is the same mathematical function as the Float one, and GSL's central difference of the
/// Double-evaluated loss at Double's step resolves `∂L/∂θ` to about 1e-10 relative, where the
/// Float loss's own differences resolve about 1e-2 (`StepSize`). The comparison then allows for
/// the Float backprop's rounding by its running error bound (`GradientCheckable.gradientRoundingBound`),
/// not by Float's `rtol`, so a Float verdict is at Float's own resolution.
public enum OracleChoice: String, Sendable, Codable, CaseIterable {
    /// The model's `widerModel()` when it has one (the built-in network in Float: Double),
    /// else `native`.
    case wider
    /// GSL's central difference of `loss()` itself, in the model's dtype, at that dtype's step.
    case native
}
