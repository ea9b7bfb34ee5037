import Harness
import Foundation
import GradCheckReports
import GradientCheck
import NeuralNetwork
import PrecisionStudy

/// What must hold for any options of `gradcheck precision` within the CLI's limits: the
/// libFuzzer target `FuzzPrecision` and the replay tests of `Fuzz/FailCases/FuzzPrecision` call
/// this with raw bytes.
public enum PrecisionInvariants {
    /// Draws study options from `bytes` (1–64 layers of width 1–5, batch up to 6, any activation
    /// and loss or random ones, any saturation and weight-decay share, 0–3 descent steps at a
    /// learning rate up to 10³ so that descent may diverge, any seed, Float, Double or both), runs
    /// the study on one or two trials and renders all four precision reports. Networks that
    /// overflow are the point: deep identity or ReLU stacks under the saturation scales.
    /// - no step traps (a float-to-integer conversion of a non-finite value, an index out of range);
    /// - every element is in exactly one category: measured, zero reference or non-finite;
    /// - the histogram bins with its exact and non-finite counts hold every measured element;
    /// - the JSON is valid (non-finite figures as strings);
    /// - no SVG attribute holds `nan` or `inf`, and the HTML has its three plots.
    /// - Returns: the violated invariants; empty when all held.
    public static func violations(_ bytes: [UInt8]) -> [String] {
        var reader = ByteReader(bytes)
        let activations: [Activation?] = [nil] + Activation.allCases
        let losses: [Loss?] = [nil] + Loss.allCases
        var options = TrialOptions(
            layers: 1 + Int(reader.byte() % 64), maxWidth: 1 + Int(reader.byte() % 5), maxBatch: 1 + Int(reader.byte() % 6),
            activation: activations[Int(reader.byte()) % activations.count], loss: losses[Int(reader.byte()) % losses.count],
            saturationShare: Double(reader.byte()) / 255, weightDecayShare: Double(reader.byte()) / 255,
            trainSteps: Int(reader.byte() % 4), learningRate: [0.1, 1, 10, 1000][Int(reader.byte() % 4)])
        options.seed = (0..<8).reduce(UInt64(0)) { seed, _ in seed << 8 | UInt64(reader.byte()) }
        let dtypes: [DType] = [[.float], [.double], [.float, .double]][Int(reader.byte() % 3)]
        var run = RunDescription(options: options, trials: 1 + Int(reader.byte() % 2), dtypes: dtypes)
        run.subcommand = "precision"
        return violations(PrecisionReport(run: run, command: FuzzSpelling().command(for: run), study: run.precisionStudy()))
    }

    static func violations(_ report: PrecisionReport) -> [String] {
        var violations: [String] = []
        let study = report.study
        for (summary, histogram) in zip(study.summaries, study.histograms) {
            let records = study.records.filter { $0.dtype == summary.dtype }
            let elements = records.reduce(0) { $0 + $1.elements }
            if summary.elements + summary.zeroReferenceElements + summary.nonFiniteElements != elements {
                violations.append("\(summary.dtype): \(summary.elements) measured + \(summary.zeroReferenceElements) zero "
                                  + "+ \(summary.nonFiniteElements) non-finite ≠ \(elements) elements")
            }
            if histogram.counts.reduce(0, +) + histogram.exact != summary.elements || histogram.nonFinite != summary.nonFiniteElements {
                violations.append("\(summary.dtype): the histogram does not hold every element")
            }
        }
        do {
            _ = try JSONSerialization.jsonObject(with: try report.jsonData())
        } catch {
            violations.append("precision.json is not valid JSON: \(error)")
        }
        _ = PrecisionCSV.text(study.records)
        _ = PrecisionMarkdown.text(report)
        let html = PrecisionHTML.text(report)
        if html.components(separatedBy: "<svg").count - 1 != 3 { violations.append("precision.html does not have its three plots") }
        if html.range(of: "=\"[^\"]*(nan|inf)", options: [.regularExpression, .caseInsensitive]) != nil {
            violations.append("an SVG attribute of precision.html holds nan or inf")
        }
        return violations
    }
}
