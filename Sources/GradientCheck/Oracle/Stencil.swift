/// One 4-point stencil of a GSL derivative rule, in arithmetic of type `T`: rebuilt from the
/// recorded evaluations so that its round-off can be re-estimated for a dtype coarser than
/// Double, or evaluated in `ReferenceScalar` to see what the same stencil gives without the
/// dtype's rounding.
///
/// GSL's adaptive rules evaluate one stencil at `h`, then possibly a second at a smaller
/// `h_opt`, and return whichever result they trust; the stencil that reproduces the returned
/// value is the one it used.
@usableFromInline
struct Stencil<T: BinaryFloatingPoint> {
    /// Step `h` of this stencil.
    @usableFromInline var h: T
    /// The four values in GSL's evaluation order (central: `x − h, x + h, x − h/2, x + h/2`).
    @usableFromInline var f: [T]
    @usableFromInline var rule: FiniteDifference.Rule

    @inlinable
    init(h: T, f: [T], rule: FiniteDifference.Rule) {
        self.h = h
        self.f = f
        self.rule = rule
    }
}

extension Stencil where T == Double {
    /// The stencil of `points` (groups of four) whose result is closest to `result`.
    static func returned(from points: [(x: Double, f: Double)], rule: FiniteDifference.Rule,
                         x: Double, result: Double) -> Stencil {
        var best: Stencil?
        var bestDistance = Double.infinity
        for start in stride(from: 0, to: points.count - 3, by: 4) {
            let stencil = Stencil(group: points[start..<start + 4], rule: rule, x: x)
            let distance = abs(stencil.result - result)
            if best == nil || distance < bestDistance {
                best = stencil
                bestDistance = distance
            }
        }
        return best!
    }

    init(group: ArraySlice<(x: Double, f: Double)>, rule: FiniteDifference.Rule, x: Double) {
        let (first, f) = (group.startIndex, group.map(\.f))
        switch rule {
        case .central: self.init(h: (group[first + 1].x - group[first].x) / 2, f: f, rule: rule)
        case .forward, .backward: self.init(h: abs(group[first + 3].x - x), f: f, rule: rule)
        }
    }
}

extension Stencil {
    /// GSL's truncation estimate: the difference between this rule and its lower-order
    /// companion, `|r5 − r3|/h` (central) or `|r4 − r2|/h` (one-sided).
    @inlinable
    var truncation: T {
        switch rule {
        case .central: return abs(result - T(0.5) * (f[1] - f[0]) / h)
        case .forward, .backward: return abs(result - (rule == .forward ? 2 : -2) * (f[3] - f[1]) / h)
        }
    }

    /// The derivative this stencil gives (GSL's `r5/h` or `r4/h`).
    @inlinable
    var result: T {
        switch rule {
        case .central:
            let three: T = 3
            let r3: T = (f[1] - f[0]) / 2
            let r5: T = 4 / three * (f[3] - f[2]) - 1 / three * r3
            return r5 / h
        case .forward, .backward:
            let three: T = 3
            let d3: T = f[3] - f[2], d2: T = f[2] - f[1], d1: T = f[1] - f[0]
            let r4: T = 22 / three * d3 - 62 / three * d2 + 52 / three * d1
            return (rule == .forward ? r4 : -r4) / h
        }
    }

    /// GSL's round-off estimate for this stencil with machine epsilon `epsilon`: the
    /// cancellation term `e/h` plus the term `|f'|·|x|/h·ε` for the rounding of `x ± h`
    /// (gsl-2.7 `deriv/deriv.c`, `central_deriv` and `forward_deriv`).
    @inlinable
    func roundOff(x: T, epsilon: T) -> T {
        let cancellation: T
        let loworder: T
        switch rule {
        case .central:
            let e3 = (abs(f[1]) + abs(f[0])) * epsilon
            cancellation = 2 * (abs(f[3]) + abs(f[2])) * epsilon + e3
            loworder = abs(T(0.5) * (f[1] - f[0]) / h)
        case .forward, .backward:
            let sum: T = f.reduce(0) { $0 + abs($1) }
            cancellation = 2 * T(20.67) * sum * epsilon
            loworder = abs(2 * (f[3] - f[1]) / h)
        }
        let dy = max(loworder, abs(result)) * abs(x / h) * epsilon
        return abs(cancellation / h) + dy
    }
}
