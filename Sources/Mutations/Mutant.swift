/// One backpropagation bug of a kind that real code has, injected into the core network's
/// backprop by `MutatedBackprop` (the loss stays the core's exact loss).
///
/// Each case says what the bug computes, where real code gets it wrong, and which trials can
/// expose it: on a trial that cannot, the bug changes no gradient value and the mutant is the
/// correct code there. "f' enters" means a hidden layer's `f'` (any network of ≥ 2 layers) or
/// the output layer's under MSE (the cross-entropies' `δ_L` has no `f'`). Raw values are the
/// names `gradcheck selftest --mutant` accepts.
public enum Mutant: String, CaseIterable, Sendable, Codable {
    /// `δ_L = (a − y)/m` under MSE, which is binary cross-entropy's delta: the `f'(z_L)` of BP1
    /// is missing. The seed article's bug (case K01): the delta of sigmoid + cross-entropy,
    /// copied into a network trained with MSE. Exposed under MSE by an output activation with
    /// `f' ≠ 1` on the batch: sigmoid, tanh, softplus, or a ReLU-like unit with `z < 0`.
    case crossEntropyDeltaUnderMSE = "cross-entropy-delta-under-mse"
    /// `δ_L = (a − y)·a(1 − a)/m` under binary cross-entropy: an extra `σ'`, the mirror of the
    /// seed article's bug. Code that writes one generic `δ_L = ∂L/∂a ⊙ f'(z)` and then plugs in
    /// cross-entropy's `a − y`, which already has `σ'` cancelled in it. Exposed by every BCE trial.
    case extraSigmoidPrimeUnderCrossEntropy = "extra-sigmoid-prime-under-bce"
    /// MSE's `δ_L = 2(a − y)⊙f'(z)/m`: the derivative of `(a − y)²` used with a loss that has
    /// the `½` (`½·mean‖a − y‖²`); case K08 is the converse. Ratio 2. Exposed by every MSE trial.
    case missingHalf = "missing-half"
    /// `δ_L` negated (`y − a` for `a − y`): the residual written the other way round, so the
    /// data gradient points uphill. Ratio −1 where the penalty is absent. Exposed by every trial.
    case signError = "sign-error"
    /// No `1/m` anywhere: the gradient of the batch sum for a loss that is the batch mean
    /// (case K09). Ratio `m`. Hides at `m = 1`, so trials must draw `m ≥ 2` often.
    case missingBatchMean = "missing-batch-mean"
    /// `dW = aᵀδ/m`, `db = Σδ/m` although `δ_L` already holds the `1/m`: the mean taken twice,
    /// from code that moved the `1/m` into the delta and kept it in the update too. Ratio `1/m`.
    /// Hides at `m = 1`.
    case batchMeanTwice = "batch-mean-twice"
    /// The weight gradient is the batch sum while the bias gradient is the batch mean (`dW`
    /// `m` times too large): `db = mean(δ, axis=0)` beside `dW = aᵀδ` with no `/m`, over a `δ`
    /// without the `1/m`. Ratio `m` on weights only. Hides at `m = 1`.
    case extraBatchFactor = "extra-batch-factor"
    /// `db = δ[0]`, the first row, instead of `Σ_rows δ`: a per-example formula that was not
    /// vectorised when batches came in. Hides at `m = 1`.
    case biasGradientFromFirstRowOnly = "bias-gradient-first-row"
    /// `δ_{l−1} = δ_l·W_lᵀ` without `⊙ f'(z_{l−1})`: the chain rule stops at the weights.
    /// Exposed by ≥ 2 layers with a hidden activation whose `f' ≠ 1` on the batch (not identity).
    case droppedActivationDerivative = "dropped-activation-derivative"
    /// `δ_{l−1} = (δ_l·W_lᵀ) ⊙ f'_l(z_{l−1})`: the derivative of layer `l`'s activation
    /// instead of layer `l − 1`'s, an index off by one between the `z` list (one per layer) and
    /// the activation list. Exposed by ≥ 2 layers whose activations differ (and differ in `f'`
    /// on the batch).
    case offByOneLayer = "off-by-one-layer"
    /// The backward loop stops one layer early (`for l in L−1 down to 1` with 0-based layers),
    /// so the first layer's gradient stays 0. Exposed by every trial whose first-layer gradient
    /// is not 0 anyway (e.g. all ReLU units dead).
    case backpropStopsOneLayerEarly = "stops-one-layer-early"
    /// `δ_l·W_lᵀ` reads `W_l[k][j]` at `j·fanIn + k`: the weights taken column-major (the
    /// transpose confused) in flat index arithmetic. Exposed by a layer after the first with
    /// `fanIn ≥ 2` and `fanOut ≥ 2` and non-symmetric `W`; in shape-checked array code only a
    /// square layer lets the bug run at all, so the generator makes most layers non-square.
    case transposedWeights = "transposed-weights"
    /// `dW_l = z_{l−1}ᵀ·δ_l`: the layer input cached before its activation (`inputs.append(z)`
    /// for `a`). Exposed by ≥ 2 layers whose hidden activation is not the identity on the batch.
    case weightGradientFromPreActivation = "weight-gradient-from-z"
    /// `f'` evaluated at `a` instead of `z`: `sigmoidPrime(a)` where `sigmoidPrime(z) =
    /// σ(z)(1 − σ(z))` expects `z`. Exposed where f' enters a sigmoid, tanh or softplus layer
    /// (ReLU-like and identity derivatives agree at `a` and `z`).
    case derivativeAtActivation = "derivative-at-activation"
    /// `f'` written in terms of `a` (`σ' = a(1 − a)`, `tanh' = 1 − a²`) but passed `z`: the
    /// converse of `derivativeAtActivation`. Exposed where f' enters a sigmoid or tanh layer.
    case derivativeFedPreActivation = "derivative-fed-z"
    /// tanh's derivative written as the sigmoid's, `a(1 − a)` for `1 − a²`: a copy-paste when
    /// tanh was added. Exposed where f' enters a tanh layer.
    case tanhDerivativeAsSigmoid = "tanh-derivative-as-sigmoid"
    /// Leaky ReLU's derivative written as ReLU's: 0 instead of `α = 0.01` for `z < 0`. Exposed
    /// where f' enters a leaky-ReLU layer with some `z < 0`; the error is `α` times a
    /// gradient, so the tolerance must resolve 1 %.
    case leakySlopeDropped = "leaky-slope-dropped"
    /// Softmax cross-entropy's `δ = e^z − y` instead of `softmax(z) − y`: the division by `Σe^z`
    /// left out. Exposed by every softmax-ce trial.
    case softmaxUnnormalised = "softmax-unnormalised"
    /// The penalty `(λ/2)·Σ‖W‖²` is in the loss but its gradient `λ·W` is not in backward:
    /// regularisation added where the loss is reported and forgotten in the update. Exposed
    /// by `λ > 0`, so trials must draw a weight decay often.
    case missingRegularisationGradient = "missing-regularisation-gradient"
    /// `(λ/2)·W` for `λ·W`: the `½` of the penalty kept, the 2 from the square dropped (the
    /// penalty's own missing-half). Exposed by `λ > 0`.
    case halvedRegularisationGradient = "halved-regularisation-gradient"
    /// `λ·b` added to the bias gradient although the penalty covers weights only: an update that
    /// decays every parameter, checked against a loss that penalises `W` (Goodfellow et al.,
    /// §7.1). Exposed by `λ > 0`.
    case regularisedBiases = "regularised-biases"

