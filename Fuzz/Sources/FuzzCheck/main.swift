import FuzzInvariants

/// libFuzzer entry: bytes → a network checked twice (`CheckInvariants`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    libFuzzerEntry(data, size, CheckInvariants.violations)
}
