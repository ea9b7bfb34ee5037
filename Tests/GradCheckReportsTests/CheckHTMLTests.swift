import Foundation
import FoundationXML
@testable import GradCheckReports
import GradientCheck
import Harness
import Testing

/// `gradcheck.html` read as a machine reads it: parsed as XML, its parts found and counted.
@Suite struct CheckHTMLTests {
    /// The elements of a page, with their attributes and text, in document order.
    final class Outline: NSObject, XMLParserDelegate {
        struct Element { var name: String; var attributes: [String: String]; var text = "" }
        var elements: [Element] = []
        private var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for k in open { elements[k].text += string }
        }

        static func parse(_ text: String) throws -> Outline {
            let outline = Outline()
            let parser = XMLParser(data: Data(text.utf8))
            parser.delegate = outline
            #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
            return outline
        }

        func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    }

    @Test func failingRunWithABaselineHasEveryPart() throws {
        var planted = ReportTests.run
        planted.plantedGradientScale = 1.06
        let baseline = Checked(checking: ReportTests.run), now = Checked(checking: planted)
        let regression = RegressionComparison(baseline, now, factor: 10)
        let page = CheckHTML(report: now.report, wallSeconds: ["float": 0.5], regression: regression, spelling: spelling).text
        let outline = try Outline.parse(page)
        #expect(outline.all("script").isEmpty && !page.contains("src="), "self-contained, no scripts")
        #expect(outline.all("h1").first?.text == "gradcheck report")
        #expect(outline.all("p").contains { $0.text == "Gate: FAIL, REGRESSION against the baseline" })
        // Two histograms, one filled step path per dtype each.
        let figures = outline.all("svg")
        #expect(figures.count == 2)
        #expect(outline.all("path").count == 2 * 2)
        #expect(outline.all("text").contains { $0.text == "Relative error of every element" })
        #expect(outline.all("text").contains { $0.text.hasPrefix("float (\(now.summaries[0].relativeErrors.total) elements") })
        let tables = outline.all("table")
        #expect(tables.count == 3, "verdicts, worst failing tensors, regression")
        let headings = outline.all("h2").map(\.text)
        #expect(headings == ["Verdicts", "Error distributions", "Worst failing tensors (20 of 48)", "Regression against the baseline"])
        // Rows: a header and one per dtype's trials and elements; 20 tensors; one per bucket.
        let rows = outline.elements.filter { $0.name == "tr" }.count
        #expect(rows == (1 + 4) + (1 + 20) + (1 + regression.rows.count))
        #expect(outline.all("td").contains { $0.text.hasPrefix("gradcheck --layers 2 --trial ") && $0.text.hasSuffix("--plant-gradient-scale 1.06") })
    }

    @Test func passingRunShowsItsLargestErrors() throws {
        let checked = Checked(checking: ReportTests.run)
        let outline = try Outline.parse(CheckHTML(report: checked.report, wallSeconds: [:], spelling: spelling).text)
        #expect(outline.all("p").contains { $0.text == "Gate: PASS" })
        #expect(outline.all("h2").map(\.text).contains("Largest relative errors among PASS tensors"))
        #expect(outline.all("svg").count == 2)
    }
}
