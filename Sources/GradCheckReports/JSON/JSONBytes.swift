/// JSON text appended to a byte buffer, field by field, for the one object a report writes
/// thousands of times (`TensorRecord`): Foundation's `JSONEncoder` spent about 180 k
/// instructions per record through its generic containers, this about a tenth of that.
///
/// Writes what `JSONCoding.encoder` writes for the same value, up to number spelling: compact,
/// slashes unescaped, NaN and ±∞ as the strings `"nan"`, `"inf"`, `"-inf"`; numbers as Swift's
/// shortest round-trip `description` (`1e-05`, `0.25`), which every JSON reader reads back
/// exactly. The caller writes keys in sorted order, as `.sortedKeys` would.
struct JSONBytes {
    var bytes: [UInt8] = []
    private var needsComma = false

    mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// `"name":`, with the comma before it when needed.
    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func value(_ x: Double) {
        guard x.isFinite else { return value(x.isNaN ? "nan" : x < 0 ? "-inf" : "inf") }
        separate()
        bytes.append(contentsOf: x.description.utf8)
        needsComma = true
    }

    mutating func value(_ n: Int) {
        separate()
        bytes.append(contentsOf: n.description.utf8)
        needsComma = true
    }

    mutating func value(_ b: Bool) {
        separate()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
        needsComma = true
    }

    mutating func value(_ s: String) {
        string(s)
        needsComma = true
    }

    mutating func values(_ list: [Int]) {
        beginArray()
        for n in list { value(n) }
        endArray()
    }

    mutating func values(_ list: [String]) {
        beginArray()
        for s in list { value(s) }
        endArray()
    }

    private mutating func separate() { if needsComma { bytes.append(UInt8(ascii: ",")) } }

    /// A quoted string: `"` and `\` escaped, control characters as `\n`, `\t`, … or `\u00XX`,
    /// everything else (slashes, non-ASCII UTF-8) as is.
    private mutating func string(_ s: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
