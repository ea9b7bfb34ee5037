import NeuralNetwork
import RealModule

/// The precision study's level of saturation (`Activation.isSaturated`): `f'(z) < 10⁻³`, where
/// a unit's derivative keeps only about three significant digits of the signal.
public enum SaturatedUnits {
    public static let threshold = 1e-3

    /// Share of one layer's units (`z` and `a = f(z)`, any shape, one entry per unit and row)
    /// saturated at `threshold` under `activation`; 0 for activations that do not saturate.
    public static func fraction<S: Real & BinaryFloatingPoint>(z: [S], a: [S], activation: Activation) -> Double {
        guard !a.isEmpty, activation.saturates else { return 0 }
        let saturated = zip(z, a).filter { activation.isSaturated(z: $0, a: $1, below: S(threshold)) }.count
        return Double(saturated) / Double(a.count)
    }
}
