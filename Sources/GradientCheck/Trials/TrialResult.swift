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
    /// - Parameters:
    ///   - plantedGradientScale: when not 1, the analytic gradient is multiplied by it
    ///     (`PlantedGradientScale`), to prove that a gate fails on a bug of that size.
    ///   - plantedTensor: restricts that bug to the tensor of this name (`W2`).
    public func run(_ dtype: DType, checker: GradientChecker, plantedGradientScale: Double = 1,
                    plantedTensor: String? = nil) -> TrialResult {
        // The network objective always satisfies the protocol's contract, so check cannot throw.
        let check: CheckResult
        switch dtype {
        case .float:
            var objective = PlantedGradientScale(objective(Float.self), factor: Float(plantedGradientScale),
                                                 tensor: plantedTensor)
            check = try! checker.check(&objective)
        case .double:
            var objective = PlantedGradientScale(objective(Double.self), factor: plantedGradientScale,
                                                 tensor: plantedTensor)
            check = try! checker.check(&objective)
        }
        return TrialResult(spec: self, dtype: dtype, check: check)
    }
}
