import Foundation
import GradientCheck
@testable import Harness
import Testing

/// `--shapes` files: parsing, the errors that name file and line, and shaped runs' reports.
@Suite struct ShapesFileTests {
    /// The CLI's bounds (`TrialArguments`).
    static let limits = ShapesFile.Limits(maxLayers: 64, maxWidth: 1024, maxBatch: 4096, maxParameters: 2_000_000,
                                          maxRows: 250_000)

    static func parse(_ text: String) throws(InputFileError) -> ShapesFile {
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
}
