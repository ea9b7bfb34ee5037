import RealModule

/// An element-wise activation `a = f(z)` applied to a layer's pre-activation `z`.
///
/// Raw values are the names the CLI accepts (`--activation leaky-relu`).
/// Formulas follow Goodfellow, Bengio & Courville, *Deep Learning* (2016), §6.3.
public enum Activation: String, CaseIterable, Sendable, Codable {
    /// `f(z) = 1 / (1 + e^-z)`, evaluated without overflow for large `|z|`.
    case sigmoid
    /// `f(z) = tanh(z)`.
    case tanh
    /// `f(z) = max(0, z)`; kink at `z = 0`, where `f'(0)` is taken as 0.
    case relu
    /// `f(z) = z` for `z > 0`, `α·z` otherwise, `α = leakySlope()`; kink at `z = 0`.
    case leakyReLU = "leaky-relu"
    /// `f(z) = log(1 + e^z)`, evaluated as `max(z, 0) + log1p(e^-|z|)`.
    case softplus
    /// `f(z) = z`.
    case identity

    /// The negative-side slope `α = 1/100` of leaky ReLU (Maas, Hannun & Ng, 2013),
    /// correctly rounded in `T`.
    @inlinable
    public static func leakySlope<T: Real>(_: T.Type = T.self) -> T { 1 / 100 }

    /// Whether `f` has a point where it is not differentiable (at `z = 0`).
    ///
    /// A central-difference stencil that straddles such a point measures a chord, not a
    /// derivative, so the checker gives those elements the KINK verdict.
    public var hasKink: Bool { self == .relu || self == .leakyReLU }

    /// `a = f(z)`. NaN in gives NaN out, for every `f`: ReLU written `z > 0 ? z : 0` turned
    /// the NaN of an overflowed `∞ − ∞` into 0, and a Float loss stayed finite where the
    /// network's values were not (the comparisons written `z <= 0` let NaN through).
    @inlinable
    public func value<T: Real>(_ z: T) -> T {
        switch self {
        case .sigmoid: return Self.sigmoid(z)
        case .tanh: return T.tanh(z)
        case .relu: return z <= 0 ? 0 : z
        case .leakyReLU: return z <= 0 ? Self.leakySlope(T.self) * z : z
        case .softplus: return Self.softplus(z)
        case .identity: return z
        }
    }

    /// `a[e] = f(z[e])` for `e` in `0..<count`, the values `value(_:)` gives element by element,
    /// with the choice of `f` made once per layer rather than once per element.
    /// - Parameters: z, a: `count` elements each; they may be the same memory.
    @inlinable
    public func apply<T: Real>(_ z: UnsafePointer<T>, into a: UnsafeMutablePointer<T>, count: Int) {
        switch self {
        case .sigmoid: for e in 0..<count { a[e] = Self.sigmoid(z[e]) }
        case .tanh: for e in 0..<count { a[e] = T.tanh(z[e]) }
        case .relu: for e in 0..<count { a[e] = z[e] <= 0 ? 0 : z[e] }
        case .leakyReLU: for e in 0..<count { a[e] = z[e] <= 0 ? Self.leakySlope(T.self) * z[e] : z[e] }
        case .softplus: for e in 0..<count { a[e] = Self.softplus(z[e]) }
        case .identity: for e in 0..<count { a[e] = z[e] }
        }
    }

    /// `f'(z)`, given both `z` and the cached `a = f(z)` (sigmoid and tanh reuse `a`); NaN for
    /// a NaN `z`, as `value(_:)`.
    @inlinable
    public func derivative<T: Real>(z: T, a: T) -> T {
        switch self {
        case .sigmoid: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .relu: return z > 0 ? 1 : z <= 0 ? 0 : z
        case .leakyReLU: return z > 0 ? 1 : z <= 0 ? Self.leakySlope(T.self) : z
        case .softplus: return Self.sigmoid(z)
        case .identity: return 1
        }
    }

    /// `σ(z)` from `e = e^{−|z|}`, so that `e^x` is only taken of `x ≤ 0` and never overflows:
    /// `1/(1 + e)` for `z ≥ 0`, `e/(1 + e)` otherwise. Selecting the numerator rather than
    /// branching keeps the loops over a layer free of unpredictable branches.
    @inlinable
    public static func sigmoid<T: Real>(_ z: T) -> T {
        let e = T.exp(-abs(z))
        return (z >= 0 ? 1 : e) / (1 + e)
    }

    /// `log(1 + e^z) = max(z, 0) + log1p(e^-|z|)`: exact for large `|z|` where the naive form overflows.
    @inlinable
    public static func softplus<T: Real>(_ z: T) -> T {
        (z > 0 ? z : 0) + T.log(onePlus: T.exp(-abs(z)))
    }
}
