/// Reads fuzzer bytes as the values a test case needs; past the end it reads zeros, so every
/// input, however short, is a case.
struct ByteReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func byte() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }

    /// One byte chooses the kind: the IEEE specials and extremes that break numerical code
    /// (NaN, ±Inf, ±0, subnormals, huge and tiny magnitudes), a raw 64-bit pattern, or a small
    /// ordinary value `(b − 128)/32`.
    mutating func value() -> Double {
        let kind = byte()
        switch kind % 16 {
        case 0: return .nan
        case 1: return .infinity
        case 2: return -.infinity
        case 3: return -0.0
        case 4: return .leastNonzeroMagnitude * Double(byte())
        case 5: return 1e300 * (Double(byte()) - 128)
        case 6: return 1e-300 * (Double(byte()) - 128)
        case 7: return Double(Float.greatestFiniteMagnitude) * (Double(byte()) / 128)
        case 8:
            var pattern: UInt64 = 0
            for _ in 0..<8 { pattern = pattern << 8 | UInt64(byte()) }
            return Double(bitPattern: pattern)
        default: return (Double(byte()) - 128) / 32
        }
    }
}
