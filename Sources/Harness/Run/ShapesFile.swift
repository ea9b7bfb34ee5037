import Foundation
import GradientCheck
import SwiftCSV

/// A `--shapes` file: the network shapes to check, one trial per row (`TrialOptions.shapes`).
///
/// CSV (RFC 4180, read with SwiftCSV) with a header row naming the columns `m`, `d0`, `d1`, …,
/// `dL` in any order; other columns (`seed`, `params`) are ignored, and so are blank lines and
/// lines starting with `#`. Every value of those columns is an integer ≥ 1 within `Limits`.
public struct ShapesFile: Sendable, Equatable {
    /// One per data row, in file order.
    public var shapes: [TrialShape]
    /// The 1-based line of each row, for messages that name one.
    public var lines: [Int]

    /// The bounds a run puts on a trial (the CLI's limits on `--max-width`, `--max-batch`, …).
    public struct Limits: Sendable {
        public var maxLayers: Int
        public var maxWidth: Int
        public var maxBatch: Int
        public var maxParameters: Int
        public var maxRows: Int

        public init(maxLayers: Int, maxWidth: Int, maxBatch: Int, maxParameters: Int, maxRows: Int) {
            (self.maxLayers, self.maxWidth, self.maxBatch) = (maxLayers, maxWidth, maxBatch)
            (self.maxParameters, self.maxRows) = (maxParameters, maxRows)
        }
    }

    /// Reads and validates the file at `path`.
    /// - Throws: `InputFileError` (role `shapes file`) naming the file, and `file:line` with the
    ///   column for a bad value: missing, unreadable or not UTF-8, no header or no rows, a
    ///   missing or repeated column, a value that is not an integer ≥ 1 or exceeds `limits`.
    public static func read(_ path: String, limits: Limits) throws(InputFileError) -> ShapesFile {
        let data = try InputFile.read(path, role: role)
        guard let text = String(data: data, encoding: .utf8) else { throw fail(path, "is not UTF-8 text") }
        return try parse(text, path: path, limits: limits)
    }

    static let role = "shapes file"

    static func fail(_ location: String, _ problem: String) -> InputFileError {
        InputFileError(role: role, path: location, problem: problem)
    }

    /// `read` without the file system.
    public static func parse(_ text: String, path: String, limits: Limits) throws(InputFileError) -> ShapesFile {
        // Numbered before comments and blank lines are dropped, so errors name the file's lines.
        let kept = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { (line: $0 + 1, text: $1) }
            .filter { !$0.text.allSatisfy(\.isWhitespace) && !$0.text.hasPrefix("#") }
        guard let headerLine = kept.first?.line else { throw fail(path, "is empty (no header row)") }
        let csv: CSV<Enumerated>
        do {
            csv = try CSV<Enumerated>(string: kept.map(\.text).joined(separator: "\n"), delimiter: .comma, loadColumns: false)
        } catch { throw fail(path, "is not CSV: \(error)") }
        let columns = try columns(of: csv.header, at: "\(path):\(headerLine)", limits: limits)
        let rows = csv.rows
        guard rows.count == kept.count - 1 else { throw fail(path, "has a quoted field that spans lines") }
        guard !rows.isEmpty else { throw fail(path, "has a header row but no shapes") }
        guard rows.count <= limits.maxRows else {
            throw fail(path, "has \(rows.count) rows; a run has at most \(limits.maxRows) trials")
        }
        var file = ShapesFile(shapes: [], lines: [])
        for (row, line) in zip(rows, kept.dropFirst().map(\.line)) {
            let location = "\(path):\(line)"
            if let extra = row.indices.dropFirst(csv.header.count).first(where: { !row[$0].isEmpty }) {
                throw fail(location, "field \(extra + 1) has no column in the header")
            }
            func value(_ name: String, _ k: Int, max: Int, what: String) throws(InputFileError) -> Int {
                let text = k < row.count ? row[k].trimmingWhitespace : ""
                guard !text.isEmpty else { throw fail(location, "column \(name) is empty") }
                guard let v = Int(text) else { throw fail(location, "column \(name): \"\(text)\" is not an integer") }
                guard v >= 1 else { throw fail(location, "column \(name): \(v) is not ≥ 1") }
                guard v <= max else { throw fail(location, "column \(name): \(v) is above the \(what) limit \(max)") }
                return v
            }
            var widths: [Int] = []
            for (l, k) in columns.widths.enumerated() {
                widths.append(try value("d\(l)", k, max: limits.maxWidth, what: "width"))
            }
            let shape = TrialShape(widths: widths, m: try value("m", columns.m, max: limits.maxBatch, what: "batch size"))
            let parameters = shape.parameterCount ?? .max
            guard parameters <= limits.maxParameters else {
                throw fail(location, "\(shape.description) has \(parameters) parameters; the limit is \(limits.maxParameters)")
            }
            file.shapes.append(shape)
            file.lines.append(line)
        }
        return file
    }

    /// The positions of `m` and `d0 … dL` in the header.
    static func columns(of header: [String], at location: String, limits: Limits)
        throws(InputFileError) -> (m: Int, widths: [Int]) {
        var positions: [String: Int] = [:]
        for (k, raw) in header.enumerated() {
            let name = raw.trimmingWhitespace
            guard name == "m" || isWidthName(name) else { continue }
            guard positions.updateValue(k, forKey: name) == nil else { throw fail(location, "column \(name) appears twice") }
        }
        guard let m = positions["m"] else { throw fail(location, "the header has no column m") }
        let layers = positions.count - 2
        guard layers >= 1 else { throw fail(location, "the header needs columns d0 and d1 at least (d0 … dL)") }
        guard layers <= limits.maxLayers else {
            throw fail(location, "the header has \(layers) layers (d0 … d\(layers)); the limit is \(limits.maxLayers)")
        }
        let widths = (0...layers).map { positions["d\($0)"] }
        if let missing = widths.firstIndex(of: nil) {
            throw fail(location, "the header has no column d\(missing) (the widths d0 … dL must all be there)")
        }
        return (m, widths.map { $0! })
    }

    /// `d0`, `d1`, …: `d` then a decimal number without leading zeros.
    static func isWidthName(_ name: String) -> Bool {
        let digits = name.dropFirst()
        return name.first == "d" && !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
            && (digits == "0" || digits.first != "0")
    }
}
