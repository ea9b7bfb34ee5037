import FuzzInvariants

/// libFuzzer entry: bytes → a report or baseline file and everything that reads one; a violated
/// invariant is a crash that libFuzzer records (`ReportInvariants`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let violations = ReportInvariants.violations(bytes)
    if !violations.isEmpty { fatalError("invariant violated: \(violations)") }
    return 0
}
