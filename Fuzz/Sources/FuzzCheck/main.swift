import FuzzInvariants

/// libFuzzer entry: bytes → a network checked twice; a violated invariant is a crash that
/// libFuzzer records (`CheckInvariants`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let violations = CheckInvariants.violations(bytes)
    if !violations.isEmpty { fatalError("invariant violated: \(violations)") }
    return 0
}
