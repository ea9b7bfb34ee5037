import Foundation
import Harness
import Synchronization

extension Report {
    /// Compact JSON with sorted keys (byte-stable; a 1000-trial run is a few MB), NaN and ±Inf as the strings
    /// `"nan"`, `"inf"`, `"-inf"` (JSON has no literal for them; a non-finite verdict must
    /// still be written, not dropped).
    ///
    /// The records, nearly all of the bytes, are encoded in chunks on all cores, together with
    /// the rest of the report (which holds a `--shapes` run's every shape), and put in place of
    /// the rest's empty `"records":[]`: the same bytes as encoding the whole report at once
    /// (compact output joins array elements with a bare comma), in a fraction of the time.
    public func jsonData() throws -> Data {
        let chunkSize = 256
        let chunks = (records.count + chunkSize - 1) / chunkSize
        // Part 0 is the report without its records, part c ≥ 1 the c-th chunk of records.
        let encoded = Mutex([Result<Data, Error>?](repeating: nil, count: chunks + 1))
        DispatchQueue.concurrentPerform(iterations: chunks + 1) { c in
            let result = Result {
                guard c > 0 else {
                    var shell = self
                    shell.records = []
                    return try JSONCoding.encoder.encode(shell)
                }
                return try JSONCoding.encoder.encode(TensorRecord.List(records: records[(c - 1) * chunkSize..<min(records.count, c * chunkSize)]))
            }
            encoded.withLock { $0[c] = result }
        }
        let parts = try encoded.withLock { $0 }.map { try $0!.get() }
        let outer = parts[0]
        let marker = Data(#""records":[]"#.utf8)
        guard let slot = outer.range(of: marker) else { return try JSONCoding.encoder.encode(self) }
        var data = Data(capacity: parts.reduce(0) { $0 + $1.count })
        data.append(outer[..<slot.lowerBound])
        data.append(contentsOf: #""records":["#.utf8)
        for (c, chunk) in parts.dropFirst().enumerated() {
            if c > 0 { data.append(UInt8(ascii: ",")) }
            data.append(chunk.dropFirst().dropLast())
        }
        data.append(contentsOf: outer[(slot.lowerBound + marker.count - 1)...])
        return data
    }

    /// Reads a report written by `jsonData()` without validating it (`parse` validates): for
    /// tests of the encoding alone.
    static func decode(_ data: Data) throws -> Report {
        try JSONCoding.decoder.decode(Report.self, from: data)
    }
}
