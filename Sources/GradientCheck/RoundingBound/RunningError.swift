import RealModule

/// A scalar that carries, beside its value computed in `Base` with `Base`'s own rounding, a
/// first-order bound on how far that value is from the exact result of the same expression on
/// the exact inputs: Higham's running error analysis (*Accuracy and Stability of Numerical
/// Algorithms*, 2nd ed., §3.3), with the standard model `fl(x op y) = (x op y)(1 + δ) + η`,
/// `|δ| ≤ u = ε/2`, `|η| ≤ λ/2` for underflow (`λ` the least nonzero magnitude; §2.1, (2.8)),
/// charged as `λ` (see `underflow`).
///
/// Generic code run in `RunningError<Float>` makes exactly the Float operations on `value`
/// (so loss and gradient are bitwise Float's) and propagates `bound` in Double:
/// - `x ± y`: `e_x + e_y + u|v| + λ`;
/// - `x·y`: `|y|e_x + |x|e_y + e_x e_y + u|v| + λ`;
/// - `x/y`: `(e_x + |v|e_y)/(|y| − e_y) + u|v| + λ`, `+∞` when `|y| ≤ e_y`;
/// - a function `f`: `|f'|·e_x` over the argument's interval where `f'` varies fast (`log`,
///   `sqrt`), else at `x`, plus `f`'s own error: 1 ulp (`2u|v|`) beyond rounding for the C
///   library's functions (glibc documents at most 1–2 ulp for `exp`, `log`, `log1p`, `expm1`,
///   `tanh` in Float and Double), taken as `4u|v|`; correctly rounded `sqrt`: `u|v|`;
/// - comparisons, `abs`, negation, `min`/`max`: exact, by value, as `Base`'s code branches.
///
/// Products of two bounds are kept (they are cheap) but terms of second order in `u` inside the
/// model are not: the bound is a first-order one, which is what running error analysis gives,
/// and `Tests/GradientCheckTests/RunningErrorTests.swift` holds it against Float80.
public struct RunningError<Base: Real & BinaryFloatingPoint & Sendable>: Sendable {
    /// The value, exactly as `Base` computes it.
    public var value: Base
    /// A bound on `|value − exact|`, absolute; `+∞` when nothing can be said.
    public var bound: Double

    @inlinable
    public init(value: Base, bound: Double) {
        self.value = value
        self.bound = bound
    }

    /// `u`, the unit roundoff of `Base`.
    @inlinable static var unitRoundoff: Double { Double(Base.ulpOfOne) / 2 }

    /// The least nonzero magnitude `λ`: a result that underflows is off by at most `λ/2`, but
    /// in Double `λ/2` rounds to 0, so the whole of `λ` is charged (a bound, never too small).
    @inlinable static var underflow: Double { Double(Base.leastNonzeroMagnitude) }

    /// `v` with the propagated bound `propagated` and the rounding of one operation
    /// (`ulps` units of `u·|v|`, 1 for a correctly rounded one). A NaN bound (`0·∞` when an
    /// operand without a bound meets a zero, as after a saturated `log`) is `+∞`: nothing can
    /// be said, which is not the same as an error of NaN.
    @inlinable
    static func result(_ v: Base, propagated: Double, ulps: Double = 1) -> RunningError {
        let bound = propagated + ulps * unitRoundoff * abs(Double(v)) + underflow
        return RunningError(value: v, bound: bound.isNaN ? .infinity : bound)
    }

    /// `v = f(x)` of a C library function whose derivative at `x` is `derivative`.
    @inlinable
    static func function(_ v: Base, of x: RunningError, derivative: Double) -> RunningError {
        result(v, propagated: x.bound == 0 ? 0 : abs(derivative) * x.bound, ulps: 4)
    }
}

extension RunningError {
    @inlinable
    public static func + (x: Self, y: Self) -> Self { result(x.value + y.value, propagated: x.bound + y.bound) }
    @inlinable
    public static func - (x: Self, y: Self) -> Self { result(x.value - y.value, propagated: x.bound + y.bound) }
    @inlinable
    public static func * (x: Self, y: Self) -> Self {
        result(x.value * y.value, propagated: abs(Double(y.value)) * x.bound + abs(Double(x.value)) * y.bound + x.bound * y.bound)
    }
    @inlinable
    public static func / (x: Self, y: Self) -> Self {
        let v = x.value / y.value
        let room = abs(Double(y.value)) - y.bound
        return result(v, propagated: room > 0 ? (x.bound + abs(Double(v)) * y.bound) / room : .infinity)
    }
    @inlinable public static func += (x: inout Self, y: Self) { x = x + y }
    @inlinable public static func -= (x: inout Self, y: Self) { x = x - y }
    @inlinable public static func *= (x: inout Self, y: Self) { x = x * y }
    @inlinable public static func /= (x: inout Self, y: Self) { x = x / y }
    @inlinable public prefix static func - (x: Self) -> Self { Self(value: -x.value, bound: x.bound) }
    @inlinable public mutating func negate() { value.negate() }

    /// IEEE equality of the values: generic code compares and branches as `Base` does; the
    /// bound is no part of the number's identity.
    @inlinable public static func == (x: Self, y: Self) -> Bool { x.value == y.value }
    @inlinable public static func < (x: Self, y: Self) -> Bool { x.value < y.value }
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension RunningError: CustomStringConvertible {
    public var description: String { "\(value) ± \(bound)" }
}
