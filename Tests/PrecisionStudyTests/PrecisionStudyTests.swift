import GradientCheck
import PrecisionStudy
import Testing

@Suite struct PrecisionStudyTests {
    static let study = PrecisionStudy.run(options: TrialOptions(layers: 2, seed: 3), trials: 0..<20, dtypes: [.float, .double])

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
        #expect(PrecisionStudy.run(options: TrialOptions(layers: 2, seed: 3), trials: 0..<20, dtypes: [.float, .double]) == Self.study)
    }
}

import Foundation
