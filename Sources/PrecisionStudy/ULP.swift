import GradientCheck

/// Error of `value` against a wider `reference`, in units in the last place of `value`'s dtype
/// at the reference's magnitude: `|value − ref| / ulp(S(ref))` (Goldberg, "What Every Computer
/// Scientist Should Know About Floating-Point Arithmetic", 1991, §1.2). A correctly rounded
/// result is within 0.5 ulp.
@inlinable
public func ulpError<S: BinaryFloatingPoint>(_ value: S, reference: ReferenceScalar) -> Double {
    let rounded = S(reference)
    let unit = rounded.isFinite ? (rounded == 0 ? S.leastNonzeroMagnitude : rounded.ulp) : S.greatestFiniteMagnitude.ulp
    return Double(abs(ReferenceScalar(value) - reference) / ReferenceScalar(unit))
}

/// `|value − ref| / |ref|`, the error relative to a wider reference; 0 when both are 0, +inf
/// when only the reference is 0. (Not `ElementResult.relativeError`, the symmetric
/// `|a − n|/max(|a|, |n|)` of two estimates neither of which is exact.)
public func errorRelativeToReference<S: BinaryFloatingPoint>(_ value: S, reference: ReferenceScalar) -> Double {
    let difference = abs(ReferenceScalar(value) - reference)
    if difference == 0 { return 0 }
    return reference == 0 ? .infinity : Double(difference / abs(reference))
}
