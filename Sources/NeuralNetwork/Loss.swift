import RealModule

/// A scalar loss `L`, averaged over the batch of `m` rows, of the output layer.
///
/// Each loss is computed from the output layer's pre-activation `z` where that is what keeps
/// it finite (binary cross-entropy from logits, softmax cross-entropy by log-sum-exp), and
/// `outputDelta` gives `δ = ∂L/∂z` of the output layer, the seed of backpropagation.
/// Raw values are the CLI names (`--loss bce`).
public enum Loss: String, CaseIterable, Sendable, Codable {
    /// `L = 1/(2m) · Σ ‖a − y‖²`, any output activation;
    /// `δ = (a − y) ⊙ f'(z) / m` (Nielsen, *Neural Networks and Deep Learning*, ch. 2, eq. BP1).
    case mse
    /// `L = 1/m · Σ [softplus(z) − y·z]`, which equals `−y·log a − (1−y)·log(1−a)` for
    /// `a = σ(z)` but stays finite when `a` rounds to 0 or 1; output activation must be sigmoid;
    /// `δ = (a − y)/m` (Goodfellow et al., *Deep Learning*, §6.2.2.2).
    case binaryCrossEntropy = "bce"
    /// `L = 1/m · Σ_rows [(Σ_j y_j)·logsumexp(z) − Σ_j y_j·z_j]` (the cross-entropy of
    /// `softmax(z)`); output activation must be identity (its `z` are the logits);
    /// `δ_j = ((Σ_k y_k)·softmax(z)_j − y_j)/m`, i.e. `(p − y)/m` for targets summing to 1
    /// (Goodfellow et al., §6.2.2.3).
    case softmaxCrossEntropy = "softmax-ce"

    /// The output activation this loss is defined with, or `nil` when any is allowed.
    public var requiredOutputActivation: Activation? {
        switch self {
        case .mse: return nil
        case .binaryCrossEntropy: return .sigmoid
        case .softmaxCrossEntropy: return .identity
        }
    }

    /// `L` for one batch.
    /// - Parameters:
    ///   - z: output pre-activation [m × n], row-major.
    ///   - a: output activation [m × n], row-major.
    ///   - y: targets, [m × n], row-major.
    ///   - m: batch size; `n = z.count / m`.
    @inlinable
    public func value<T: Real>(z: [T], a: [T], y: [T], m: Int) -> T {
        z.withUnsafeBufferPointer { z in
            a.withUnsafeBufferPointer { a in y.withUnsafeBufferPointer { y in value(z: z, a: a, y: y, m: m) } }
        }
    }

    /// `L` for one batch, from buffers (what `IncrementalLoss` keeps); the same operations in
    /// the same order as the array form.
    @inlinable
    public func value<T: Real>(z: UnsafeBufferPointer<T>, a: UnsafeBufferPointer<T>, y: UnsafeBufferPointer<T>,
                               m: Int) -> T {
        let n = z.count / m
        var total: T = 0
        switch self {
        case .mse:
            for i in 0..<z.count {
                let r = a[i] - y[i]
                total += r * r
            }
            return total / T(2 * m)
        case .binaryCrossEntropy:
            for i in 0..<z.count {
                total += Activation.softplus(z[i]) - y[i] * z[i]
            }
        case .softmaxCrossEntropy:
            for row in 0..<m {
                let base = row * n
                let lse = Self.logSumExp(z, base: base, n: n)
                var ySum: T = 0
                var yz: T = 0
                for j in 0..<n {
                    ySum += y[base + j]
                    yz += y[base + j] * z[base + j]
                }
                total += ySum * lse - yz
            }
        }
        return total / T(m)
    }

    /// `δ = ∂L/∂z` of the output layer, [m × n], row-major; the `1/m` of the batch mean is inside.
    /// - Parameters:
    ///   - z: output pre-activation [m × n], row-major.
    ///   - a: output activation [m × n], row-major.
    ///   - y: targets [m × n], row-major.
    ///   - m: batch size; `n = z.count / m`.
    ///   - activation: the output layer's activation (used by MSE for `f'(z)`).
    @inlinable
    public func outputDelta<T: Real>(z: [T], a: [T], y: [T], m: Int, activation: Activation) -> [T] {
        let n = z.count / m
        let invM = 1 / T(m)
        var delta = [T](repeating: 0, count: z.count)
        switch self {
        case .mse:
            for i in 0..<z.count {
                delta[i] = (a[i] - y[i]) * activation.derivative(z: z[i], a: a[i]) * invM
            }
        case .binaryCrossEntropy:
            for i in 0..<z.count {
                delta[i] = (a[i] - y[i]) * invM
            }
        case .softmaxCrossEntropy:
            let p = Self.softmax(z, m: m)
            for row in 0..<m {
                let base = row * n
                var ySum: T = 0
                for j in 0..<n { ySum += y[base + j] }
                for j in 0..<n {
                    delta[base + j] = (ySum * p[base + j] - y[base + j]) * invM
                }
            }
        }
        return delta
    }

    /// `log Σ_j e^{z_j}` over one row, shifted by the row maximum so no `e^x` overflows.
    @inlinable
    static func logSumExp<T: Real, Logits: RandomAccessCollection<T>>(_ z: Logits, base: Int, n: Int) -> T
    where Logits.Index == Int {
        let maxZ = rowMaximum(z, base: base, n: n)
        if !maxZ.isFinite { return maxZ }
        var sum: T = 0
        for j in 0..<n { sum += T.exp(z[base + j] - maxZ) }
        return maxZ + T.log(sum)
    }

    /// `max_j z_j` over one row.
    @inlinable
    static func rowMaximum<T: Real, Logits: RandomAccessCollection<T>>(_ z: Logits, base: Int, n: Int) -> T
    where Logits.Index == Int {
        var maxZ = z[base]
        for j in 1..<max(n, 1) where z[base + j] > maxZ { maxZ = z[base + j] }
        return maxZ
    }
}
