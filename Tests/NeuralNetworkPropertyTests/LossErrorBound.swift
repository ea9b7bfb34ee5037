import NeuralNetwork
import RealModule

/// An a-priori bound on `|L̂ − L|`: `L̂` is `Network.loss(on:)` evaluated in a type with
/// `rounding`, `L` the same network and batch in exact arithmetic (leaky slope exactly 1/100),
/// for θ, x and y that the type represents exactly.
///
/// A first-order forward error analysis (Higham, *Accuracy and Stability of Numerical
/// Algorithms*, 2nd ed., §3.1): an absolute error bound is carried entry by entry through the
/// layers, then through the loss. The magnitudes it needs (`|a|`, `|z|`) come from the forward
/// pass in Double, plus the error bound where the evaluated type's values may be larger.
/// "First order": products of two rounding errors are dropped (relatively ≤ 1e-6 in Float), and
/// so is the Double pass's own error as a stand-in for exact magnitudes.
enum LossErrorBound {
    static func bound(of network: Network<Double>, on batch: Batch<Double>, in rounding: Rounding) -> Double {
        let m = batch.m
        let pass = network.forward(batch.x, m: m)
        var errorA = [Double](repeating: 0, count: batch.x.count)  // x is exact
        var errorZ = errorA
        for (l, layer) in network.layers.enumerated() {
            errorZ = affine(layer, parameters: network.parameters, input: pass.a[l], inputError: errorA, m: m, rounding)
            errorA = activation(layer.activation, errorZ: errorZ, a: pass.a[l + 1], rounding)
        }
        let last = network.layers.count - 1
        switch network.loss {
        case .mse:
            return mse(a: pass.a[last + 1], errorA: errorA, y: batch.y, m: m, rounding)
        case .binaryCrossEntropy:
            return binaryCrossEntropy(z: pass.z[last], errorZ: errorZ, y: batch.y, m: m, rounding)
        case .softmaxCrossEntropy:
            return softmaxCrossEntropy(z: pass.z[last], errorZ: errorZ, y: batch.y, m: m, rounding)
        }
    }

    /// `z_j = b_j + Σ_k a_k·W_kj`, summed from `b_j` in `fanIn` steps: with inputs off by `E_a`,
    /// `|ẑ_j − z_j| ≤ Σ_k E_a,k·|W_kj| + γ_{fanIn+1}·(|b_j| + Σ_k (|a_k| + E_a,k)·|W_kj|)`,
    /// the first term the inputs' error carried by exact weights, the second the dot product's
    /// own rounding (Higham §3.1, eq. 3.5, one more rounding for the product in each step).
    static func affine(_ layer: DenseLayer, parameters theta: [Double], input a: [Double], inputError: [Double],
                       m: Int, _ rounding: Rounding) -> [Double] {
        let (fanIn, fanOut) = (layer.fanIn, layer.fanOut)
        let gamma = rounding.gamma(fanIn + 1)
        var error = [Double](repeating: 0, count: m * fanOut)
        for row in 0..<m {
            for j in 0..<fanOut {
                var carried = 0.0
                var magnitude = abs(theta[layer.biasOffset + j])
                for k in 0..<fanIn {
                    let w = abs(theta[layer.weightOffset + k * fanOut + j])
                    let e = inputError[row * fanIn + k]
                    carried += e * w
                    magnitude += (abs(a[row * fanIn + k]) + e) * w
                }
                error[row * fanOut + j] = carried + gamma * magnitude
            }
        }
        return error
    }

    /// `|â − f(z)| ≤ Lip_f·E_z + c_f·(|a| + Lip_f·E_z)`: the input's error through a
    /// `Lip_f`-Lipschitz `f`, then `f`'s own relative rounding `c_f` (`ActivationErrorModel`).
    static func activation(_ f: Activation, errorZ: [Double], a: [Double], _ rounding: Rounding) -> [Double] {
        let (lipschitz, relative) = (f.lipschitz, f.relativeRoundingError(rounding))
        return zip(errorZ, a).map { ez, ai in
            let carried = lipschitz * ez
            return carried + relative * (abs(ai) + carried)
        }
    }

