/// The wider type that Float and Double are measured against: by the precision study, and by
/// the check when a difference quotient fails (`GradientCheckable.referenceEvaluation`).
///
/// Float80 (x87 extended, 64-bit significand, ε = 2⁻⁶³ ≈ 1.1e-19) where Swift has it: x86_64 on
/// Linux and macOS. Elsewhere (arm64) there is no wider hardware type, and the reference falls
/// back to Double: Float is then still measured, and Double's own errors read as 0 (the report
/// names the reference so this is never mistaken for exactness).
#if arch(x86_64) && !os(Windows) && !os(Android)
public typealias ReferenceScalar = Float80
public let referenceName = "Float80"
#else
public typealias ReferenceScalar = Double
public let referenceName = "Double (no wider type on this platform)"
#endif
