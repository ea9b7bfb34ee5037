import CustomLayer
import GradCheckTesting
import Testing

extension SwishLayer: GradientCheckable {
    public var parameterTensors: [ParameterTensor] {
        [ParameterTensor(name: "W", shape: [inputs, units], offset: 0),
         ParameterTensor(name: "b", shape: [units], offset: inputs * units)]
    }
    public func loss() -> Double { lossAndGradient().loss }
}

let layer = SwishLayer(parameters: [0.4, -0.3, 0.8, 0.1, -0.6, 0.2, 0.05, -0.1],
                       x: [[1, -0.5, 2], [0.3, 0.7, -1.2]], y: [[0.5, -0.2], [1.0, 0.3]])

@Test func swishBackpropIsRight() {
    var model = layer
    checkGradient(of: &model)
}

/// The planted bug fails the check, and the failure names a tensor the bug touches.
@Test func droppedSwishTermIsCaught() {
    var model = layer
    model.dropsSecondTerm = true
    withKnownIssue {
        checkGradient(of: &model)
    } matching: { issue in
        let message = issue.comments.map(\.rawValue).joined()
        return message.contains("gradient check FAIL") && (message.contains("worst W[") || message.contains("worst b["))
    }
}
