import Foundation
@testable import GradientCheck
import RealModule
import Testing

/// The GSL binding: `FiniteDifference.derivative` (gsl_deriv_central / _forward / _backward)
/// with its error estimate widened for Float evaluation, and `StepSize`.
@Suite struct GSLBindingTests {
    // MARK: FiniteDifference, Double evaluation

    @Test func sineDerivativeIsWithinItsOwnErrorEstimate() {
        let d = FiniteDifference.derivative(of: sin, at: 1, requestedStep: 1e-3)
        #expect(d.isFinite)
        #expect(abs(d.value - cos(1.0)) <= d.errorEstimate,
                "value \(d.value), error \(abs(d.value - cos(1.0))), estimate \(d.errorEstimate)")
        // The 5-point rule at h ≤ 1e-3 has truncation ~h⁴·|f⁽⁵⁾|/30 ≈ 1e-14 and GSL's estimate
        // (the O(h²) difference to the 3-point rule, at GSL's re-optimised step) is small too.
        #expect(d.errorEstimate > 0)
        #expect(d.errorEstimate < 1e-8)
        // One 4-point stencil at h, possibly a second at GSL's h_opt ≤ h.
        #expect(d.evaluations == 4 || d.evaluations == 8)
        #expect(d.returnedStep > 0 && d.returnedStep <= 1e-3)
    }

    @Test func nanFunctionIsNotFinite() {
        let d = FiniteDifference.derivative(of: { _ in .nan }, at: 1, requestedStep: 1e-3)
        #expect(!d.isFinite)
        #expect(d.value.isNaN)
        // NaN at a single stencil point (x + h/2 = 1.25) is caught as well.
        let one = FiniteDifference.derivative(of: { $0 == 1.25 ? .nan : $0 }, at: 1, requestedStep: 0.5)
        #expect(!one.isFinite)
    }

    @Test func infinityAtOneStencilPointIsNotFinite() {
        // Central stencil at x = 0, h = 0.5: points −0.5, 0.5, −0.25, 0.25 (exact); only 0.5 > 0.4.
        var infinities = 0
        let d = FiniteDifference.derivative(of: { x in
            if x > 0.4 {
                infinities += 1
                return .infinity
            }
            return sin(x)
        }, at: 0, requestedStep: 0.5)
        #expect(infinities == 1)
        #expect(!d.isFinite)
        // The same function with a stencil that stays below 0.4 is fine.
        let fine = FiniteDifference.derivative(of: { $0 > 0.4 ? .infinity : sin($0) }, at: 0, requestedStep: 0.25)
        #expect(fine.isFinite)
        #expect(abs(fine.value - 1) <= fine.errorEstimate)
    }

    @Test func oneSidedRulesGiveOneSidedSlopesAtAKink() {
        let forward = FiniteDifference.derivative(of: { abs($0) }, at: 0, requestedStep: 1e-2, rule: .forward)
        let backward = FiniteDifference.derivative(of: { abs($0) }, at: 0, requestedStep: 1e-2, rule: .backward)
        #expect(forward.isFinite && backward.isFinite)
        #expect(abs(forward.value - 1) <= forward.errorEstimate, "forward \(forward.value) ± \(forward.errorEstimate)")
        #expect(abs(backward.value + 1) <= backward.errorEstimate, "backward \(backward.value) ± \(backward.errorEstimate)")
        #expect(forward.errorEstimate < 1e-10 && backward.errorEstimate < 1e-10)
        // The central rule measures the chord across the kink: 0, neither slope.
        let central = FiniteDifference.derivative(of: { abs($0) }, at: 0, requestedStep: 1e-2)
        #expect(abs(central.value) <= 1e-12)
    }

    @Test func oneSidedRulesAgreeWithCentralOnASmoothFunction() {
        for rule in [FiniteDifference.Rule.forward, .backward] {
            let d = FiniteDifference.derivative(of: exp, at: 0.5, requestedStep: 1e-3, rule: rule)
            #expect(d.isFinite)
            #expect(abs(d.value - exp(0.5)) <= d.errorEstimate, "\(rule): \(d.value) ± \(d.errorEstimate)")
        }
    }

    // MARK: FiniteDifference, Float evaluation

    /// `sin` evaluated in Float: its values carry rounding of ~ε_Float = 1.2e-7, which GSL's
    /// Double-epsilon estimate does not know about; `epsilon:` widens the estimate for it.
    static func floatSine(_ x: Double) -> Double { Double(Float.sin(Float(x))) }

    static var floatDefaultStep: Double {
        StepSize.requestedStep(for: Float(1), relativeStep: StepSize.defaultRelativeStep(epsilon: Double(Float.ulpOfOne))).h
    }

    @Test("Float evaluation widens the estimate, which covers the true error",
          arguments: [floatDefaultStep, 1e-3, 1e-2])
    func floatEvaluationWidensTheEstimate(step: Double) {
        let float = FiniteDifference.derivative(of: Self.floatSine, at: 1, requestedStep: step,
                                                epsilon: Double(Float.ulpOfOne))
        let double = FiniteDifference.derivative(of: sin, at: 1, requestedStep: step)
        #expect(float.isFinite)
        #expect(float.errorEstimate > double.errorEstimate,
                "Float estimate \(float.errorEstimate) vs Double \(double.errorEstimate)")
        let trueError = abs(float.value - cos(1.0))
        #expect(trueError <= float.errorEstimate,
                "h = \(step): true error \(trueError) > estimate \(float.errorEstimate), value \(float.value)")
    }

    /// Why `epsilon:` exists: for the same Float-evaluated sine, GSL's own estimate (which assumes
    /// Double round-off) is ~1e-12 while the true error is ~1e-5, at steps where round-off
    /// rather than truncation dominates (at the default 2⁻⁷ GSL's truncation term happens to
    /// cover sine's round-off; a loss of larger magnitude would not be covered).
    @Test("GSL's Double-epsilon estimate alone misses Float round-off", arguments: [0x1p-8, 1e-3])
    func gslAloneUnderestimatesFloatRoundOff(step: Double) {
        let unwidened = FiniteDifference.derivative(of: Self.floatSine, at: 1, requestedStep: step)
        let widened = FiniteDifference.derivative(of: Self.floatSine, at: 1, requestedStep: step,
                                                  epsilon: Double(Float.ulpOfOne))
        #expect(unwidened.value == widened.value, "widening changes the estimate, not the value")
        #expect(abs(unwidened.value - cos(1.0)) > unwidened.errorEstimate)
        #expect(abs(widened.value - cos(1.0)) <= widened.errorEstimate)
    }

    // MARK: StepSize

    @Test func subResolutionFloatStepIsAdjusted() {
        let (h, enlarged) = StepSize.requestedStep(for: Float(1.5), relativeStep: 1e-8)
        #expect(enlarged)
        #expect(Float(1.5 + h / 2) != 1.5)
        #expect(Float(1.5 - h / 2) != 1.5)
        // 4·ulp(1.5) in Float = 4·2⁻²³ = 2⁻²¹.
        #expect(h == 4 * Double(Float(1.5).ulp))
        #expect(h == 0x1p-21)
        // The same request in Double is resolvable: 2^⌊log₂ 1.5e-8⌋ = 2⁻²⁶, not enlarged.
        let double = StepSize.requestedStep(for: 1.5, relativeStep: 1e-8)
        #expect(!double.enlarged)
        #expect(double.h == 0x1p-26)
    }

    static func isPowerOfTwo(_ x: Double) -> Bool { x > 0 && x.significandBitPattern == 0 && x.isNormal }

    @Test func defaultStepsAtThetaOne() {
        let relativeDouble = StepSize.defaultRelativeStep(epsilon: Double.ulpOfOne)
        let relativeFloat = StepSize.defaultRelativeStep(epsilon: Double(Float.ulpOfOne))
        // (3ε)^(1/3): 8.7e-6 in Double, 7.1e-3 in Float.
        #expect(abs(relativeDouble - 8.733476581980381e-06) <= 1e-15)
        #expect(abs(relativeFloat - 0.007098127315750547) <= 1e-12)

        let double = StepSize.requestedStep(for: 1.0, relativeStep: relativeDouble)
        #expect(!double.enlarged)
        #expect(Self.isPowerOfTwo(double.h))
        #expect(double.h > 3e-6 && double.h < 1e-5, "h = \(double.h)")
        #expect(double.h / 2.0.squareRoot() <= relativeDouble && relativeDouble <= double.h * 2.0.squareRoot())

        let float = StepSize.requestedStep(for: Float(1), relativeStep: relativeFloat)
        #expect(!float.enlarged)
        #expect(Self.isPowerOfTwo(float.h))
        #expect(float.h > 3e-3 && float.h < 1e-2, "h = \(float.h)")
        #expect(float.h / 2.0.squareRoot() <= relativeFloat && relativeFloat <= float.h * 2.0.squareRoot())
        // The stencil points θ ± h, θ ± h/2 are exact in the dtype.
        #expect(Double(Float(1 + float.h)) == 1 + float.h)
        #expect(Double(Float(1 - float.h / 2)) == 1 - float.h / 2)
    }

    @Test func stepFollowsThetaAboveOneAndStaysFixedBelow() {
        let relative = StepSize.defaultRelativeStep(epsilon: Double.ulpOfOne)
        let one = StepSize.requestedStep(for: 1.0, relativeStep: relative).h
        #expect(StepSize.requestedStep(for: 0.0, relativeStep: relative).h == one)
        #expect(StepSize.requestedStep(for: -0.25, relativeStep: relative).h == one)
        #expect(StepSize.requestedStep(for: 1024.0, relativeStep: relative).h == 1024 * one)
        #expect(StepSize.requestedStep(for: -1024.0, relativeStep: relative).h == 1024 * one)
    }
}
