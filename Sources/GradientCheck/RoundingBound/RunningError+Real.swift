import RealModule

/// The elementary functions of `Base`, each with its derivative for the propagated bound
/// (`RunningError.function`): `|f'(x)|·e_x + 4u|f(x)| + λ`. Where `f'` grows without bound
/// near the argument (`log`, `atanh`, the inverse trigonometric functions near ±1) the
/// derivative is taken at the end of `[x − e_x, x + e_x]` nearer the singularity, and the bound
/// is `+∞` when that interval reaches it. `gamma` and `logGamma` need the digamma function,
/// which `Base` does not offer: their propagated bound is `+∞` unless the argument is exact.
extension RunningError: Real {
    /// `x` moved by its bound toward `point`, for a derivative that is largest there; `nil`
    /// when the interval contains `point`.
    @inlinable
    static func nearest(_ x: RunningError, toward point: Double) -> Double? {
        let (v, e) = (Double(x.value), x.bound)
        if abs(v - point) <= e { return e == 0 && v != point ? v : nil }
        return v > point ? v - e : v + e
    }

    @inlinable
    static func singular(_ v: Base, of x: RunningError, at point: Double, derivative: (Double) -> Double) -> RunningError {
        guard x.bound > 0 else { return function(v, of: x, derivative: 0) }
        guard let near = nearest(x, toward: point) else { return RunningError(value: v, bound: .infinity) }
        return function(v, of: x, derivative: derivative(near))
    }

