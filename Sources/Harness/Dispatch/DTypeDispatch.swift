import GradientCheck
import RealModule

/// A computation that needs a dtype's static type: `DType.dispatch` calls `visit` with it.
///
/// `Checked` is the scalar the model is built in and backprop runs in. The type the oracle
/// evaluates the loss in follows from the model (`GradientCheckable.widerModel`) and the run's
/// `OracleChoice`, not from here (`DType.judgingEpsilon`).
public protocol DTypeVisitor {
    associatedtype Result
    func visit<Checked: Real & BinaryFloatingPoint & Sendable>(_ checked: Checked.Type) -> Result
}

extension DType {
    /// `visitor.visit` with this dtype's type: the one place a dtype becomes a static type.
    /// Callers are specialised for each type, since the check path is `@inlinable`.
    @inlinable
    public func dispatch<Visitor: DTypeVisitor>(_ visitor: Visitor) -> Visitor.Result {
        switch self {
        case .float: visitor.visit(Float.self)
        case .double: visitor.visit(Double.self)
        }
    }

    /// Machine epsilon `ε` (`ulpOfOne`) of the checked type: 1.19e-7 for Float, 2.22e-16 for Double.
    public var epsilon: Double { dispatch(Epsilon()) }

    /// The type the built-in network's loss is differentiated in under `oracle`: Double for
    /// Float with the wider oracle (`NetworkObjective.widerModel`), the dtype itself otherwise
    /// (Double has no wider oracle: see the README's "Oracles").
    public func judgingType(_ oracle: OracleChoice) -> DType { oracle == .wider ? .double : self }

    /// Whether `--oracle` changes how this dtype is judged (Float: yes; Double: no).
    public var hasWiderOracle: Bool { judgingType(.wider) != self }

    /// Machine epsilon of `judgingType(oracle)`: the defaults of the step and, since the network
    /// bounds its rounding, of the tolerance follow it.
    public func judgingEpsilon(_ oracle: OracleChoice) -> Double { judgingType(oracle).epsilon }
}

struct Epsilon: DTypeVisitor {
    func visit<Checked: Real & BinaryFloatingPoint & Sendable>(_: Checked.Type) -> Double { Double(Checked.ulpOfOne) }
}
