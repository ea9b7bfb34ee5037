import GradientCheck

/// A model seen through closures over θ, built where its scalar type is concrete.
///
/// `GradientChecker.check` is generic and not `@inlinable`, so called from this module it runs
/// unspecialised, and reaches a generic model (`MutantObjective<S>`) through witnesses that are
/// unspecialised too: the network's arithmetic then goes through protocol calls. Closures made
/// in code specialised for `Float` or `Double` carry the specialised loss and backprop into the
/// check instead: the default self-test takes 0.9 s instead of 6.9 s (release build, measured).
struct SpecialisedObjective<Scalar: BinaryFloatingPoint>: GradientCheckable {
    let parameterTensors: [ParameterTensor]
    var parameters: [Scalar]
    private let lossAt: ([Scalar]) -> Scalar
    private let lossAndGradientAt: ([Scalar]) -> (loss: Scalar, gradient: [Scalar])
    private let kinkPatternAt: ([Scalar]) -> [Int8]?
    private let untestableAt: ([Scalar]) -> [Int: String]
    private let referenceAt: ([Scalar], Int, [Scalar], Double) -> ReferenceEvaluation?
    private let elementEvaluationAt: ([Scalar]) -> ElementEvaluation<Scalar>?

    init<Model: GradientCheckable>(_ model: Model) where Model.Scalar == Scalar {
        func at(_ theta: [Scalar]) -> Model {
            var copy = model
            copy.parameters = theta
            return copy
        }
        parameterTensors = model.parameterTensors
        parameters = model.parameters
        lossAt = { at($0).loss() }
        lossAndGradientAt = { at($0).lossAndGradient() }
        kinkPatternAt = { at($0).kinkPattern() }
        untestableAt = { at($0).untestableParameters() }
        referenceAt = { at($0).referenceEvaluation($1, points: $2, step: $3) }
        elementEvaluationAt = { at($0).elementEvaluation() }
    }

    func loss() -> Scalar { lossAt(parameters) }
    func lossAndGradient() -> (loss: Scalar, gradient: [Scalar]) { lossAndGradientAt(parameters) }
    func kinkPattern() -> [Int8]? { kinkPatternAt(parameters) }
    func untestableParameters() -> [Int: String] { untestableAt(parameters) }
    func referenceEvaluation(_ i: Int, points: [Scalar], step h: Double) -> ReferenceEvaluation? {
        referenceAt(parameters, i, points, h)
    }
    func elementEvaluation() -> ElementEvaluation<Scalar>? { elementEvaluationAt(parameters) }
}
