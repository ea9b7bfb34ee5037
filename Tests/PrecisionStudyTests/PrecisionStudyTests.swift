import GradientCheck
import Harness
@testable import PrecisionStudy
import Testing

@Suite struct PrecisionStudyTests {
    static let study = RunDescription(options: TrialOptions(layers: 2, seed: 3), trials: 20, dtypes: [.float, .double]).precisionStudy()

    /// Backprop errors sit at the dtype's rounding level: the median within a few ε (Higham's
    /// γ_n for the short sums here), never at the level of the other dtype.
    @Test(.enabled(if: Double(ReferenceScalar.ulpOfOne) < Double.ulpOfOne))
    func backpropErrorsFollowTheDtype() throws {
        let float = try #require(Self.study.summaries.first { $0.dtype == .float })
        let double = try #require(Self.study.summaries.first { $0.dtype == .double })
        #expect(float.backpropRelative.median > Double(Float.ulpOfOne) / 16 && float.backpropRelative.median < 16 * Double(Float.ulpOfOne))
        #expect(double.backpropRelative.median > Double.ulpOfOne / 16 && double.backpropRelative.median < 16 * Double.ulpOfOne)
        #expect(float.backpropULP.median < 16 && double.backpropULP.median < 16)
    }

    /// The oracle is far less accurate than backprop, and its estimate covers its actual error.
    @Test func oracleErrorIsAboveBackpropAndEstimated() throws {
        for s in Self.study.summaries {
            #expect(s.finiteDifferenceRelative.median > 10 * s.backpropRelative.median)
            #expect(s.estimateExceededFraction < 0.01)
        }
    }

    /// The V: the best step lies within a decade of `(3ε)^(1/3)`, and the error grows on both
    /// sides. Two decades to the left round-off (∝ 1/h) alone is 100× its share at the optimum;
    /// at h = 0.1, at least half a decade to the right, truncation (∝ h²) alone is 10× its share.
    @Test func stepSweepHasItsMinimumNearTheory() {
        for sweep in Self.study.sweeps {
            #expect(abs(log10(sweep.bestH / sweep.theoreticalH)) <= 1, "\(sweep.dtype): \(sweep.bestH)")
            let best = sweep.points.firstIndex { $0.h == sweep.bestH }!
            #expect(sweep.points[best + 8].median > 10 * sweep.bestError, "\(sweep.dtype)")
            #expect(sweep.points[0].median > 2 * sweep.bestError, "\(sweep.dtype)")
        }
    }

    @Test func recordsCoverEveryTrialTensorAndDtype() {
        #expect(Self.study.records.count == 20 * 4 * 2)
        #expect(Set(Self.study.breakdowns.map(\.dimension)) == ["layer", "fan-in", "batch", "activation", "loss", "saturated"])
        for h in Self.study.histograms {
            #expect(h.counts.reduce(0, +) + h.exact == Self.study.summaries.first { $0.dtype == h.dtype }!.elements)
        }
    }

    @Test func sameOptionsGiveTheSameStudy() {
        #expect(RunDescription(options: TrialOptions(layers: 2, seed: 3), trials: 20, dtypes: [.float, .double]).precisionStudy() == Self.study)
    }
}

import Foundation

/// Networks that overflow (deep identity or ReLU stacks under the saturation scales) once
/// trapped the study on a float-to-integer conversion; non-finite values are their own category.
@Suite struct NonFiniteStudyTests {
    /// `gradcheck precision --layers 16 --max-width 4 --activation identity --saturation-share 1
    /// --trials 1`: Float's gradient overflows, and every element is still counted somewhere.
    @Test func overflowingNetworkCountsEveryElement() throws {
        let options = TrialOptions(layers: 16, maxWidth: 4, activation: .identity, saturationShare: 1)
        let study = RunDescription(options: options, trials: 1, dtypes: [.float, .double]).precisionStudy()
        let float = try #require(study.summaries.first { $0.dtype == .float })
        #expect(float.nonFiniteElements > 0)
        for (summary, histogram) in zip(study.summaries, study.histograms) {
            let elements = study.records.filter { $0.dtype == summary.dtype }.reduce(0) { $0 + $1.elements }
            #expect(summary.elements + summary.zeroReferenceElements + summary.nonFiniteElements == elements)
            #expect(histogram.counts.reduce(0, +) + histogram.exact == summary.elements)
            #expect(histogram.nonFinite == summary.nonFiniteElements)
        }
    }

    /// The bin of any relative error is an index of the histogram: +inf and values past the
    /// edges clamp, NaN goes to the first bin instead of trapping.
    @Test func everyErrorHasABin() {
        let edges = PrecisionStudy.histogramEdges
        #expect(Pool.bin(.infinity, edges: edges) == edges.count - 1)
        #expect(Pool.bin(.greatestFiniteMagnitude, edges: edges) == edges.count - 1)
        #expect(Pool.bin(.leastNonzeroMagnitude, edges: edges) == 0)
        #expect(Pool.bin(.nan, edges: edges) == 0)
        #expect(Pool.bin(1e-8, edges: edges) == 48)
    }

    /// A step whose differences overflow has an infinite median and is never the best step; a
    /// sweep with no finite median has no best step (NaN) rather than a best error of 0.
    @Test func infiniteSweepErrorsAreCountedAndNeverBest() {
        var errors = Array(repeating: [Double.infinity, .infinity], count: StepSweep.steps.count)
        let none = StepSweep(dtype: .float, epsilon: Double(Float.ulpOfOne), errors: errors)
        #expect(none.bestH.isNaN && none.bestError.isNaN)
        #expect(none.points.allSatisfy { $0.nonFinite == 2 && $0.samples == 2 })
        errors[10] = [1e-3, 2e-3]
        let one = StepSweep(dtype: .float, epsilon: Double(Float.ulpOfOne), errors: errors)
        #expect(one.bestH == StepSweep.steps[10] && one.bestError == 1e-3)
    }
}
