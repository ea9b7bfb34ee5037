import GradientCheck

/// The Taylor remainder test of `model` (`TaylorTest`): along a unit direction drawn from
/// `seed`, the orders of `r₂ = |L(θ + εv) − L(θ) − ε·gᵀv|` (and, when the model has
/// `hessianVectorProduct`, of `r₃`) over ε = 2⁻¹ … 2⁻ᵏ. When the verdict is not PASS it records
/// one test issue at the caller's line: the verdict, each fitted order with the ε it was fitted
/// over, the reason, and a command that reruns the test.
///
///     @Test func backpropIsRightAlongARandomDirection() {
///         checkTaylor(of: MyModel(parameters: [0.3, -0.7, 0.1]))
///     }
///
/// The losses are evaluated by `model.widerModel()` when it has one (a Float model checked in
/// Double), else by `model` itself, whose round-off then bounds how small an ε resolves. A
/// model without `gradientRoundingBound()` is assumed to round each `g_i` by at most
/// `TaylorTest.assumedRoundings·u·|g_i|`. It is no substitute for `checkGradient(of:)`: an error
/// orthogonal to `v` is invisible to it. INCONCLUSIVE and KINK record an issue too: they
/// certify nothing.
/// - Parameters:
///   - model: the model, at its θ; not changed.
///   - test: the test's ε range, window and margin.
///   - seed: picks `v` (`TaylorTest.direction(of:seed:)`).
///   - fileID: where the issue is recorded, with `filePath`, `line` and `column`: the
///     caller's, by default.
///   - filePath: the caller's file path.
///   - line: the caller's line.
///   - column: the caller's column.
///   - function: the calling test, whose name the replay command filters on.
/// - Returns: the remainders, fits and verdict, whether or not it passed.
@discardableResult
public func checkTaylor<Model: GradientCheckable>(
    of model: Model, test: TaylorTest = TaylorTest(), seed: UInt32 = 0,
    fileID: String = #fileID, filePath: StaticString = #filePath, line: Int = #line, column: Int = #column,
    function: String = #function
) -> TaylorResult {
    let result = test.run(model, seed: seed)
    guard result.verdict != .pass else { return result }
    let evaluated = model.widerModel() == nil ? "its own \(Model.Scalar.self) loss" : "its wider model's loss"
    var lines = ["Taylor test \(result.verdict.rawValue) (L evaluated by \(evaluated))"]
    for fit in result.fits {
        let order = fit.order.map { String(format: "%.3f", $0) } ?? "not fitted"
        let range = fit.fitted.isEmpty ? "" : " over ε = " + fit.fitted.map { "\($0)" }.joined(separator: ", ")
        lines.append("  r\(fit.remainder): order \(order) (expected \(fit.expected))\(range)"
                     + (fit.verdict.map { ", \($0.rawValue)" } ?? ", not judged"))
    }
    if let reason = result.reason { lines.append("  " + reason) }
    lines.append("  replay: " + replayCommand(function))
    IssueReporter.record(lines.joined(separator: "\n"), at: (fileID, filePath, line, column))
    return result
}
