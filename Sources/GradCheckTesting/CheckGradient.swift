import Foundation
import GradCheckReports
import GradientCheck
import Harness
import NeuralNetwork
import RealModule

/// Checks `model`'s backprop gradient against central differences and, when it does not pass,
/// records one test issue at the caller's line (Swift Testing, or XCTest): the verdict, the
/// element counts, the worst element and a command that reruns the test.
///
///     @Test func backpropIsRight() {
///         var model = MyModel(parameters: [0.3, -0.7, 0.1])
///         checkGradient(of: &model)
///     }
///
/// - Parameters:
///   - model: checked in its own `Scalar`; its parameters are left as they were (they move
///     with `options.trainSteps`).
///   - options: tolerances, oracle, mode, descent steps.
///   - fileID: where the issue is recorded, with `filePath`, `line` and `column`: the
///     caller's, by default.
///   - filePath: the caller's file path.
///   - line: the caller's line.
///   - column: the caller's column.
///   - function: the calling test, whose name the replay command filters on.
/// - Returns: what the check found, whether or not it passed.
@discardableResult
public func checkGradient<Model: GradientCheckable>(
    of model: inout Model, options: GradientCheckOptions = GradientCheckOptions(),
    fileID: String = #fileID, filePath: StaticString = #filePath, line: Int = #line, column: Int = #column,
    function: String = #function
) -> GradientCheckOutcome {
    let location = (fileID, filePath, line, column)
    if let refused = GradientCheckOutcome.refusing(options, at: location) { return refused }
    let checker = options.checker(Model.Scalar.self)
    let dtype: DType = Model.Scalar.self == Float.self ? .float : .double
    let judgedBy = checker.oracle == .wider && model.widerModel() != nil
        ? CheckSettings.defaults(dtype, oracle: .wider).oracleDescription(dtype) : "\(Model.Scalar.self) central differences of its own loss"
    let replay = replayCommand(function)
    var checks: [(trainStep: Int, check: CheckResult)] = []
    do {
        checks.append((0, try checker.check(&model, seed: 0)))
        if options.trainSteps > 0 {
            model.descend(steps: options.trainSteps, learningRate: options.learningRate)
            checks.append((options.trainSteps, try checker.check(&model, seed: 0)))
        }
    } catch {
        let outcome = GradientCheckOutcome(checks: checks, verdict: .harnessError, judgedBy: judgedBy, replay: replay)
        IssueReporter.record("gradient check HARNESS-ERROR: \(error)\nreplay: \(replay)", at: location)
        return outcome
    }
    let outcome = GradientCheckOutcome(checks: checks, verdict: Verdict.aggregate(checks.map(\.check.verdict)),
                                       judgedBy: judgedBy, replay: replay)
    if !outcome.passed { IssueReporter.record(outcome.message, at: location) }
    return outcome
}

/// `swift test --filter` with a pattern that matches the calling test alone: its name as the
/// last component of the test's identifier (`Module.name()`, `Module.Suite/name()`, XCTest's
/// `Module.Class/name`), so that `check` does not also run `checkAgain`. `function` must name
/// the test: a helper that calls `checkGradient` passes its caller's `#function` through.
func replayCommand(_ function: String) -> String {
    let name = String(function.prefix { $0 != "(" })
    let escaped = name.map { "\\^$.|?*+()[]{}".contains($0) ? "\\\($0)" : "\($0)" }.joined()
    return "swift test --filter '[./]\(escaped)(\\(|$)'"
}

/// Checks a built-in `Network` on `batch` in `options.dtype`, exactly as `gradcheck replay`
/// checks a case file: when it does not pass, the case is written to a temporary folder and
/// the issue's replay command reruns it with the CLI (`swift run gradcheck replay FILE` from a
/// package that depends on gradcheck), named by the test and the case's bytes.
/// - Parameters:
///   - network: the network with its parameters θ.
///   - batch: the inputs and targets.
///   - options: tolerances, oracle, mode, descent steps, and the dtype.
///   - fileID: where the issue is recorded, with `filePath`, `line` and `column`: the
///     caller's, by default.
///   - filePath: the caller's file path.
///   - line: the caller's line.
///   - column: the caller's column.
///   - function: the calling test, which names the case file.
/// - Returns: what the check found, whether or not it passed.
@discardableResult
public func checkGradient<Scalar: Real & BinaryFloatingPoint & Sendable>(
    of network: Network<Scalar>, on batch: Batch<Scalar>, options: GradientCheckOptions = GradientCheckOptions(),
    fileID: String = #fileID, filePath: StaticString = #filePath, line: Int = #line, column: Int = #column,
    function: String = #function
) -> GradientCheckOutcome {
    let location = (fileID, filePath, line, column)
    if let refused = GradientCheckOutcome.refusing(options, at: location) { return refused }
    let dtype = options.dtype ?? (Scalar.self == Float.self ? .float : .double)
    let spec = TrialSpec(network: network, batch: batch, trainSteps: options.trainSteps, learningRate: options.learningRate)
    var run = RunDescription(options: TrialOptions(layers: spec.widths.count - 1, trainSteps: options.trainSteps,
                                                   learningRate: options.learningRate, seed: 0),
                             trials: 1, trial: 0, dtypes: [dtype])
    (run.atol, run.rtol, run.mode, run.oracle) = (options.atol, options.rtol, options.mode, options.oracle)
    let result = run.rerun(spec, dtype)
    let file = CaseFile(run: run, dtype: dtype, spec: spec)
    var outcome = GradientCheckOutcome(checks: result.checks, verdict: result.verdict,
                                       judgedBy: run.settings(dtype).oracleDescription(dtype), replay: "")
    outcome.missingCheck = result.descentNote
    guard !outcome.passed else { return outcome }
    do {
        let data = try file.jsonData()
        // Named by the test and by the case's bytes: two failing checks never share a file.
        let name = (fileID + "-" + function.prefix { $0 != "(" }).map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let digest = data.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gradcheck-cases")
            .appendingPathComponent(String(name) + "-\(dtype.rawValue)-" + String(digest, radix: 16) + ".json")
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: path, options: .atomic)
        outcome.replay = "swift run gradcheck replay \(path.path)"
    } catch {
        outcome.replay = "(the case file could not be written: \(error))"
    }
    IssueReporter.record(outcome.message, at: location)
    return outcome
}
