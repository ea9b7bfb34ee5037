import Foundation
@testable import GradCheckReports
import GradientCheck
import Testing

/// `--shapes` files: parsing, the errors that name file and line, and shaped runs' reports.
@Suite struct ShapesFileTests {
    /// The CLI's bounds (`TrialArguments`).
    static let limits = ShapesFile.Limits(maxLayers: 64, maxWidth: 1024, maxBatch: 4096, maxParameters: 2_000_000,
                                          maxRows: 250_000)

    static func parse(_ text: String) throws(ReportFileError) -> ShapesFile {
        try ShapesFile.parse(text, path: "shapes.csv", limits: limits)
    }

    @Test func readsColumnsInAnyOrderAndSkipsOthersCommentsAndBlankLines() throws {
        let text = "# from workload.py\r\nparams, d2,seed,m,d1,d0\r\n\r\n151,7,1,8,9,8\r\n# a comment\r\n34, 2 ,3,2,2,13\r\n"
        let file = try Self.parse(text)
        #expect(file.shapes == [TrialShape(widths: [8, 9, 7], m: 8), TrialShape(widths: [13, 2, 2], m: 2)])
        #expect(file.lines == [4, 6])
    }

    struct BadShapes: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        /// What the message must say, `file:line` included when a line is at fault.
        var expected: [String]
        var testDescription: String { name }
    }

    static let bad: [BadShapes] = [
        BadShapes(name: "empty", text: "", expected: ["shapes.csv: is empty"]),
        BadShapes(name: "only comments", text: "# nothing\n\n", expected: ["shapes.csv: is empty"]),
        BadShapes(name: "no rows", text: "m,d0,d1\n", expected: ["no shapes"]),
        BadShapes(name: "no m", text: "d0,d1\n1,2\n", expected: ["shapes.csv:1:", "no column m"]),
        BadShapes(name: "gap in the widths", text: "m,d0,d2\n1,2,3\n", expected: ["shapes.csv:1:", "no column d1"]),
        BadShapes(name: "no layer", text: "m,d0\n1,2\n", expected: ["shapes.csv:1:", "d0 and d1"]),
        BadShapes(name: "repeated column", text: "m,d0,d1,m\n1,2,3,1\n", expected: ["shapes.csv:1:", "m appears twice"]),
        BadShapes(name: "not an integer", text: "m,d0,d1\n1,2,3\n# c\n1,2.5,3\n", expected: ["shapes.csv:4:", "column d0", "\"2.5\""]),
        BadShapes(name: "zero", text: "m,d0,d1\n0,2,3\n", expected: ["shapes.csv:2:", "column m", "not ≥ 1"]),
        BadShapes(name: "negative", text: "m,d0,d1\n1,2,-3\n", expected: ["shapes.csv:2:", "column d1", "not ≥ 1"]),
        BadShapes(name: "missing value", text: "m,d0,d1\n1,2\n", expected: ["shapes.csv:2:", "column d1 is empty"]),
        BadShapes(name: "extra value", text: "m,d0,d1\n1,2,3,4\n", expected: ["shapes.csv:2:", "field 4"]),
        BadShapes(name: "too wide", text: "m,d0,d1\n1,2,1025\n", expected: ["shapes.csv:2:", "column d1", "1024"]),
        BadShapes(name: "batch too large", text: "m,d0,d1\n4097,2,3\n", expected: ["shapes.csv:2:", "column m", "4096"]),
        BadShapes(name: "too many parameters", text: "m,d0,d1,d2\n1,1000,1000,1000\n",
                  expected: ["shapes.csv:2:", "2002000 parameters", "2000000"]),
        BadShapes(name: "too deep", text: "m," + (0...65).map { "d\($0)" }.joined(separator: ",") + "\n",
                  expected: ["shapes.csv:1:", "65 layers", "64"]),
        BadShapes(name: "quoted line break", text: "m,d0,d1\n1,\"2\n3\",4\n", expected: ["spans lines"]),
    ]

    @Test(arguments: bad)
    func badFileIsNamedWithItsLine(bad: BadShapes) {
        #expect {
            _ = try Self.parse(bad.text)
        } throws: { error in
            let message = "\(error)"
            return bad.expected.allSatisfy { message.contains($0) } && message.hasPrefix("shapes file shapes.csv")
        }
    }

    /// Fields are trimmed as `trimmingCharacters(in: .whitespaces)` trims them.
    @Test func fieldsAreTrimmedAsFoundationTrimsWhitespace() {
        let around = ["", " ", "\t", "\u{A0}", "\u{2003}", "\u{200B}", "\u{3000}", " \t\u{202F}", "\u{200C}", "\r", "x"]
        for left in around {
            for right in around {
                for inner in ["", "12", "a b", "\u{301}7", " "] {
                    let text = left + inner + right
                    #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
                }
            }
        }
    }

    @Test func missingFileIsNamed() {
        #expect {
            _ = try ShapesFile.read("/nonexistent/shapes.csv", limits: Self.limits)
        } throws: { "\($0)" == "shapes file /nonexistent/shapes.csv: does not exist" }
    }

    // MARK: - Shaped runs

    static let shapes = [TrialShape(widths: [3, 1, 4], m: 2), TrialShape(widths: [2, 5, 1], m: 3),
                         TrialShape(widths: [1, 2, 2], m: 1), TrialShape(widths: [4, 3, 2], m: 4)]

    static var run: RunDescription {
        var run = RunDescription(options: TrialOptions(layers: 2, seed: 4, shapes: shapes), trials: 4, dtypes: [.float, .double])
        run.shapesPath = "my shapes.csv"
        return run
    }

    @Test func shapedRunIsDeterministicAndNamesItsFile() throws {
        let report = ReportTests.report(Self.run)
        let json = try report.jsonData()
        #expect(try ReportTests.report(Self.run).jsonData() == json)
        #expect(report.records.allSatisfy { TrialShape(widths: $0.widths, m: $0.m) == Self.shapes[$0.trial] })
        #expect(Self.run.replayCommand(trial: 1, dtype: .float).hasSuffix("--loss random --shapes 'my shapes.csv'"))
        let decoded = try Report.parse(json, role: "report", path: "r.json")
        #expect(decoded.run == Self.run)
    }

    /// Encoded only when present, so that reports of runs without shapes keep their bytes.
    @Test func runWithoutShapesEncodesNoShapes() throws {
        let text = String(decoding: try ReportTests.report(ReportTests.run).jsonData(), as: UTF8.self)
        #expect(!text.contains("shapes"))
    }

    @Test func recordsThatDisagreeWithTheShapesAreInconsistent() throws {
        var report = ReportTests.report(Self.run)
        report.run.options.shapes![2].m = 7
        #expect {
            _ = try Report.parse(try report.jsonData(), role: "report", path: "r.json")
        } throws: { "\($0)".contains("record of trial 2 is not the shape") }
        var short = ReportTests.report(Self.run)
        short.run.options.shapes!.removeLast()
        #expect {
            _ = try Report.parse(try short.jsonData(), role: "report", path: "r.json")
        } throws: { "\($0)".contains("too few shapes") }
    }

    @Test func shardsOfAShapedRunMergeToTheWholeRun() throws {
        let whole = try ReportTests.report(Self.run).jsonData()
        let shards = (1...2).map { i in
            var run = Self.run
            run.shard = Shard("\(i)/2")
            return ReportTests.report(run)
        }
        #expect(try Report.merge(shards.reversed()).jsonData() == whole)
    }

    /// The file's path is not compared, its shapes are.
    @Test func baselineComparesShapesNotTheirPath() {
        var moved = Self.run
        moved.shapesPath = "elsewhere/shapes.csv"
        #expect(Baseline.isComparable(Self.run, with: moved))
        var other = Self.run
        other.options.shapes![0].widths[0] = 9
        #expect(!Baseline.isComparable(Self.run, with: other))
    }

    /// A baseline of a `--shapes` run written before `--max-width` and `--max-batch` were reset
    /// to their defaults for such runs holds the values given: they played no part, so it compares.
    @Test func baselineOfAShapesRunComparesWhateverItsBounds() {
        var old = Self.run
        (old.options.maxWidth, old.options.maxBatch) = (32, 2)
        #expect(Baseline.isComparable(old, with: Self.run))
        #expect(Baseline.isComparable(Self.run, with: old))
        var drawn = Self.run
        drawn.options.shapes = nil
        var wider = drawn
        wider.options.maxWidth = 32
        #expect(!Baseline.isComparable(drawn, with: wider))
    }
}
