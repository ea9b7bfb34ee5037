import GradientCheck
import RealModule

/// A computation that needs a dtype's static types: `DType.dispatch` calls `visit` with them.
///
/// A check in one dtype has two: `Checked`, the scalar the model is built in and backprop runs
/// in, and `Oracle`, the scalar the finite-difference oracle evaluates the loss in. Today every
/// dtype is its own oracle (`Checked == Oracle`), and only the step reads the oracle's ε
/// (`oracleEpsilon`); the checker evaluates the loss in the model's own type. A wider oracle
/// (Float backprop judged against a Double-evaluated loss at the same, exactly widened,
/// parameters) will be another pair here, with the checker taught to evaluate in `Oracle`.
public protocol DTypeVisitor {
    associatedtype Result
    func visit<Checked: Real & BinaryFloatingPoint & Sendable, Oracle: Real & BinaryFloatingPoint & Sendable>(
        _ checked: Checked.Type, oracle: Oracle.Type) -> Result
}

extension DType {
    /// `visitor.visit` with this dtype's types: the one place a dtype becomes static types.
    /// Callers are specialised for each pair, since the check path is `@inlinable`.
    @inlinable
    public func dispatch<Visitor: DTypeVisitor>(_ visitor: Visitor) -> Visitor.Result {
        switch self {
        case .float: visitor.visit(Float.self, oracle: Float.self)
        case .double: visitor.visit(Double.self, oracle: Double.self)
        }
    }

    /// Machine epsilon `ε` (`ulpOfOne`) of the checked type: 1.19e-7 for Float, 2.22e-16 for Double.
    public var epsilon: Double { dispatch(Epsilons()).checked }

    /// Machine epsilon of the type the oracle evaluates the loss in (the step's `ε`, `StepSize`).
    public var oracleEpsilon: Double { dispatch(Epsilons()).oracle }
}

/// Both types' machine epsilons.
struct Epsilons: DTypeVisitor {
    func visit<Checked: Real & BinaryFloatingPoint & Sendable, Oracle: Real & BinaryFloatingPoint & Sendable>(
        _: Checked.Type, oracle _: Oracle.Type) -> (checked: Double, oracle: Double) {
        (Double(Checked.ulpOfOne), Double(Oracle.ulpOfOne))
    }
}