    // Second-order bugs: in the Hessian-vector product (`Network.hessianVectorProduct`), the
    // gradient left correct. Only the Taylor test's r₃ and the second-order check see them.

    /// `R{δ_{l−1}}` without its `(δ_l·W_lᵀ) ⊙ f''(z_{l−1}) ⊙ R{z_{l−1}}` term: the second
    /// derivative of a hidden activation dropped, as code that differentiates `δ` but treats
    /// `f'(z)` as a constant does. Exposed by ≥ 2 layers with a sigmoid, tanh or softplus hidden layer.
    case droppedSecondDerivative = "dropped-second-derivative"
    /// `R{δ_L}` without its `1/m`: the loss Hessian of the batch sum for a loss that is the
    /// batch mean (`missingBatchMean`'s second-order twin). Hides at `m = 1`.
    case lossHessianWithoutBatchMean = "loss-hessian-without-batch-mean"
    /// Softmax cross-entropy's `R{δ_L} = (Σ_k y_k)·p ⊙ R{z}/m`: the Jacobian `diag(p) − ppᵀ`
    /// taken as its diagonal `diag(p)`, the `−p·(pᵀR{z})` term missing. Exposed by every
    /// softmax-ce trial.
    case softmaxJacobianDiagonalOnly = "softmax-jacobian-diagonal-only"

    /// 1 for a bug in the gradient (`MutatedBackprop`), 2 for one in `H·v` only
    /// (`MutatedSecondOrderRules`).
    public var order: Int {
        switch self {
        case .droppedSecondDerivative, .lossHessianWithoutBatchMean, .softmaxJacobianDiagonalOnly: return 2
        default: return 1
        }
    }

