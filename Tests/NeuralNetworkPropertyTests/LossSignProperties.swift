import NeuralNetwork
import PropertyBased
import Testing

/// `L ≥ 0` and finite for every loss, in Float and in Double.
@Suite struct LossSignProperties {
    /// Proves `L ≥ 0` exactly (no tolerance) and `L` finite, for mse, bce with targets in
    /// `{0, 1}` or `[0, 1]`, and softmax-ce with one-hot or probability-vector targets. Why no
    /// rounding can make `L` negative:
    /// - mse sums squares;
    /// - bce term `softplus(z) − y·z`: for `z > 0`, `fl(z + log1p(e^{−z})) ≥ z ≥ fl(y·z)`
    ///   (rounding is monotone and `z` is representable); for `z ≤ 0` both parts are `≥ 0`;
    /// - softmax-ce, one-hot: `Y = 1` and `Σ y_j z_j = z_t` exactly, and `fl(M + fl(log ŝ)) ≥ M ≥ z_t`
    ///   because `ŝ ≥ 1`;
    /// - softmax-ce, probability vector: the exact row value is the cross-entropy, at least the
    ///   min-entropy `−log max_j y_j ≥ log((n + 1)/2)` for the drawn targets (every `y_j ≥ 1/(2n)`),
    ///   so ≥ 0.4 for `n ≥ 2` (`n = 1` is one-hot), while its rounding error is of order
    ///   `n·u·(|lse| + Σ y|z|)`, below 1e-4 even in Float for these logits.
    /// Moderate inputs (`|x| ≤ 3`, variance-`1/fanIn` weights) keep every `z` far from overflow,
    /// so `L` must be finite.
    @Test func lossIsNonNegativeAndFinite() async {
        await propertyCheck(count: 300, input: NetworkCase.generator) { sample in
            let double = try sample.network(Double.self).loss(on: try sample.batch(Double.self))
            let float = try sample.network(Float.self).loss(on: try sample.batch(Float.self))
            #expect(double >= 0 && double.isFinite, "Double L = \(double)")
            #expect(float >= 0 && float.isFinite, "Float L = \(float)")
        }
    }
}
