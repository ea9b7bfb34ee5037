import FuzzInvariants

/// libFuzzer entry: bytes → precision-study options, the study and its reports (`PrecisionInvariants`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    libFuzzerEntry(data, size, PrecisionInvariants.violations)
}
