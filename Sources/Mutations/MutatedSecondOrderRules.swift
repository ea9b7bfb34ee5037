import NeuralNetwork
import RealModule

/// The core's second-order steps (`SecondOrderRules`) with the one that a second-order `bug`
/// concerns replaced by its buggy version; with a first-order bug or none, the core's bit for
/// bit. `Network.hessianVectorProduct(_:on:rules:)` with these is the mutant's `H·v`.
@usableFromInline
struct MutatedSecondOrderRules: SecondOrderRulesProtocol {
    @usableFromInline let bug: Mutant?

    @inlinable
    init(bug: Mutant?) { self.bug = bug }

    @inlinable
    func secondDerivative<T: Real>(_ activation: Activation, z: T, a: T) -> T {
        bug == .droppedSecondDerivative ? 0 : SecondOrderRules().secondDerivative(activation, z: z, a: a)
    }

    @inlinable
    func outputDeltaDirectional<T: Real>(_ loss: Loss, z: [T], a: [T], y: [T], rz: [T], m: Int, activation: Activation) -> [T] {
        let core = SecondOrderRules().outputDeltaDirectional(loss, z: z, a: a, y: y, rz: rz, m: m, activation: activation)
        switch bug {
        case .lossHessianWithoutBatchMean:
            return core.map { $0 * T(m) }
        case .softmaxJacobianDiagonalOnly where loss == .softmaxCrossEntropy:
            let n = z.count / m
            let p = Loss.softmax(z, m: m)
            let invM = 1 / T(m)
            var result = [T](repeating: 0, count: z.count)
            for row in 0..<m {
                let base = row * n
                var ySum: T = 0
                for j in 0..<n { ySum += y[base + j] }
                for j in 0..<n { result[base + j] = ySum * p[base + j] * rz[base + j] * invM }
            }
            return result
        default:
            return core
        }
    }
}

extension MutatedBackprop {
    /// `H·v` of the network with the bug: the core's R-operator with `MutatedSecondOrderRules`.
    /// A first-order bug leaves it the core's (the test of `∇L` is the Taylor test's r₂).
    @inlinable
    public func hessianVectorProduct(_ v: [Scalar]) -> [Scalar] {
        network.hessianVectorProduct(v, on: batch, rules: MutatedSecondOrderRules(bug: bug))
    }
}
