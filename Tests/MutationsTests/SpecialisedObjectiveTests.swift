import GradientCheck
@testable import Mutations
import NeuralNetwork
import Testing

/// The self-test checks models through `SpecialisedObjective`; the check must see exactly what
/// it sees of the model itself, every requirement of `GradientCheckable` included.
@Suite struct SpecialisedObjectiveTests {
    static func model(_ index: Int) -> MutantObjective<Float> {
        MutantObjective(TrialGenerator.trial(index, options: TrialOptions()).objective(Float.self), mutant: .missingHalf)
    }

    @Test func checkIsTheModelsOwn() throws {
        // The first ten trials, and the first with saturated (untestable) parameters.
        let saturated = try #require((0..<1000).first { !Self.model($0).untestableParameters().isEmpty })
        let indices = Array(0..<10) + [saturated]
        #expect(indices.contains { Self.model($0).kinkPattern() != nil })
        for index in indices {
            var model = Self.model(index)
            var seen = SpecialisedObjective(model)
            #expect(seen.untestableParameters() == model.untestableParameters(), "trial \(index)")
            #expect(seen.kinkPattern() == model.kinkPattern(), "trial \(index)")
            #expect(try GradientChecker().check(&seen) == GradientChecker().check(&model), "trial \(index)")
        }
    }
}
