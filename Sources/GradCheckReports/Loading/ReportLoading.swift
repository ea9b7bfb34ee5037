import NeuralNetwork
import Foundation
import GradientCheck
import Harness

extension Report {
    /// Reads and validates a report written by gradcheck.
    /// - Parameter role: what the file is for, named in errors (`baseline`, `report`).
    /// - Throws: `InputFileError` naming the file and the problem: missing or unreadable, empty,
    ///   not a JSON object (e.g. truncated), another schema version, fields missing or mistyped.
    public static func load(_ url: URL, role: String) throws(InputFileError) -> Report {
        let file = VersionedJSONFile(role: role, path: url.path, noun: "report")
        return try parse(try file.read(), role: role, path: url.path)
    }

    /// Validates and decodes the bytes of a report file (`load` without the file system).
    /// - Throws: `InputFileError` as `load`.
    public static func parse(_ data: Data, role: String, path: String) throws(InputFileError) -> Report {
        let file = VersionedJSONFile(role: role, path: path, noun: "report")
        let object = try file.object(data)
        if object["study"] != nil { throw file.fail("is a precision report (gradcheck precision), not a check report") }
        try file.checkVersion(of: object, expected: schemaVersion)
        let report = try file.decode(Report.self, from: data)
        if let problem = report.inconsistency { throw file.fail("is inconsistent: \(problem)") }
        return report
    }

    /// Why the report's parts disagree (records against its run and summaries), or `nil`: a
    /// hand-edited or partial report would silently weaken a comparison or a merge.
    ///
    /// Each check of a trial (at the drawn θ, and after `--train-steps` unless the descent
    /// diverged) has one record per tensor, `W1, b1, …, WL, bL`; in fast mode a `directions`
    /// record, preceded by the tensors' records only when the check was escalated.
    var inconsistency: String? {
        if let problem = run.invalidity { return problem }
        for dtype in run.dtypes where tolerances[dtype.rawValue] != run.settings(dtype).tolerance {
            return "its \(dtype.rawValue) tolerance is not the one its run checks with"
        }
        let trials = run.trialIndices
        guard summaries.map(\.dtype) == run.dtypes else { return "its summaries are not one per dtype of its run" }
        for s in summaries where s.trials != trials.count {
            return "the \(s.dtype.rawValue) summary counts \(s.trials) trials, its run has \(trials.count)"
        }
        let layers = run.options.layers
        let tensors = ParameterLayout.names(layers: layers)
        var checks: [String: [String]] = [:]
        for r in records {
            guard r.activations.count == layers, r.widths.count == layers + 1, run.dtypes.contains(r.dtype) else {
                return "record of trial \(r.trial), tensor \(r.tensor) does not fit a \(layers)-layer run"
            }
            if case .fast(let k) = run.mode, r.tensor == GradientChecker.directionsName, r.shape != [k + 1] {
                return "record of trial \(r.trial), tensor \(r.tensor) has shape \(r.shape), its run compares \(k) random "
                    + "directions and the gradient's"
            }
            if let shapes = run.options.shapes, shapes.indices.contains(r.trial),
               shapes[r.trial] != TrialShape(widths: r.widths, m: r.m) {
                return "record of trial \(r.trial) is not the shape \(shapes[r.trial].description) its run gives it"
            }
            checks["\(r.dtype.rawValue) \(r.trial) \(r.trainStep ?? 0)", default: []].append(r.tensor)
        }
        var allowed = [tensors]
        if case .fast = run.mode { allowed = [[GradientChecker.directionsName], tensors + [GradientChecker.directionsName]] }
        var expected = 0
        for dtype in run.dtypes {
            for trial in trials {
                for step in [0] + (run.options.trainSteps > 0 ? [run.options.trainSteps] : []) {
                    guard let names = checks["\(dtype.rawValue) \(trial) \(step)"] else {
                        if step > 0 { continue }
                        return "it has no records of \(dtype.rawValue) trial \(trial), which its run checks"
                    }
                    expected += 1
                    guard allowed.contains(names) else {
                        return "the records of \(dtype.rawValue) trial \(trial)\(step > 0 ? " after \(step) steps" : "") "
                            + "name \(names.joined(separator: ", ")), a check of its run has "
                            + allowed.map { $0.joined(separator: ", ") }.joined(separator: " or ")
                    }
                }
            }
        }
        guard checks.count == expected else {
            return "it has records of \(checks.count - expected) check(s) that its run does not make"
        }
        return nil
    }
}
