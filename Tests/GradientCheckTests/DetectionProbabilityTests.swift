import Foundation
import GradientCheck
import Testing

/// The miss probabilities that `DirectionalCheck.swift` documents for the random directions,
/// measured on planted errors, and what the gradient direction adds.
///
/// The model is a quadratic whose numerical side is exact up to rounding, with an error `δ`
/// planted in its analytic gradient far above the allowed error `A` (or far below it): a
/// direction misses exactly when `|Σ r_i δ̃_i| ≤ A`. Seeds `0..<400`, `k = 3` directions each,
/// so the counts are binomial and the test is deterministic; the bounds are 5 standard
/// deviations wide.
@Suite struct DetectionProbabilityTests {
    static let seeds: Range<UInt32> = 0..<400
    static let k = 3

    /// Misses per direction and per check (all `k` directions missed) over the seeds.
    static func misses(_ error: [Double]) throws -> (directions: Int, checks: Int) {
        var directions = 0, checks = 0
        let fast = GradientChecker(mode: .fast(directions: k))
        for seed in seeds {
            var model = PlantedQuadratic(error: error)
            let result = try fast.check(&model, seed: seed)
            // The random directions `0..<k`; element `[k]` is the gradient direction.
            let missed = try #require(result.directions).elements.filter { $0.index[0] < k && $0.verdict != .fail }.count
            directions += missed
            if missed == k { checks += 1 }
        }
        return (directions, checks)
    }

    /// Whether `count` of `n` Bernoulli trials is within 5 standard deviations of rate `p`.
    static func plausible(_ count: Int, of n: Int, rate p: Double) -> Bool {
        abs(Double(count) - Double(n) * p) <= 5 * (Double(n) * p * (1 - p)).squareRoot()
    }

    /// One wrong element above `A` is caught by every direction; below `A`, by none.
    @Test func singleWrongElement() throws {
        #expect(try Self.misses(PlantedQuadratic.planted([3: 1e-3])) == (0, 0))
        let quiet = try Self.misses(PlantedQuadratic.planted([3: 1e-12]))
        #expect(quiet.directions == Self.seeds.count * Self.k)
    }

    /// Two equal errors of opposite sign: the worst case, `C(2, 1)/2² = ½` per direction and
    /// `2⁻ᵏ` per check.
    @Test func twoOppositeErrors() throws {
        let (directions, checks) = try Self.misses(PlantedQuadratic.planted([3: 1e-3, 9: -1e-3]))
        let n = Self.seeds.count
        #expect(Self.plausible(directions, of: n * Self.k, rate: 0.5), "\(directions) of \(n * Self.k)")
        #expect(Self.plausible(checks, of: n, rate: 0.125), "\(checks) of \(n)")
    }

    /// The gradient direction fails on an error along `g` (6 % of it) whatever the seed; an error
    /// orthogonal to the true gradient (second order along `g`) passes it, and is the random
    /// directions' to catch: here every one of them does, its two entries being unequal.
    @Test func gradientDirection() throws {
        let fast = GradientChecker(mode: .fast(directions: Self.k))
        let truth = PlantedQuadratic(error: PlantedQuadratic.planted([:]))
        let gradient = zip(truth.curvature, truth.parameters).map { $0 * $1 }
        let (a, b) = (3, 9)
        let norm = (gradient[a] * gradient[a] + gradient[b] * gradient[b]).squareRoot()
        let orthogonal = PlantedQuadratic.planted([a: 1e-4 * gradient[b] / norm, b: -1e-4 * gradient[a] / norm])
        for seed: UInt32 in 0..<20 {
            var along = PlantedQuadratic(error: gradient.map { 0.06 * $0 })
            let result = try fast.check(&along, seed: seed)
            #expect(result.directions?.elements[Self.k].verdict == .fail && result.verdict == .fail)
            var across = PlantedQuadratic(error: orthogonal)
            let elements = try #require(try fast.check(&across, seed: seed).directions?.elements)
            #expect(elements[Self.k].verdict == .pass)
            #expect(elements[..<Self.k].allSatisfy { $0.verdict == .fail })
        }
    }

    /// `n` equal errors: a miss needs `Σ ±1 = 0`, probability `C(n, n/2)/2ⁿ` (⅜ for 4,
    /// ≈ √(2/(πn)) for large n): the Erdős bound is attained.
    @Test(arguments: [4, 16])
    func equalErrors(_ n: Int) throws {
        let planted = Dictionary(uniqueKeysWithValues: (0..<n).map { ($0, 1e-3) })
        let (directions, _) = try Self.misses(PlantedQuadratic.planted(planted))
        var binomial = 1.0
        for i in 0..<n / 2 { binomial = binomial * Double(n - i) / Double(i + 1) }
        let bound = binomial / Double(1 << n)
        #expect(Self.plausible(directions, of: Self.seeds.count * Self.k, rate: bound),
                "\(directions) of \(Self.seeds.count * Self.k), bound \(bound)")
    }
}

/// `L(θ) = ½·Σ c_i θ_i²` over one tensor of 32 parameters (all `|θ_i| ≤ 1`, so `|u_i| = 1/√32`),
/// in Double, with `error` added to the analytic gradient.
struct PlantedQuadratic: GradientCheckable {
    static let count = 32
    var parameters = (0..<count).map { 0.9 * sin(Double($0 + 1)) }
    let curvature = (0..<count).map { 1 + 0.5 * cos(Double($0)) }
    let error: [Double]

    /// An error vector with the given entries, 0 elsewhere.
    static func planted(_ entries: [Int: Double]) -> [Double] {
        (0..<count).map { entries[$0] ?? 0 }
    }

    var parameterTensors: [ParameterTensor] { [ParameterTensor(name: "A", shape: [Self.count], offset: 0)] }
    func loss() -> Double { zip(curvature, parameters).reduce(0) { $0 + 0.5 * $1.0 * $1.1 * $1.1 } }
    func lossAndGradient() -> (loss: Double, gradient: [Double]) {
        (loss(), (0..<Self.count).map { curvature[$0] * parameters[$0] + error[$0] })
    }
}
