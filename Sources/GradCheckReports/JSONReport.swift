import Foundation

extension Report {
    /// Compact JSON with sorted keys (byte-stable; a 1000-trial run is a few MB), NaN and ±Inf as the strings
    /// `"nan"`, `"inf"`, `"-inf"` (JSON has no literal for them; a non-finite verdict must
    /// still be written, not dropped).
    public func jsonData() throws -> Data {
        try Self.encoder.encode(self)
    }

    /// Reads a report written by `jsonData()`.
    public static func decode(_ data: Data) throws -> Report {
        try decoder.decode(Report.self, from: data)
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}

extension Report {
    /// Writes the JSON to `url` atomically (`StagedFile`).
    /// - Throws: `ReportError` naming the path.
    public func write(to url: URL) throws(ReportError) {
        let data: Data
        do { data = try jsonData() } catch { throw ReportError(path: url.path, reason: "JSON encoding failed: \(error)") }
        try StagedFile.stage(data, for: url).commit()
    }
}
