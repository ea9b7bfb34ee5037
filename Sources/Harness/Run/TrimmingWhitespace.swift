extension String {
    /// `trimmingCharacters(in: .whitespaces)` without Foundation's bridging, which took most of
    /// the time of reading a shapes file: the same scalars off both ends (tab, the space
    /// separators of Unicode category Zs, and U+200B ZERO WIDTH SPACE, which Foundation's set
    /// also holds).
    var trimmingWhitespace: String {
        func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
            // The space is the only ASCII separator, and ASCII skips the property lookup.
            if scalar.isASCII { return scalar == " " || scalar == "\t" }
            return scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
        }
        guard let first = unicodeScalars.firstIndex(where: { !isWhitespace($0) }),
              let last = unicodeScalars.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        return String(Substring(unicodeScalars[first...last]))
    }
}
