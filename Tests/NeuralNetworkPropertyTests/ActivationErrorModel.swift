import NeuralNetwork

/// How each activation passes on an error in its input and adds its own rounding: the two
/// constants a forward error analysis needs (Higham, *Accuracy and Stability of Numerical
/// Algorithms*, §2.2 for the model, §3.1 for how the errors compound).
extension Activation {
    /// `sup |f'|`, so that `|f(z + e) − f(z)| ≤ lipschitz·|e|` by the mean value theorem:
    /// `σ' ≤ 1/4`; `tanh' ≤ 1`; relu and leaky-relu slopes 1 and 0 or 1/100; `softplus' = σ < 1`;
    /// identity 1.
    var lipschitz: Double { self == .sigmoid ? 0.25 : 1 }

    /// Bound on `|fl(f(z)) − f(z)| / |f(z)|`, the relative error of `Activation.value` in a type
    /// with `rounding`, `f` taken with the exact leaky slope 1/100. With `r` the error of one
    /// libm call (`Rounding.libm`):
    /// - identity and relu return `z` or 0: exact;
    /// - leaky-relu: `α_T·z` with `α_T = fl(1/100)`, two roundings, `2u`;
    /// - sigmoid, `z ≥ 0`: `1/(1 + e^{−z})`; `e^{−z} ≤ 1` enters the sum with weight
    ///   `e^{−z}/(1 + e^{−z}) ≤ 1/2`, then an add and a divide: `r/2 + 2u`. `z < 0`:
    ///   `e/(1 + e)`, the numerator's `r`, the denominator's `r/2 + u`, the divide's `u`:
    ///   `3r/2 + 2u`, the larger;
    /// - tanh: one libm call, `r`;
    /// - softplus: `max(z, 0) + log1p(e^{−|z|})`; `log1p` has condition number ≤ 1 on `[0, 1]`,
    ///   so the `exp`'s `r` passes through, plus `log1p`'s own `r`, plus the add's `u` (the
    ///   `log1p` term is at most the whole value): `2r + u`.
    func relativeRoundingError(_ rounding: Rounding) -> Double {
        let (u, r) = (rounding.u, rounding.libm)
        switch self {
        case .identity, .relu: return 0
        case .leakyReLU: return 2 * u
        case .sigmoid: return 1.5 * r + 2 * u
        case .tanh: return r
        case .softplus: return 2 * r + u
        }
    }
}
