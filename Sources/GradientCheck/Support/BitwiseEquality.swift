extension BinaryFloatingPoint {
    /// Same sign, exponent and significand bits: tells `-0.0` from `0.0` and NaN payloads apart,
    /// unlike `==`.
    @inlinable
    func isBitwiseEqual(to other: Self) -> Bool {
        sign == other.sign && exponentBitPattern == other.exponentBitPattern
            && significandBitPattern == other.significandBitPattern
    }
}
