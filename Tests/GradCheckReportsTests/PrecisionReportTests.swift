import Foundation
@testable import GradCheckReports
import GradientCheck
import Harness
import PrecisionStudy
import SwiftCSV
import Testing

@Suite struct PrecisionReportTests {
    static let run: RunDescription = {
        var run = RunDescription(options: TrialOptions(layers: 2, maxWidth: 6, seed: 5), trials: 8, dtypes: [.float, .double])
        run.subcommand = "precision"
        return run
    }()
    static let report = PrecisionReport(run: run, command: spelling.command(for: run), study: run.precisionStudy())

    /// The CSV reads with a standard CSV reader (SwiftCSV): one header row, then one row per
    /// trial × tensor × dtype, every figure a number.
    @Test func csvParsesWithOneHeaderRow() throws {
        let csv = try CSV<Enumerated>(string: PrecisionCSV.text(Self.report.study.records), delimiter: .comma)
        #expect(csv.header == PrecisionCSV.header)
        #expect(csv.rows.count == 8 * 4 * 2)
        #expect(csv.rows.allSatisfy { $0.count == PrecisionCSV.header.count })
        let numeric = PrecisionCSV.header.indices.filter { $0 >= 10 }
        for row in csv.rows { for k in numeric { #expect(Double(row[k]) != nil, "\(PrecisionCSV.header[k]) = \(row[k])") } }
        #expect(csv.rows.filter { $0[0] == PrecisionCSV.header[0] }.isEmpty)
    }

    @Test func jsonIsDeterministicAndNamesTheCommand() throws {
        let a = try Self.report.jsonData(), b = try PrecisionReport(run: Self.run, command: spelling.command(for: Self.run), study: Self.run.precisionStudy()).jsonData()
        #expect(a == b)
        let object = try #require(try JSONSerialization.jsonObject(with: a) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == PrecisionReport.schemaVersion)
        #expect((object["command"] as? String)?.hasPrefix("gradcheck precision --layers 2 --trials 8") == true)
    }

    @Test func htmlIsSelfContainedWithThreeLabelledPlots() {
        let html = PrecisionHTML.text(Self.report)
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        for label in ["relative error", "step h relative to", "layer (1 = nearest the input)", "share of gradient elements (%)"] {
            #expect(html.contains(label), "\(label)")
        }
    }

    @Test func markdownPutsTheoryBesideMeasurements() {
        let text = PrecisionMarkdown.text(Self.report)
        #expect(text.contains("theory (3ε)^(1/3)") && text.contains("ε^(2/3)"))
        #expect(text.contains("| float |") && text.contains("| double |"))
        #expect(text.contains("Higham"))
    }

    @Test func writerWritesAllFourFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("precision-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try PrecisionWriter(directory: directory).write(Self.report)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names.filter { !$0.hasPrefix(".precision.set") } == PrecisionWriter.names.sorted())
        #expect(names.count == PrecisionWriter.names.count + 2, "the set's link and folder, nothing else: \(names)")
    }

    /// Axis ticks of a range with a non-finite or huge bound (an overflowing network's errors)
    /// are empty or clamped, never a trap.
    @Test func decadeTicksOfAnyRangeAreTotal() {
        #expect(PrecisionFigures.decadeTicks(-Double.infinity...0).isEmpty)
        #expect(PrecisionFigures.decadeTicks(0...Double.infinity).isEmpty)
        #expect(PrecisionFigures.decadeTicks(-1e300...1e300).count == 401)
        #expect(PrecisionFigures.decadeTicks(-3...1, every: 1).map(\.1) == ["1e-3", "1e-2", "1e-1", "1e0", "1e1"])
        #expect(PrecisionFigures.range([.infinity, -.infinity, .nan], below: 1, above: 2, empty: -13...2) == -13...2)
        #expect(PrecisionFigures.range([-5.5, .infinity, -2], below: 1, above: 2, empty: -13...2) == -7...0)
    }

    /// `--layers 64 --max-width 4 --activation relu --saturation-share 1 --trials 2` once trapped
    /// in the step-sweep plot: its reports render, with no NaN or inf drawn and the non-finite
    /// counts in the tables.
    @Test func overflowingStudyRenders() {
        var run = RunDescription(options: TrialOptions(layers: 64, maxWidth: 4, activation: .relu, saturationShare: 1),
                                 trials: 2, dtypes: [.float, .double])
        run.subcommand = "precision"
        let report = PrecisionReport(run: run, command: spelling.command(for: run), study: run.precisionStudy())
        let html = PrecisionHTML.text(report)
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.range(of: "=\"[^\"]*(nan|inf)", options: [.regularExpression, .caseInsensitive]) == nil)
        #expect(PrecisionMarkdown.text(report).contains("non-finite differences"))
        #expect(PrecisionCSV.text(report.study.records).hasPrefix(PrecisionCSV.header.joined(separator: ",")))
    }
}
