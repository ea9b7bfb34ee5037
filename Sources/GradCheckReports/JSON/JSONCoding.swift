import Harness
import Foundation

/// The JSON rules every gradcheck file follows: keys sorted (byte-stable), slashes unescaped,
/// NaN and ±Inf as the strings `"nan"`, `"inf"`, `"-inf"` (JSON has no literal for them, and a
/// non-finite verdict must still be written, not dropped).
enum JSONCoding {
    /// Compact output.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// Indented output, for files read by eye (case files).
    static var prettyEncoder: JSONEncoder {
        let encoder = encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