    /// The gradient bugs, in catalogue order: what `gradcheck selftest` runs by default.
    public static let firstOrder = allCases.filter { $0.order == 1 }
    /// The Hessian-vector product bugs, in catalogue order.
    public static let secondOrder = allCases.filter { $0.order == 2 }

    /// What the bug computes, in one line, for tables.
    public var summary: String {
        switch self {
        case .crossEntropyDeltaUnderMSE: return "MSE δ_L = (a − y)/m: f'(z_L) missing (the seed article)"
        case .extraSigmoidPrimeUnderCrossEntropy: return "BCE δ_L = (a − y)·a(1 − a)/m: an extra σ'"
        case .missingHalf: return "MSE δ_L = 2(a − y)⊙f'/m: the ½ ignored"
        case .signError: return "δ_L = (y − a)…: sign flipped"
        case .missingBatchMean: return "no 1/m: batch sum for a batch mean"
        case .batchMeanTwice: return "1/m in δ_L and again in dW, db"
        case .extraBatchFactor: return "dW = m·(aᵀδ): weights get the batch sum, biases the mean"
        case .biasGradientFromFirstRowOnly: return "db = δ[0] instead of Σ_rows δ"
        case .droppedActivationDerivative: return "hidden δ = δ·Wᵀ without ⊙ f'(z)"
        case .offByOneLayer: return "hidden δ uses f' of layer l instead of l − 1"
        case .backpropStopsOneLayerEarly: return "backward loop ends at layer 2: dW1, db1 = 0"
        case .transposedWeights: return "δ·Wᵀ reads W column-major"
        case .weightGradientFromPreActivation: return "dW_l = z_{l−1}ᵀδ_l instead of a_{l−1}ᵀδ_l"
        case .derivativeAtActivation: return "f'(a) instead of f'(z)"
        case .derivativeFedPreActivation: return "σ' = z(1 − z), tanh' = 1 − z²: a-formula fed z"
        case .tanhDerivativeAsSigmoid: return "tanh' = a(1 − a)"
        case .leakySlopeDropped: return "leaky ReLU' = 0 for z < 0"
        case .softmaxUnnormalised: return "softmax-ce δ = e^z − y, no Σe^z"
        case .missingRegularisationGradient: return "λ·W left out of dW"
        case .halvedRegularisationGradient: return "(λ/2)·W for λ·W"
        case .regularisedBiases: return "λ·b added to db"
        case .droppedSecondDerivative: return "R{δ} of a hidden layer without its f''(z) term"
        case .lossHessianWithoutBatchMean: return "R{δ_L} without 1/m"
        case .softmaxJacobianDiagonalOnly: return "softmax-ce R{δ_L} = p ⊙ R{z}/m: Jacobian's off-diagonal −ppᵀ missing"
        }
    }

    /// Which trials can expose the bug, in one line, for tables.
    public var exposure: String {
        switch self {
        case .crossEntropyDeltaUnderMSE: return "mse, output f' ≠ 1"
        case .extraSigmoidPrimeUnderCrossEntropy: return "bce"
        case .missingHalf: return "mse"
        case .signError, .backpropStopsOneLayerEarly: return "every trial"
        case .missingBatchMean, .batchMeanTwice, .extraBatchFactor, .biasGradientFromFirstRowOnly: return "m ≥ 2"
        case .droppedActivationDerivative, .weightGradientFromPreActivation: return "≥ 2 layers, hidden f not identity"
        case .offByOneLayer: return "≥ 2 layers, adjacent activations differ"
        case .transposedWeights: return "a layer after the first with fanIn, fanOut ≥ 2"
        case .derivativeAtActivation: return "f' enters a sigmoid, tanh or softplus layer"
        case .derivativeFedPreActivation: return "f' enters a sigmoid or tanh layer"
        case .tanhDerivativeAsSigmoid: return "f' enters a tanh layer"
        case .leakySlopeDropped: return "f' enters a leaky-ReLU layer with z < 0"
        case .softmaxUnnormalised: return "softmax-ce"
        case .missingRegularisationGradient, .halvedRegularisationGradient, .regularisedBiases: return "λ > 0"
        case .droppedSecondDerivative: return "≥ 2 layers, a sigmoid, tanh or softplus hidden layer"
        case .lossHessianWithoutBatchMean: return "m ≥ 2"
        case .softmaxJacobianDiagonalOnly: return "softmax-ce"
        }
    }
}
