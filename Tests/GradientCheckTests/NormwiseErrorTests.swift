@testable import GradientCheck
import Testing

/// `TensorResult.normwiseRelativeError` is scaled before squaring: gradients of 1e200 (after a
/// descent that grew the weights) gave ∞/∞ = NaN in a PASS record, and the report written could
/// not be read back (found by a helper: `--train-steps 5 --learning-rate 1e4`, then
/// `--baseline`, exit 65).
@Test("the normwise relative error is finite for gradients near the overflow threshold", arguments: [1e-300, 1, 1e200, 1e300])
func normwiseErrorIsScaled(_ size: Double) {
    let pairs = [(1.0, 1.0 + 1e-9), (-2.0, -2.0), (0.5, 0.5 + 5e-10)]
    let elements = pairs.enumerated().map { k, pair in
        ElementResult(index: [k], flatIndex: k, theta: 0, analytic: pair.0 * size, numerical: pair.1 * size, errorEstimate: 0,
                      returnedStep: 1e-6, stepEnlarged: false, allowed: size, leftDerivative: nil, rightDerivative: nil,
                      verdict: .pass)
    }
    let tensor = TensorResult(tensor: ParameterTensor(name: "W1", shape: [3], offset: 0), elements: elements)
    let error = tensor.normwiseRelativeError
    // ‖a − n‖ / ‖n‖ = √(1e-18 + 2.5e-19) / √(1 + 4 + 0.25), the same at every size.
    #expect(error.isFinite && abs(error - 4.879500364742666e-10) <= 1e-6 * 4.879500364742666e-10, "\(error) at \(size)")
}
