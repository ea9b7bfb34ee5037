/// What the second opinion on a FAIL (`GradientChecker.recheck`) needs beyond the element,
/// computed when the first element fails and kept for the rest of the check: the analytic
/// model's `referenceGradient()` (one backprop in `ReferenceScalar`) and the numerical side's
/// `lossRoundingBound()` at θ (one forward pass), not one of each per failing element.
@usableFromInline
struct RecheckReference<Model: GradientCheckable> {
    @usableFromInline let model: Model
    @usableFromInline var computed: [Double]??
    @usableFromInline var lossBound: Double??

    @inlinable
    init(_ model: Model) {
        self.model = model
        computed = nil
        lossBound = nil
    }

    /// `∂L/∂θ_i` in `ReferenceScalar`, `nil` when the model has no wider evaluation.
    @inlinable
    mutating func gradient(_ i: Int) -> Double? {
        if computed == nil { computed = .some(model.referenceGradient()) }
        guard let gradient = computed!, gradient.indices.contains(i) else { return nil }
        return gradient[i]
    }

    /// `numerical.lossRoundingBound()`, asked once; `numerical` is at θ whenever this is asked.
    @inlinable
    mutating func lossBound<Numerical: GradientCheckable>(of numerical: Numerical) -> Double? {
        if lossBound == nil { lossBound = .some(numerical.lossRoundingBound()) }
        return lossBound!
    }
}
