import GradientCheck
import NeuralNetwork
import RealModule

/// The step-size sweep: error of the plain central difference `(L(θ+h) − L(θ−h)) / 2h`,
/// evaluated in a dtype, against the reference gradient, for `h` from 10⁰ to 10⁻¹² (relative
/// to `max(|θ|, 1)`, four steps a decade).
///
/// Theory (Press et al., *Numerical Recipes*, 3rd ed., §5.7): absolute error
/// `≈ h²·|L‴|/6 + ε·|L|/h`, a V in log–log axes with its floor at `h* = (3ε·|L|/|L‴|)^(1/3)`,
/// i.e. `(3ε)^(1/3)` when `|L| ≈ |L‴|`, where the error relative to `|L′|` is about
/// `ε^(2/3)·|L|^(2/3)·|L‴|^(1/3)/|L′|`: `ε^(2/3)` only when the three are of one size. The
/// 3-point rule is the one this theory is about; the checker's oracle is GSL's 5-point rule.
///
/// A step is left out (NaN) for an element when `θ + h` or `θ − h` rounds to `θ` in the dtype,
/// since the difference would then be one-sided; so below the dtype's resolution at `|θ|`
/// fewer elements remain, and `samples` says how many. A difference or reference that is NaN or
/// ±inf (an overflowing network) is an error of +inf, counted in `nonFinite`: it sorts above
/// every finite error, so a step where most differences overflow has an infinite median.
public struct StepSweep: Sendable, Equatable, Codable {
    public struct Point: Sendable, Equatable, Codable {
        /// Relative step `h / max(|θ|, 1)`.
        public var h: Double
        /// Median and p90 of the relative error over the sampled elements.
        public var median: Double
        public var p90: Double
        public var samples: Int
        /// Samples (of `samples`) whose difference or reference was NaN or ±inf.
        public var nonFinite: Int
    }

    /// Steps with at least this share of the largest sample count are "full": only they are
    /// drawn and searched for the best step, so no point rests on a few elements picked by |θ|.
    public static let fullShare = 0.9

    public var dtype: DType
    public var points: [Point]
    /// The full step (`fullShare`) with the smallest finite median error, and that error; NaN
    /// when no full step has one.
    public var bestH: Double
    public var bestError: Double
    /// `(3ε)^(1/3)` and `ε^(2/3)` of the dtype.
    public var theoreticalH: Double
    public var theoreticalError: Double

    /// The grid: `10^(−k/4)`, `k = 0…48`.
    public static let steps: [Double] = (0...48).map { Double.pow(10, -Double($0) / 4) }

    /// Builds the curve from per-step error samples (`errors[k]` for `steps[k]`) of a dtype with
    /// machine epsilon `epsilon`.
    public init(dtype: DType, epsilon: Double, errors: [[Double]]) {
        self.dtype = dtype
        points = zip(Self.steps, errors).map { h, e in
            let q = Quantiles(e)
            return Point(h: h, median: q.median, p90: q.p90, samples: q.count, nonFinite: e.count { $0 == .infinity })
        }
        let best = Self.full(points).filter(\.median.isFinite).min { $0.median < $1.median }
        bestH = best?.h ?? .nan
        bestError = best?.median ?? .nan
        theoreticalH = StepSize.defaultRelativeStep(epsilon: epsilon)
        theoreticalError = Double.pow(epsilon, 2.0 / 3.0)
    }

    /// The points with at least `fullShare` of the largest sample count.
    public var fullPoints: [Point] { Self.full(points) }

    static func full(_ points: [Point]) -> [Point] {
        let most = points.map(\.samples).max() ?? 0
        return points.filter { most > 0 && Double($0.samples) >= fullShare * Double(most) }
    }

    /// Relative errors of the 3-point central difference of `objective`'s loss in `θ_i`, one
    /// per step of `steps` (NaN where `θ + h` or `θ − h` rounds to `θ`), against `reference`;
    /// absolute error where the reference is 0, +inf where the difference or the reference is
    /// not finite.
    /// The difference of the stencil points as the dtype holds them, `(θ+h) − (θ−h)`, divides, not `2h`.
    @inlinable
    public static func errors<S: Real & BinaryFloatingPoint & Sendable>(
        _ objective: NetworkObjective<S>, parameter i: Int, reference: ReferenceScalar
    ) -> [Double] {
        var model = objective
        let theta = model.parameters[i]
        let scale = max(abs(Double(theta)), 1)
        return steps.map { h in
            let plus = S(Double(theta) + h * scale), minus = S(Double(theta) - h * scale)
            guard plus != theta, minus != theta else { return .nan }
            model.parameters[i] = plus
            let lPlus = model.loss()
            model.parameters[i] = minus
            let lMinus = model.loss()
            model.parameters[i] = theta
            let n = (ReferenceScalar(lPlus) - ReferenceScalar(lMinus)) / (ReferenceScalar(plus) - ReferenceScalar(minus))
            let difference = abs(n - reference)
            let error = Double(reference == 0 ? difference : difference / abs(reference))
            return error.isNaN ? .infinity : error
        }
    }
}
