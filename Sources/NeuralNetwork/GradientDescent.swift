import RealModule

extension Network {
    /// One gradient-descent step `θ ← θ − α·∂L/∂θ` (Cauchy, 1847; Goodfellow et al., §4.3).
    /// - Parameters:
    ///   - gradient: `∂L/∂θ` in the flat parameter layout, `parameterCount` long
    ///     (precondition: a wrong count is a programming error, not user input).
    ///   - learningRate: `α > 0`, in parameter units per unit of gradient.
    @inlinable
    public mutating func descend(along gradient: [Scalar], learningRate: Scalar) {
        precondition(gradient.count == parameters.count, "gradient has \(gradient.count) entries, θ has \(parameters.count)")
        for i in 0..<parameters.count { parameters[i] -= learningRate * gradient[i] }
    }

    /// Full-batch gradient descent for `steps` steps on `batch`.
    /// - Returns: the loss before each step, `steps` values.
    @inlinable
    @discardableResult
    public mutating func train(on batch: Batch<Scalar>, learningRate: Scalar, steps: Int) -> [Scalar] {
        var losses: [Scalar] = []
        losses.reserveCapacity(steps)
        for _ in 0..<steps {
            let (loss, gradient) = lossAndGradient(on: batch)
            losses.append(loss)
            descend(along: gradient, learningRate: learningRate)
        }
        return losses
    }
}
