import Foundation

/// The central-difference step `h` for a parameter `θ` evaluated in a dtype with machine
/// epsilon `ε`.
///
/// Central-difference error ≈ `h²·|f‴|/6` (truncation) + `ε·|f|/h` (round-off); balancing the
/// two gives `h* = (3ε)^(1/3)·scale` (Press et al., *Numerical Recipes*, 3rd ed., §5.7), about
/// 8.7e-6 in Double and 7.1e-3 in Float, with `scale = max(|θ|, 1)` so the step follows `θ`'s
/// magnitude yet stays usable at `θ ≈ 0`. The step is rounded to the nearest power of two (in
/// log scale, so within a factor √2 of `h*`): `θ ± h` and `θ ± h/2` are then exact in the dtype
/// whenever they stay in `θ`'s binade. In Float that is 2⁻⁷ ≈ 7.8e-3, in Double 2⁻¹⁷ ≈ 7.6e-6.
///
/// One vocabulary for the step throughout: the **relative step** (`relativeStep`, a setting,
/// relative to `max(|θ|, 1)`), the **requested step** `h` given to GSL (`requestedStep`, after
/// rounding to a power of two, **enlarged** where the dtype cannot resolve it), and the
/// **returned step** of the stencil GSL's result came from (`NumericalDerivative.returnedStep`,
/// at most the requested one: GSL may try a second, smaller step).
public enum StepSize {
    /// Relative step `(3ε)^(1/3)` for machine epsilon `ε`.
    public static func defaultRelativeStep(epsilon: Double) -> Double {
        cbrt(3 * epsilon)
    }

    /// The requested step in dtype `S` for `θ` and a relative step:
    /// `h = 2^round(log₂(relativeStep·max(|θ|, 1)))`, then, if `θ ± h/2` rounds back to `θ` in
    /// `S` (a step below the dtype's resolution, e.g. `h = 1e-8` at `θ = 1.5` in Float), the
    /// smallest power of two that `S` resolves, `4·ulp(θ)`, with `enlarged = true`.
    @inlinable
    public static func requestedStep<S: BinaryFloatingPoint>(for theta: S, relativeStep relative: Double)
        -> (h: Double, enlarged: Bool) {
        let target = relative * max(abs(Double(theta)), 1)
        var h = target > 0 && target.isFinite ? exp2((log2(target)).rounded()) : 0
        let half = S(Double(theta) + h / 2)
        if half == theta || S(Double(theta) - h / 2) == theta {
            h = 4 * Double(theta.ulp)
            return (h, true)
        }
        return (h, false)
    }
}
