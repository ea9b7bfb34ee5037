// Reports encode thousands of records with JSONEncoder, which handles every generic value
// (`encode<T>(_:forKey:)`, an array included) with several dynamic casts and a nested encoder:
// more work than writing the value. These write the same JSON through the concrete overloads.

extension KeyedEncodingContainer {
    /// `values` as an array under `key`, what `encode(values, forKey: key)` writes.
    package mutating func encodeArray(_ values: [Int], forKey key: Key) throws {
        var array = nestedUnkeyedContainer(forKey: key)
        for value in values { try array.encode(value) }
    }

    /// `values` as an array under `key`, what `encode(values, forKey: key)` writes.
    package mutating func encodeArray(_ values: [String], forKey key: Key) throws {
        var array = nestedUnkeyedContainer(forKey: key)
        for value in values { try array.encode(value) }
    }
}
