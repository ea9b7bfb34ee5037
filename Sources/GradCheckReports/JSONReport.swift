import Foundation

extension Report {
    /// Pretty-printed JSON with sorted keys (byte-stable), NaN and ±Inf as the strings
    /// `"nan"`, `"inf"`, `"-inf"` (JSON has no literal for them; a non-finite verdict must
    /// still be written, not dropped).
    public func jsonData() throws -> Data {
        try Self.encoder.encode(self)
    }

    /// Reads a report written by `jsonData()`.
    public static func decode(_ data: Data) throws -> Report {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(Report.self, from: data)
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}
