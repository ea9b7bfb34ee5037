import GradientCheck
@testable import Harness
import Testing

/// The sensitivity study: what it plants, what it counts, and the minimum detectable error.
@Suite struct SensitivityStudyTests {
    /// A one-element plant changes that element of that tensor and nothing else.
    @Test func oneElementPlantChangesOneElement() throws {
        for index in 0..<20 {
            let spec = TrialGenerator.trial(index, options: TrialOptions())
            let site = spec.plantSite()
            #expect(site == spec.plantSite(), "the same spec gives the same site")
            let tensor = try #require(spec.layout.tensors.first { $0.name == site.tensor })
            #expect((0..<tensor.range.count).contains(site.element))
            let base = spec.objective(Double.self)
            let planted = PlantedGradientScale(base, factor: 2, tensor: site.tensor, element: site.element)
            let (g, p) = (base.lossAndGradient().gradient, planted.lossAndGradient().gradient)
            let changed = g.indices.filter { g[$0] != p[$0] }
            let i = tensor.range.lowerBound + site.element
            #expect(changed == (g[i] == 0 ? [] : [i]), "trial \(index)")
        }
    }

    /// Sizes far above and below what Double resolves: all detected, none detected; in Float a
    /// size below u rounds `1 + s` to 1, plants nothing, and no trial is counted.
    @Test func extremesAndUnrepresentableSizes() throws {
        let study = SensitivityStudy(trials: 6, sizes: [1e-1, 1e-9])
        let report = study.run(jobs: 1, command: "")
        #expect(report.curves.map { "\($0.dtype.rawValue) \($0.oracle.rawValue) \($0.placement.rawValue)" }
                == ["float wider uniform", "float wider one-element", "float native uniform", "float native one-element",
                    "double native uniform", "double native one-element"])
        for curve in report.curves {
            let (large, small) = (curve.points[0], curve.points[1])
            #expect(large.size == 1e-1 && large.drawn == 6 && large.active > 0 && large.unattributed == 0)
            #expect(curve.placement == .oneElement || large.rate == 1, "\(curve.dtype) \(curve.oracle)")
            if curve.dtype == .float {
                #expect(small.planted == 0 && small.active == 0 && small.rate == nil)
            } else {
                #expect(small.active == 6 && small.detected == 0)
            }
        }
        let doubleUniform = try #require(report.curves.first { $0.dtype == .double && $0.placement == .uniform })
        #expect(doubleUniform.minimumDetectable == 1e-1)
    }

    /// The same study gives the same report whatever the threads.
    @Test func jobsDoNotChangeTheReport() {
        let study = SensitivityStudy(trials: 8, dtypes: [.float], sizes: [1e-3, 1e-5])
        #expect(study.run(jobs: 1, command: "c") == study.run(jobs: 3, command: "c"))
    }

    /// The minimum detectable error needs the level at that size and every larger one.
    @Test func minimumDetectableIsMonotone() {
        func point(_ size: Double, _ detected: Int, active: Int = 100) -> SensitivityPoint {
            var tally = SensitivityPoint.Tally()
            for k in 0..<100 { tally.add(k >= active ? .inactive : k < detected ? .detected : .missed) }
            return SensitivityPoint(size: size, planted: size, tally: tally)
        }
        func minimum(_ points: [SensitivityPoint]) -> Double? {
            SensitivityCurve(dtype: .double, oracle: .native, placement: .uniform, judgedBy: "", points: points, level: 0.99).minimumDetectable
        }
        #expect(minimum([point(1e-1, 100), point(1e-2, 99), point(1e-3, 50)]) == 1e-2)
        #expect(minimum([point(1e-1, 100), point(1e-2, 90), point(1e-3, 100)]) == 1e-1, "a dip ends the run")
        #expect(minimum([point(1e-1, 98), point(1e-2, 100)]) == nil)
        #expect(minimum([point(1e-1, 100), point(1e-2, 0, active: 0)]) == 1e-1, "a size no trial can tell is not detected")
    }
}
