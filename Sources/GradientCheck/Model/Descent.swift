extension GradientCheckable {
    /// `steps` steps of gradient descent `θ ← θ − α·∂L/∂θ` (Goodfellow et al., *Deep Learning*,
    /// §4.3) with the model's own analytic gradient, the code under test: a bug in it moves θ
    /// the way it would move it in training.
    /// - Parameters:
    ///   - steps: how many steps, each one `lossAndGradient()`.
    ///   - learningRate: `α > 0`, rounded to `Scalar`.
    @inlinable
    public mutating func descend(steps: Int, learningRate: Double) {
        let alpha = Scalar(learningRate)
        for _ in 0..<steps {
            let gradient = lossAndGradient().gradient
            var theta = parameters
            for i in theta.indices { theta[i] -= alpha * gradient[i] }
            parameters = theta
        }
    }
}
