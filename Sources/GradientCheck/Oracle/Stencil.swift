/// One 4-point stencil of a GSL derivative rule, rebuilt from the recorded evaluations so that
/// its round-off can be re-estimated for a dtype coarser than Double.
///
/// GSL's adaptive rules evaluate one stencil at `h`, then possibly a second at a smaller
/// `h_opt`, and return whichever result they trust; the stencil that reproduces the returned
/// value is the one it used.
struct Stencil {
    /// Step `h` of this stencil.
    var h: Double
    /// The four values in GSL's evaluation order.
    var f: [Double]
    var rule: FiniteDifference.Rule

    /// The stencil of `points` (groups of four) whose result is closest to `result`.
    static func returned(from points: [(x: Double, f: Double)], rule: FiniteDifference.Rule,
                         x: Double, result: Double) -> Stencil {
        var best: Stencil?
        var bestDistance = Double.infinity
        for start in stride(from: 0, to: points.count - 3, by: 4) {
            let group = Array(points[start..<start + 4])
            let stencil = Stencil(group: group, rule: rule, x: x)
            let distance = abs(stencil.result - result)
            if best == nil || distance < bestDistance {
                best = stencil
                bestDistance = distance
            }
        }
        return best!
    }

    init(group: [(x: Double, f: Double)], rule: FiniteDifference.Rule, x: Double) {
        self.rule = rule
        self.f = group.map(\.f)
        switch rule {
        case .central: h = (group[1].x - group[0].x) / 2         // points x−h, x+h, x−h/2, x+h/2
        case .forward, .backward: h = abs(group[3].x - x)       // last point is x ± h
        }
    }

    /// The derivative this stencil gives (GSL's `r5/h` or `r4/h`).
    var result: Double {
        switch rule {
        case .central:
            let r3 = 0.5 * (f[1] - f[0])
            return ((4.0 / 3.0) * (f[3] - f[2]) - (1.0 / 3.0) * r3) / h
        case .forward, .backward:
            let r4 = (22.0 / 3.0) * (f[3] - f[2]) - (62.0 / 3.0) * (f[2] - f[1]) + (52.0 / 3.0) * (f[1] - f[0])
            return (rule == .forward ? r4 : -r4) / h
        }
    }

    /// GSL's round-off estimate for this stencil with machine epsilon `epsilon`: the
    /// cancellation term `e/h` plus the term `|f'|·|x|/h·ε` for the rounding of `x ± h`
    /// (gsl-2.7 `deriv/deriv.c`, `central_deriv` and `forward_deriv`).
    func roundOff(x: Double, epsilon: Double) -> Double {
        let cancellation: Double
        let loworder: Double
        switch rule {
        case .central:
            let e3 = (abs(f[1]) + abs(f[0])) * epsilon
            cancellation = 2 * (abs(f[3]) + abs(f[2])) * epsilon + e3
            loworder = abs(0.5 * (f[1] - f[0]) / h)
        case .forward, .backward:
            cancellation = 2 * 20.67 * f.reduce(0) { $0 + abs($1) } * epsilon
            loworder = abs(2 * (f[3] - f[1]) / h)
        }
        let dy = max(loworder, abs(result)) * abs(x / h) * epsilon
        return abs(cancellation / h) + dy
    }
}
