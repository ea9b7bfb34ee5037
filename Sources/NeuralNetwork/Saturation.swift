import RealModule

/// Saturation, gradcheck's one notion of it: a unit is **saturated at level τ** when its
/// activation sits on a flat tail, `f'(z) < τ`, so that backprop multiplies its delta by a
/// number carrying few significant digits of the signal (LeCun et al., "Efficient BackProp",
/// 1998, §4.4). Sigmoid and tanh saturate on both tails, softplus on its left (`f'(z) = σ(z)`).
/// A dead ReLU-like unit is not saturated: its `f'` is exactly 0, and an exact 0 on both sides
/// of a check is a real match.
///
/// Two levels are used: the checker's, `τ = ε` of the dtype in every row of the batch (the
/// gradient through the unit is below what the dtype resolves: `untestableParameters`), and the
/// precision study's, `τ = 10⁻³` (a layer that has such units is broken down as `saturated`).
/// The trials' saturation regime (`SaturationRegime`) is how trials that reach both are drawn.
extension Activation {
    /// Whether this activation has a flat tail: sigmoid, tanh, softplus.
    public var saturates: Bool { self == .sigmoid || self == .tanh || self == .softplus }

    /// Whether a unit with pre-activation `z` and activation `a = f(z)` is saturated at level
    /// `threshold`: `f'(z) < threshold` for an activation that saturates.
    @inlinable
    public func isSaturated<T: Real>(z: T, a: T, below threshold: T) -> Bool {
        saturates && derivative(z: z, a: a) < threshold
    }
}
