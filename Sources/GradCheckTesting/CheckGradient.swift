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
    let checker = options.checker(Model.Scalar.self)
    let dtype: DType = Model.Scalar.self == Float.self ? .float : .double
    let judgedBy = checker.oracle == .wider && model.widerModel() != nil
        ? CheckSettings.defaults(dtype, oracle: .wider).oracleDescription(dtype) : "\(Model.Scalar.self) central differences of its own loss"
    // A test is rerun by its name: `swift test --filter` takes a pattern of the test's identifier.
    let test = function.prefix { $0 != "(" }
    let replay = "swift test --filter '\(test)'"
    var checks: [(trainStep: Int, check: CheckResult)] = []
    do {
        checks.append((0, try checker.check(&model, seed: 0)))
        if options.trainSteps > 0 {
            model.descend(steps: options.trainSteps, learningRate: options.learningRate)
            checks.append((options.trainSteps, try checker.check(&model, seed: 0)))
        }
    } catch {
        let outcome = GradientCheckOutcome(checks: checks, verdict: .harnessError, judgedBy: judgedBy, replay: replay)
        IssueReporter.record("gradient check HARNESS-ERROR: \(error)\nreplay: \(replay)",
                             at: (fileID, filePath, line, column))
        return outcome
    }
    let outcome = GradientCheckOutcome(checks: checks, verdict: Verdict.aggregate(checks.map(\.check.verdict)),
                                       judgedBy: judgedBy, replay: replay)
    if !outcome.passed { IssueReporter.record(outcome.message, at: (fileID, filePath, line, column)) }
    return outcome
}

/// Checks a built-in `Network` on `batch` in `options.dtype`, exactly as `gradcheck replay`
/// checks a case file: when it does not pass, the case is written to a temporary folder and
/// the issue's replay command reruns it with the CLI (`swift run gradcheck replay FILE` from a
/// package that depends on gradcheck).
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
    let spec = TrialSpec(network: network, batch: batch, trainSteps: options.trainSteps, learningRate: options.learningRate)
    var run = RunDescription(options: TrialOptions(layers: spec.widths.count - 1, trainSteps: options.trainSteps,
                                                   learningRate: options.learningRate, seed: 0),
                             trials: 1, trial: 0, dtypes: [options.dtype])
    (run.atol, run.rtol, run.mode, run.oracle) = (options.atol, options.rtol, options.mode, options.oracle)
    let result = run.rerun(spec, options.dtype)
    let file = CaseFile(run: run, dtype: options.dtype, spec: spec)
    let name = (fileID + "-" + function).map { $0.isLetter || $0.isNumber ? $0 : "-" }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gradcheck-cases")
        .appendingPathComponent(String(name) + "-\(options.dtype.rawValue).json")
    var replay = "swift run gradcheck replay \(path.path)"
    let outcome = GradientCheckOutcome(checks: result.checks, verdict: result.verdict,
                                       judgedBy: run.settings(options.dtype).oracleDescription(options.dtype), replay: replay)
    guard !outcome.passed else { return outcome }
    do {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try file.jsonData().write(to: path, options: .atomic)
    } catch {
        replay = "(the case file could not be written to \(path.path): \(error))"
    }
    var failing = outcome
    failing.replay = replay
    IssueReporter.record(failing.message + (result.descentNote.map { "\nnote: \($0)" } ?? ""), at: (fileID, filePath, line, column))
    return failing
}
