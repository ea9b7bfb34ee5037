import FuzzInvariants

/// libFuzzer entry: bytes → a report or baseline file and everything that reads one
/// (`ReportInvariants`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    libFuzzerEntry(data, size, ReportInvariants.violations)
}
