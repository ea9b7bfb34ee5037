import RealModule

extension GradientChecker {
    /// `check(_:)` of this package's network in Float and Double, specialised here: the generic
    /// `check` is not `@inlinable`, so called from another module it would run the network
    /// through unspecialised witnesses, 6–18× slower (measured by the benchmarks).
    public func check(_ model: inout NetworkObjective<Float>) throws(CheckError) -> CheckResult {
        try check(generic: &model)
    }

    public func check(_ model: inout NetworkObjective<Double>) throws(CheckError) -> CheckResult {
        try check(generic: &model)
    }

    func check<Model: GradientCheckable>(generic model: inout Model) throws(CheckError) -> CheckResult {
        try check(&model)
    }
}

extension GradientChecker {
    /// `check(_:seed:)` of this package's network in Float and Double, specialised here for the
    /// same reason as `check(_:)`.
    public func check(_ model: inout NetworkObjective<Float>, seed: UInt32) throws(CheckError) -> CheckResult {
        try check(generic: &model, seed: seed)
    }

    public func check(_ model: inout NetworkObjective<Double>, seed: UInt32) throws(CheckError) -> CheckResult {
        try check(generic: &model, seed: seed)
    }

    func check<Model: GradientCheckable>(generic model: inout Model, seed: UInt32) throws(CheckError) -> CheckResult {
        try check(&model, seed: seed)
    }
}
