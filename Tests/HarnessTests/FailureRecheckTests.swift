import GradientCheck
@testable import Harness
import Testing

/// Saturated trials on which GSL's error estimate was wrong (found by 20 000 default trials of
/// the native oracle): the reference recheck turns those false FAILs into INCONCLUSIVE, and
/// keeps real bugs FAIL. Checked natively, the oracle they were found with (the wider oracle's
/// Double step does not fail the Float ones in the first place: `SaturatedFalseFailTests`).
@Suite struct FailureRecheckTests {
    /// (dtype, trial of the default options, seed 1): round-off of a cancelling softmax-ce loss
    /// (double 2311, 10717), truncation at a Float step too large for saturated tanh units
    /// (float 16977, 6003).
    static let cases: [(DType, Int)] = [(.double, 2311), (.double, 10717), (.float, 16977), (.float, 6003)]

    @Test(arguments: cases.indices)
    func falseFailsBecomeInconclusive(_ k: Int) {
        let (dtype, index) = Self.cases[k]
        let spec = TrialGenerator.trial(index, options: TrialOptions())
        #expect(spec.saturation != nil)
        let result = spec.run(dtype, settings: CaseRun.defaults(dtype, oracle: .native))
        #expect(result.verdict.isAcceptable, "\(dtype) trial \(index): \(result.verdict)")
        let rechecked = result.check.tensors.flatMap(\.elements).filter { $0.referenceNumerical != nil }
        #expect(!rechecked.isEmpty)
        #expect(rechecked.allSatisfy { $0.verdict == .inconclusive && $0.reason?.contains("beyond what the dtype resolves") == true })
    }

    @Test(arguments: cases.indices)
    func plantedBugsStillFail(_ k: Int) {
        let (dtype, index) = Self.cases[k]
        let result = TrialGenerator.trial(index, options: TrialOptions())
            .run(dtype, settings: CaseRun.defaults(dtype, oracle: .native, planted: PlantedBug(scale: 1.06, tensor: nil)))
        #expect(result.verdict == .fail, "\(dtype) trial \(index)")
    }
}
