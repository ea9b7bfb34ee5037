import RealModule

extension Network {
    /// The Hessian-vector product `H·v = ∂²L/∂θ² · v` by forward-over-reverse differentiation:
    /// Pearlmutter's R-operator, `R{g} = d/dt g(θ + t·v)|_{t=0}` (B. A. Pearlmutter, "Fast exact
    /// multiplication by the Hessian", *Neural Computation* 6(1), 1994), applied to every line of
    /// the forward pass and of `backward`, row-vector form, `V_l`, `v_b,l` the parts of `v` that
    /// lie on `W_l`, `b_l`:
    ///
    ///     R{a_0}   = 0
    ///     R{z_l}   = R{a_{l−1}}·W_l + a_{l−1}·V_l + v_b,l
    ///     R{a_l}   = f'_l(z_l) ⊙ R{z_l}
    ///     R{δ_L}   = Loss.outputDeltaDirectional (its 1/m inside)
    ///     R{∂L/∂W_l} = R{a_{l−1}}ᵀ·δ_l + a_{l−1}ᵀ·R{δ_l} + λ·V_l
    ///     R{∂L/∂b_l} = Σ_rows R{δ_l}
    ///     R{δ_{l−1}} = (R{δ_l}·W_lᵀ + δ_l·V_lᵀ) ⊙ f'(z_{l−1}) + (δ_l·W_lᵀ) ⊙ f''(z_{l−1}) ⊙ R{z_{l−1}}
    ///
    /// It costs about one more forward and backward pass than the gradient, and is exact up to
    /// rounding wherever `L` is twice differentiable; at a ReLU kink (`z = 0`) it takes `f'' = 0`
    /// and the one-sided `f'` of `Activation.derivative`, where `H` is undefined.
    /// - Parameters:
    ///   - v: the direction, in the flat parameter layout (`parameterCount` elements).
    ///   - batch: the batch `L` is the mean loss of.
    /// - Returns: `H·v`, in the flat parameter layout.
    /// - Precondition: `v.count == parameterCount`, and `batch` fits the network's widths.
    @inlinable
    public func hessianVectorProduct(_ v: [Scalar], on batch: Batch<Scalar>) -> [Scalar] {
        hessianVectorProduct(v, on: batch, rules: SecondOrderRules())
    }

    /// `hessianVectorProduct(_:on:)` with its two second-order ingredients taken from `rules`:
    /// the self-test's mutants (`Mutations`) replace one of them, so that a mutant differs
    /// from this code by its bug alone.
    @inlinable
    package func hessianVectorProduct<Rules: SecondOrderRulesProtocol>(_ v: [Scalar], on batch: Batch<Scalar>,
                                                                       rules: Rules) -> [Scalar] {
        precondition(v.count == parameters.count, "hessianVectorProduct: v has \(v.count) elements, θ has \(parameters.count)")
        let m = batch.m
        let pass = forward(batch.x, m: m)
        let last = layers.count - 1
        // Forward: R{z_l}; R{a_l} is f'(z_l)·R{z_l}, formed where it is read.
        var rz: [[Scalar]] = []
        var ra = [Scalar](repeating: 0, count: m * layers[0].fanIn)
        for (l, layer) in layers.enumerated() {
            let (fanIn, fanOut) = (layer.fanIn, layer.fanOut)
            var out = [Scalar](repeating: 0, count: m * fanOut)
            let a = pass.a[l]
            for r in 0..<m {
                for j in 0..<fanOut {
                    var s = v[layer.biasOffset + j]
                    for k in 0..<fanIn {
                        let w = layer.weightOffset + k * fanOut + j
                        s += ra[r * fanIn + k] * parameters[w] + a[r * fanIn + k] * v[w]
                    }
                    out[r * fanOut + j] = s
                }
            }
            rz.append(out)
            ra = (0..<out.count).map { layer.activation.derivative(z: pass.z[l][$0], a: pass.a[l + 1][$0]) * out[$0] }
        }
        // Backward: δ_l and R{δ_l} together.
        var delta = loss.outputDelta(z: pass.z[last], a: pass.a[last + 1], y: batch.y, m: m, activation: layers[last].activation)
        var rDelta = rules.outputDeltaDirectional(loss,z: pass.z[last], a: pass.a[last + 1], y: batch.y, rz: rz[last], m: m,
                                                 activation: layers[last].activation)
        var hv = [Scalar](repeating: 0, count: parameters.count)
        for l in stride(from: last, through: 0, by: -1) {
            let layer = layers[l]
            let (fanIn, fanOut) = (layer.fanIn, layer.fanOut)
            let a = pass.a[l]
            // R{a_{l−1}}: 0 for the input.
            let rIn: [Scalar] = l == 0 ? [Scalar](repeating: 0, count: m * fanIn)
                : (0..<(m * fanIn)).map { layers[l - 1].activation.derivative(z: pass.z[l - 1][$0], a: a[$0]) * rz[l - 1][$0] }
            for r in 0..<m {
                for k in 0..<fanIn {
                    for j in 0..<fanOut {
                        hv[layer.weightOffset + k * fanOut + j] += rIn[r * fanIn + k] * delta[r * fanOut + j]
                            + a[r * fanIn + k] * rDelta[r * fanOut + j]
                    }
                }
                for j in 0..<fanOut { hv[layer.biasOffset + j] += rDelta[r * fanOut + j] }
            }
            if weightDecay != 0 {
                for i in layer.weightOffset..<layer.biasOffset { hv[i] += weightDecay * v[i] }
            }
            guard l > 0 else { break }
            let below = layers[l - 1].activation
            var nextDelta = [Scalar](repeating: 0, count: m * fanIn)
            var nextRDelta = [Scalar](repeating: 0, count: m * fanIn)
            for r in 0..<m {
                for k in 0..<fanIn {
                    var back: Scalar = 0, rBack: Scalar = 0
                    for j in 0..<fanOut {
                        let w = layer.weightOffset + k * fanOut + j
                        back += delta[r * fanOut + j] * parameters[w]
                        rBack += rDelta[r * fanOut + j] * parameters[w] + delta[r * fanOut + j] * v[w]
                    }
                    let i = r * fanIn + k
                    let (z, ai) = (pass.z[l - 1][i], a[i])
                    nextDelta[i] = back * below.derivative(z: z, a: ai)
                    nextRDelta[i] = rBack * below.derivative(z: z, a: ai) + back * rules.secondDerivative(below, z: z, a: ai) * rz[l - 1][i]
                }
            }
            (delta, rDelta) = (nextDelta, nextRDelta)
        }
        return hv
    }
}