    @inlinable public static func exp(_ x: Self) -> Self {
        let v = Base.exp(x.value)
        return function(v, of: x, derivative: Double(v) * Double.exp(x.bound))
    }
    @inlinable public static func expMinusOne(_ x: Self) -> Self {
        function(Base.expMinusOne(x.value), of: x, derivative: Double.exp(Double(x.value) + x.bound))
    }
    @inlinable public static func exp2(_ x: Self) -> Self {
        function(Base.exp2(x.value), of: x, derivative: 0.6931471805599453 * Double.exp2(Double(x.value) + x.bound))
    }
    @inlinable public static func exp10(_ x: Self) -> Self {
        function(Base.exp10(x.value), of: x, derivative: 2.302585092994046 * Double.exp10(Double(x.value) + x.bound))
    }
    @inlinable public static func cosh(_ x: Self) -> Self {
        function(Base.cosh(x.value), of: x, derivative: Double.sinh(abs(Double(x.value)) + x.bound))
    }
    @inlinable public static func sinh(_ x: Self) -> Self {
        function(Base.sinh(x.value), of: x, derivative: Double.cosh(abs(Double(x.value)) + x.bound))
    }
    /// `|tanh'| = 1 − tanh² ≤ 1`.
    @inlinable public static func tanh(_ x: Self) -> Self {
        let v = Base.tanh(x.value)
        return function(v, of: x, derivative: min(1, 1 - Double(v) * Double(v) + 2 * x.bound))
    }
    @inlinable public static func cos(_ x: Self) -> Self { function(Base.cos(x.value), of: x, derivative: 1) }
    @inlinable public static func sin(_ x: Self) -> Self { function(Base.sin(x.value), of: x, derivative: 1) }
    /// `tan' = 1 + tan²`, at the interval's ends; `+∞` when a pole lies inside.
    @inlinable public static func tan(_ x: Self) -> Self {
        let v = Base.tan(x.value)
        let (low, high) = (Double(x.value) - x.bound, Double(x.value) + x.bound)
        guard x.bound == 0 || Double.cos(low) * Double.cos(high) > 0 else { return RunningError(value: v, bound: .infinity) }
        return function(v, of: x, derivative: 1 + max(Double.tan(low) * Double.tan(low), Double.tan(high) * Double.tan(high)))
    }
    @inlinable public static func log(_ x: Self) -> Self { singular(Base.log(x.value), of: x, at: 0) { 1 / abs($0) } }
    @inlinable public static func log(onePlus x: Self) -> Self {
        singular(Base.log(onePlus: x.value), of: x, at: -1) { 1 / abs(1 + $0) }
    }
    @inlinable public static func log2(_ x: Self) -> Self {
        singular(Base.log2(x.value), of: x, at: 0) { 1.4426950408889634 / abs($0) }
    }
    @inlinable public static func log10(_ x: Self) -> Self {
        singular(Base.log10(x.value), of: x, at: 0) { 0.4342944819032518 / abs($0) }
    }
    @inlinable public static func acosh(_ x: Self) -> Self {
        singular(Base.acosh(x.value), of: x, at: 1) { 1 / (max($0 * $0 - 1, 0)).squareRoot() }
    }
    @inlinable public static func asinh(_ x: Self) -> Self { function(Base.asinh(x.value), of: x, derivative: 1) }
    @inlinable public static func atanh(_ x: Self) -> Self {
        let toward: Double = x.value >= 0 ? 1 : -1
        return singular(Base.atanh(x.value), of: x, at: toward) { 1 / max(1 - $0 * $0, 0) }
    }
    @inlinable public static func acos(_ x: Self) -> Self {
        let toward: Double = x.value >= 0 ? 1 : -1
        return singular(Base.acos(x.value), of: x, at: toward) { 1 / max(1 - $0 * $0, 0).squareRoot() }
    }
    @inlinable public static func asin(_ x: Self) -> Self {
        let toward: Double = x.value >= 0 ? 1 : -1
        return singular(Base.asin(x.value), of: x, at: toward) { 1 / max(1 - $0 * $0, 0).squareRoot() }
    }
    @inlinable public static func atan(_ x: Self) -> Self { function(Base.atan(x.value), of: x, derivative: 1) }
    /// `∂/∂x = y·v/x`, `∂/∂y = v·log|x|`, at the computed values.
    @inlinable public static func pow(_ x: Self, _ y: Self) -> Self {
        let v = Base.pow(x.value, y.value)
        let (dv, dx) = (Double(v), Double(x.value))
        guard x.bound == 0 || dx != 0 else { return RunningError(value: v, bound: .infinity) }
        let propagated = (x.bound == 0 ? 0 : abs(Double(y.value) * dv / dx) * x.bound)
            + (y.bound == 0 ? 0 : abs(dv * Double.log(abs(dx))) * y.bound)
        return result(v, propagated: propagated, ulps: 4)
    }
    @inlinable public static func pow(_ x: Self, _ n: Int) -> Self {
        let v = Base.pow(x.value, n)
        guard x.bound > 0 else { return result(v, propagated: 0, ulps: 4) }
        guard x.value != 0 else { return RunningError(value: v, bound: n > 1 ? 0 : .infinity) }
        return result(v, propagated: abs(Double(n) * Double(v) / Double(x.value)) * x.bound, ulps: 4)
    }
    @inlinable public static func sqrt(_ x: Self) -> Self { x.squareRoot() }
    @inlinable public static func root(_ x: Self, _ n: Int) -> Self {
        singular(Base.root(x.value, n), of: x, at: 0) { abs(Double.root($0, n) / (Double(n) * $0)) }
    }
    @inlinable public static func atan2(y: Self, x: Self) -> Self {
        let v = Base.atan2(y: y.value, x: x.value)
        let r2 = Double(x.value) * Double(x.value) + Double(y.value) * Double(y.value)
        guard x.bound + y.bound == 0 || r2 > 0 else { return RunningError(value: v, bound: .infinity) }
        let propagated = x.bound + y.bound == 0 ? 0 : (abs(Double(y.value)) * x.bound + abs(Double(x.value)) * y.bound) / r2
        return result(v, propagated: propagated, ulps: 4)
    }
    /// `erf' = 2/√π·e^(−x²) ≤ 1.13`.
    @inlinable public static func erf(_ x: Self) -> Self { function(Base.erf(x.value), of: x, derivative: 1.1283791670955126) }
    @inlinable public static func erfc(_ x: Self) -> Self { function(Base.erfc(x.value), of: x, derivative: 1.1283791670955126) }
    @inlinable public static func hypot(_ x: Self, _ y: Self) -> Self { result(Base.hypot(x.value, y.value), propagated: x.bound + y.bound, ulps: 4) }
    @inlinable public static func gamma(_ x: Self) -> Self {
        RunningError(value: Base.gamma(x.value), bound: x.bound == 0 ? function(Base.gamma(x.value), of: x, derivative: 0).bound : .infinity)
    }
    @inlinable public static func logGamma(_ x: Self) -> Self {
        RunningError(value: Base.logGamma(x.value), bound: x.bound == 0 ? function(Base.logGamma(x.value), of: x, derivative: 0).bound : .infinity)
    }
    @inlinable public static func signGamma(_ x: Self) -> FloatingPointSign { Base.signGamma(x.value) }
}
