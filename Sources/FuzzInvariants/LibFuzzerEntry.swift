/// The body of a libFuzzer `LLVMFuzzerTestOneInput`: the input as bytes through `invariants`,
/// and a violated invariant as a crash, which is what libFuzzer records and minimises.
public func libFuzzerEntry(_ data: UnsafePointer<UInt8>?, _ size: Int, _ invariants: ([UInt8]) -> [String]) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let violations = invariants(bytes)
    if !violations.isEmpty { fatalError("invariant violated: \(violations)") }
    return 0
}