/// The second-order steps of `Network.hessianVectorProduct`: `f''` and `R{δ_L}`.
@usableFromInline
package protocol SecondOrderRulesProtocol {
    /// `f''(z)` of `activation` (the core's: `Activation.secondDerivative`).
    func secondDerivative<T: Real>(_ activation: Activation, z: T, a: T) -> T
    /// `R{δ_L}` of `loss` (the core's: `Loss.outputDeltaDirectional`).
    func outputDeltaDirectional<T: Real>(_ loss: Loss, z: [T], a: [T], y: [T], rz: [T], m: Int,
                                         activation: Activation) -> [T]
}

/// The core's second-order steps.
@usableFromInline
package struct SecondOrderRules: SecondOrderRulesProtocol {
    @inlinable package init() {}

    @inlinable
    package func secondDerivative<T: Real>(_ activation: Activation, z: T, a: T) -> T {
        activation.secondDerivative(z: z, a: a)
    }

    @inlinable
    package func outputDeltaDirectional<T: Real>(_ loss: Loss, z: [T], a: [T], y: [T], rz: [T], m: Int,
                                                 activation: Activation) -> [T] {
        loss.outputDeltaDirectional(z: z, a: a, y: y, rz: rz, m: m, activation: activation)
    }
}

extension Activation {
    /// `f''(z)`, given `z` and `a = f(z)`: sigmoid `a(1−a)(1−2a)`, tanh `−2a(1−a²)`, softplus
    /// `σ(z)(1−σ(z))`, and 0 for identity and the piecewise-linear ReLUs (undefined at their
    /// kink, taken as 0 there). NaN in gives NaN out, as `value(_:)`.
    @inlinable
    public func secondDerivative<T: Real>(z: T, a: T) -> T {
        switch self {
        case .sigmoid: return a * (1 - a) * (1 - 2 * a)
        case .tanh: return -2 * a * (1 - a * a)
        case .softplus:
            let s = Self.sigmoid(z)
            return s * (1 - s)
        case .relu, .leakyReLU, .identity: return z.isNaN ? z : 0
        }
    }
}

extension Loss {
    /// `R{δ} = d/dt δ(z + t·R{z})|_{t=0}` of the output delta (`outputDelta`), [m × n]
    /// row-major, the `1/m` inside:
    /// - MSE: `(f'(z)² + (a − y)·f''(z)) ⊙ R{z} / m`;
    /// - binary cross-entropy (sigmoid output): `a(1 − a) ⊙ R{z} / m`;
    /// - softmax cross-entropy: `(Σ_k y_k)·(p ⊙ R{z} − p·(pᵀR{z})) / m` per row, the softmax
    ///   Jacobian `diag(p) − p·pᵀ` applied to `R{z}`.
    /// - Parameters:
    ///   - z: the output layer's pre-activation [m × n].
    ///   - a: its activation [m × n].
    ///   - y: the targets [m × n].
    ///   - rz: `R{z}` [m × n].
    ///   - m: batch size; `n = z.count / m`.
    ///   - activation: the output layer's activation.
    @inlinable
    public func outputDeltaDirectional<T: Real>(z: [T], a: [T], y: [T], rz: [T], m: Int, activation: Activation) -> [T] {
        let n = z.count / m
        let invM = 1 / T(m)
        var result = [T](repeating: 0, count: z.count)
        switch self {
        case .mse:
            for i in 0..<z.count {
                let d = activation.derivative(z: z[i], a: a[i])
                result[i] = (d * d + (a[i] - y[i]) * activation.secondDerivative(z: z[i], a: a[i])) * rz[i] * invM
            }
        case .binaryCrossEntropy:
            for i in 0..<z.count { result[i] = a[i] * (1 - a[i]) * rz[i] * invM }
        case .softmaxCrossEntropy:
            let p = Self.softmax(z, m: m)
            for row in 0..<m {
                let base = row * n
                var ySum: T = 0, pr: T = 0
                for j in 0..<n {
                    ySum += y[base + j]
                    pr += p[base + j] * rz[base + j]
                }
                for j in 0..<n { result[base + j] = ySum * p[base + j] * (rz[base + j] - pr) * invM }
            }
        }
        return result
    }
}
