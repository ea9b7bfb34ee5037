import GradientCheck
import NeuralNetwork
import RealModule

/// The measured errors of one parameter tensor of one trial in one dtype, against the
/// `ReferenceScalar` backprop gradient of the same network (same values, widened exactly).
public struct TensorPrecision: Sendable, Equatable, Codable {
    public var trial: Int
    public var dtype: DType
    /// `W1`, `b1`, …; `layer` counts from 1 at the input; `kind` is `W` or `b`.
    public var tensor: String
    public var layer: Int
    public var kind: String
    public var fanIn: Int
    public var fanOut: Int
    /// Batch size.
    public var m: Int
    /// This layer's activation, and the trial's loss.
    public var activation: Activation
    public var loss: Loss
    /// Share of this layer's `m × fanOut` units that are saturated (`SaturatedUnits`).
    public var saturatedFraction: Double
    public var elements: Int
    /// Elements whose reference gradient is exactly 0 (structural zeros: dead units): counted,
    /// left out of every error figure (their relative error is 0/0 or ∞, not a precision).
    public var zeroReferenceElements: Int
    /// Elements whose backprop value or reference is NaN or ±inf: counted, left out of every
    /// error figure.
    public var nonFiniteElements: Int
    /// Non-kink elements with a finite reference whose oracle value is NaN or ±inf.
    public var nonFiniteDifferences: Int
    /// Elements whose central stencil crossed a kink: left out of the finite-difference figures.
    public var kinkElements: Int
    /// Backprop in this dtype against the reference: relative error and error in ulps of the dtype.
    public var backpropRelative: Quantiles
    public var backpropULP: Quantiles
    /// GSL's central difference (the oracle, evaluated in this dtype) against the reference.
    public var finiteDifferenceRelative: Quantiles
    /// Share of measured non-kink elements whose actual oracle error exceeds the oracle's own
    /// estimate `E`: how honest the estimate is (0 = always covered).
    public var estimateExceededFraction: Double
}