    /// `L = Σ_i r_i²/(2m)`, `r = a − y`. `r̂_i = fl(â_i − y_i)` is off by
    /// `Δ_i = E_a,i + u·(|r_i| + E_a,i)`, so `|r̂_i² − r_i²| ≤ Δ_i·(2|r_i| + Δ_i)`; the squares,
    /// the `N − 1` additions and the division are `N + 1` roundings, `γ_{N+1}·Σ r̂_i²/(2m)`.
    static func mse(a: [Double], errorA: [Double], y: [Double], m: Int, _ rounding: Rounding) -> Double {
        var carried = 0.0
        var magnitude = 0.0
        for i in a.indices {
            let residual = abs(a[i] - y[i])
            let delta = errorA[i] + rounding.u * (residual + errorA[i])
            carried += delta * (2 * residual + delta)
            magnitude += (residual + delta) * (residual + delta)
        }
        return (carried + rounding.gamma(a.count + 1) * magnitude) / Double(2 * m)
    }

    /// `L = Σ_i t_i/m`, `t_i = softplus(z_i) − y_i·z_i`, `y_i ∈ [0, 1]`. `∂t/∂z = σ(z) − y` lies
    /// in `[−1, 1]`, so `E_z,i` moves `t_i` by at most `E_z,i`. Rounding of `t_i`: softplus's
    /// relative `c`, one `u` for `y·ẑ`, one `u` of `|sp| + |y·ẑ|` for the subtraction; the
    /// `N − 1` additions and the division by `m`, `γ_N·Σ(|sp| + |y·ẑ|)`. `softplus` increases,
    /// so `sp(ẑ) ≤ sp(z + E_z)`.
    static func binaryCrossEntropy(z: [Double], errorZ: [Double], y: [Double], m: Int, _ rounding: Rounding) -> Double {
        let softplusError = Activation.softplus.relativeRoundingError(rounding)
        var total = 0.0
        var magnitude = 0.0
        for i in z.indices {
            let sp = Activation.softplus(z[i] + errorZ[i])
            let yz = y[i] * (abs(z[i]) + errorZ[i])
            total += errorZ[i] + (softplusError + rounding.u) * sp + 2 * rounding.u * yz
            magnitude += sp + yz
        }
        return (total + rounding.gamma(z.count) * magnitude) / Double(m)
    }

    /// `L = Σ_rows [Y·lse(z) − Σ_j y_j·z_j]/m`, `Y = Σ_j y_j`, `y ≥ 0`. `∂/∂z_j = Y·p_j − y_j`,
    /// so the logits' errors move a row by at most `Y·max_j E_z,j + Σ_j y_j·E_z,j`. Rounding of a
    /// row: `Y·Δlse` (`SoftmaxErrorBound.logSumExp`), `γ_{n−1}` for `Y` and `u` for the product,
    /// of `Y·|lse|`; `γ_n·Σ y_j|z_j|` for the dot product; `u` of both for the difference. The
    /// `m − 1` row additions and the division by `m`: `γ_m` of the rows' magnitudes.
    static func softmaxCrossEntropy(z: [Double], errorZ: [Double], y: [Double], m: Int, _ rounding: Rounding) -> Double {
        let n = z.count / m
        let u = rounding.u
        var total = 0.0
        var magnitude = 0.0
        for row in 0..<m {
            let range = (row * n)..<(row * n + n)
            let bounds = range.map { abs(z[$0]) + errorZ[$0] }
            let ySum = range.reduce(0.0) { $0 + y[$1] }
            let lse = SoftmaxErrorBound.lseMagnitude(bounds)
            let yz = range.reduce(0.0) { $0 + y[$1] * (abs(z[$1]) + errorZ[$1]) }
            let carried = ySum * range.map { errorZ[$0] }.max()! + range.reduce(0.0) { $0 + y[$1] * errorZ[$1] }
            let rounded = ySum * SoftmaxErrorBound.logSumExp(n: n, lseMagnitude: lse, rounding)
                + (rounding.gamma(n - 1) + 2 * u) * ySum * lse + (rounding.gamma(n) + u) * yz
            total += carried + rounded
            magnitude += ySum * lse + yz
        }
        return (total + rounding.gamma(m) * magnitude) / Double(m)
    }
}
