import RealModule

/// `BinaryFloatingPoint` by `value`: constants and bit-level members are exact (bound 0), a
/// conversion's bound is its own rounding, and the rounding-type operations propagate the bound
/// as the model in `RunningError` says.
extension RunningError: BinaryFloatingPoint {
    public typealias RawSignificand = Base.RawSignificand
    public typealias RawExponent = Base.RawExponent
    public typealias Exponent = Base.Exponent
    public typealias Magnitude = RunningError
    public typealias Stride = RunningError
    public typealias IntegerLiteralType = Int
    public typealias FloatLiteralType = Double

    /// An exact value.
    @inlinable init(exact value: Base) { self.init(value: value, bound: 0) }

    /// `source` rounded to `Base`; the bound is the conversion's error, measured in
    /// `ReferenceScalar`, which holds every Float, Double and (on x86_64) Float80 exactly.
    @inlinable public init<Source: BinaryFloatingPoint>(_ source: Source) { self = Self.converted(source) }
    @inlinable public init(_ source: Float) { self = Self.converted(source) }
    @inlinable public init(_ source: Double) { self = Self.converted(source) }
    #if arch(x86_64) && !os(Windows) && !os(Android)
    @inlinable public init(_ source: Float80) { self = Self.converted(source) }
    #endif
    @inlinable
    static func converted<Source: BinaryFloatingPoint>(_ source: Source) -> RunningError {
        let v = Base(source)
        return RunningError(value: v, bound: source.isFinite ? Double(abs(ReferenceScalar(v) - ReferenceScalar(source))) : 0)
    }
    @inlinable
    public init?<Source: BinaryFloatingPoint>(exactly source: Source) {
        guard let v = Base(exactly: source) else { return nil }
        self.init(exact: v)
    }
    @inlinable
    public init<Source: BinaryInteger>(_ source: Source) {
        let v = Base(source)
        self.init(value: v, bound: Double(abs(ReferenceScalar(v) - ReferenceScalar(source))))
    }
    @inlinable
    public init?<Source: BinaryInteger>(exactly source: Source) {
        guard let v = Base(exactly: source) else { return nil }
        self.init(exact: v)
    }
    @inlinable public init(integerLiteral value: Int) { self.init(value) }
    @inlinable public init(floatLiteral value: Double) { self.init(value) }
    @inlinable
    public init(sign: FloatingPointSign, exponentBitPattern: RawExponent, significandBitPattern: RawSignificand) {
        self.init(exact: Base(sign: sign, exponentBitPattern: exponentBitPattern, significandBitPattern: significandBitPattern))
    }
    @inlinable
    public init(sign: FloatingPointSign, exponent: Exponent, significand: RunningError) {
        let v = Base(sign: sign, exponent: exponent, significand: significand.value)
        let scale = significand.value == 0 ? 0 : abs(Double(v) / Double(significand.value))
        self.init(value: v, bound: significand.bound * scale)
    }
    @inlinable
    public init(signOf sign: RunningError, magnitudeOf magnitude: RunningError) {
        self.init(value: Base(signOf: sign.value, magnitudeOf: magnitude.value), bound: magnitude.bound)
    }

    @inlinable public static var exponentBitCount: Int { Base.exponentBitCount }
    @inlinable public static var significandBitCount: Int { Base.significandBitCount }
    @inlinable public var exponentBitPattern: RawExponent { value.exponentBitPattern }
    @inlinable public var significandBitPattern: RawSignificand { value.significandBitPattern }
    @inlinable public var binade: RunningError { Self(exact: value.binade) }
    @inlinable public var significandWidth: Int { value.significandWidth }

