/// One trial checked in one dtype.
public struct TrialResult: Sendable, Equatable {
    public var spec: TrialSpec
    public var dtype: DType
    public var check: CheckResult

    public var verdict: Verdict { check.verdict }
}

extension TrialSpec {
    /// Builds this trial's network in `dtype` and checks it with `checker`.
    ///
    /// Concrete per dtype so that the generic network code is specialised here.
    public func run(_ dtype: DType, checker: GradientChecker) -> TrialResult {
        let check: CheckResult
        switch dtype {
        case .float:
            var objective = objective(Float.self)
            check = try! checker.check(&objective)
        case .double:
            var objective = objective(Double.self)
            check = try! checker.check(&objective)
        }
        return TrialResult(spec: self, dtype: dtype, check: check)
    }
}