    @inlinable public static var nan: RunningError { Self(exact: .nan) }
    @inlinable public static var signalingNaN: RunningError { Self(exact: .signalingNaN) }
    @inlinable public static var infinity: RunningError { Self(exact: .infinity) }
    @inlinable public static var greatestFiniteMagnitude: RunningError { Self(exact: .greatestFiniteMagnitude) }
    /// `Base.pi` is π rounded toward zero: within one ulp.
    @inlinable public static var pi: RunningError { Self(value: .pi, bound: Double(Base.pi.ulp)) }
    @inlinable public static var leastNormalMagnitude: RunningError { Self(exact: .leastNormalMagnitude) }
    @inlinable public static var leastNonzeroMagnitude: RunningError { Self(exact: .leastNonzeroMagnitude) }
    @inlinable public var ulp: RunningError { Self(exact: value.ulp) }
    @inlinable public var sign: FloatingPointSign { value.sign }
    @inlinable public var exponent: Exponent { value.exponent }
    @inlinable public var significand: RunningError {
        let s = value.significand
        return Self(value: s, bound: value == 0 ? bound : bound * abs(Double(s) / Double(value)))
    }
    @inlinable public var magnitude: RunningError { Self(value: value.magnitude, bound: bound) }
    @inlinable public var nextUp: RunningError { Self(value: value.nextUp, bound: bound + Double(value.ulp)) }

    /// Exact in floating point (`x − q·y` for the integer `q`): the bound moves with `x` and `q·y`.
    @inlinable
    public mutating func formRemainder(dividingBy other: RunningError) {
        let q = ((value - value.remainder(dividingBy: other.value)) / other.value).magnitude
        self = Self(value: value.remainder(dividingBy: other.value), bound: bound + Double(q) * other.bound)
    }
    @inlinable
    public mutating func formTruncatingRemainder(dividingBy other: RunningError) {
        let q = ((value - value.truncatingRemainder(dividingBy: other.value)) / other.value).magnitude
        self = Self(value: value.truncatingRemainder(dividingBy: other.value), bound: bound + Double(q) * other.bound)
    }
    /// Correctly rounded; `|√x' − √x| ≤ e/(√(x − e) + √x)` for `x' ∈ [x − e, x + e]`.
    @inlinable
    public mutating func formSquareRoot() {
        let v = value.squareRoot()
        let low = max(Double(value) - bound, 0).squareRoot()
        let propagated = bound == 0 ? 0 : (low + Double(v) > 0 ? bound / (low + Double(v)) : .infinity)
        self = Self.result(v, propagated: propagated)
    }
    /// Fused: one rounding.
    @inlinable
    public mutating func addProduct(_ lhs: RunningError, _ rhs: RunningError) {
        let v = value.addingProduct(lhs.value, rhs.value)
        self = Self.result(v, propagated: bound + abs(Double(rhs.value)) * lhs.bound + abs(Double(lhs.value)) * rhs.bound
                                + lhs.bound * rhs.bound)
    }
    /// The rounding of any value within the bound: the farthest of the ends' roundings.
    @inlinable
    public mutating func round(_ rule: FloatingPointRoundingRule) {
        let v = value.rounded(rule)
        guard bound > 0 else { return self = Self(exact: v) }
        let ends = [Double(value) - bound, Double(value) + bound].map { Swift.abs($0.rounded(rule) - Double(v)) }
        self = Self(value: v, bound: ends.max()!)
    }

    @inlinable public func isEqual(to other: RunningError) -> Bool { value.isEqual(to: other.value) }
    @inlinable public func isLess(than other: RunningError) -> Bool { value.isLess(than: other.value) }
    @inlinable public func isLessThanOrEqualTo(_ other: RunningError) -> Bool { value.isLessThanOrEqualTo(other.value) }
    @inlinable public func isTotallyOrdered(belowOrEqualTo other: RunningError) -> Bool {
        value.isTotallyOrdered(belowOrEqualTo: other.value)
    }
    @inlinable public var isNormal: Bool { value.isNormal }
    @inlinable public var isFinite: Bool { value.isFinite }
    @inlinable public var isZero: Bool { value.isZero }
    @inlinable public var isSubnormal: Bool { value.isSubnormal }
    @inlinable public var isInfinite: Bool { value.isInfinite }
    @inlinable public var isNaN: Bool { value.isNaN }
    @inlinable public var isSignalingNaN: Bool { value.isSignalingNaN }
    @inlinable public var isCanonical: Bool { value.isCanonical }

    @inlinable public func distance(to other: RunningError) -> RunningError { other - self }
    @inlinable public func advanced(by n: RunningError) -> RunningError { self + n }
}
