import Foundation
import RealModule

extension TaylorTest {
    /// The Taylor test of `model`'s gradient (and `Hv`) along the unit direction drawn from
    /// `seed` (`Direction`, index 0: Rademacher signs, each tensor's block of norm `1/√T`),
    /// with `L(θ + εv)` evaluated by `evaluator` (the same loss at the same θ, in a type at least
    /// as wide as the model's: `widerModel()` for a Float network). Neither model's parameters
    /// change.
    @inlinable
    public func run<Model: GradientCheckable, Evaluator: GradientCheckable>(
        _ model: Model, evaluator: Evaluator, seed: UInt32
    ) -> TaylorResult {
        typealias W = Evaluator.Scalar
        var evaluator = evaluator
        var cost = TaylorCost()
        let theta = model.parameters
        func refused(_ verdict: Verdict, _ reason: String, loss: Double = .nan) -> TaylorResult {
            TaylorResult(loss: loss, slope: .nan, curvature: nil, points: [], fits: [], verdict: verdict, reason: reason, cost: cost)
        }
        guard W.significandBitCount >= Model.Scalar.significandBitCount, evaluator.parameters.count == theta.count,
              zip(evaluator.parameters, theta).allSatisfy({ $0 == W($1) || ($0.isNaN && $1.isNaN) }) else {
            return refused(.harnessError, "the evaluator is not the model's loss at the same θ in a type as wide")
        }
        guard !theta.isEmpty else { return refused(.inconclusive, "the model has no parameters") }
        guard (1...Self.maxHalvings).contains(halvings), window >= 2, window <= halvings else {
            return refused(.harnessError, "halvings must be in 1...\(Self.maxHalvings) and the window in 2...halvings")
        }
        let (lossS, gradient) = model.lossAndGradient()
        cost.gradientPasses += 1
        let v = Self.direction(of: model, seed: seed)
        let hv = model.hessianVectorProduct(v)
        if hv != nil { cost.hessianVectorPasses += 1 }
        guard Double(lossS).isFinite, gradient.allSatisfy({ $0.isFinite }), hv?.allSatisfy({ $0.isFinite }) ?? true else {
            return refused(.nonFinite, "NaN or ±Inf in L, ∇L or Hv at θ", loss: Double(lossS))
        }
        let eps = Double(Model.Scalar.ulpOfOne)
        let gradientBound = model.gradientRoundingBound()
        if gradientBound != nil { cost.gradientPasses += 1 }
        let hvBound = hv == nil ? nil : model.hessianVectorRoundingBound(v)
        if hvBound != nil { cost.hessianVectorPasses += 1 }
        // The same code in ReferenceScalar, where the model has it: the derivatives tested, so
        // that the dtype's rounding is measured along v rather than allowed for at every ε.
        var reference = model.referenceDerivatives(along: v)
        if let r = reference, r.gradient.count != theta.count || r.gradientBound.count != theta.count
            || (hv != nil && (r.hessianVectorProduct?.count != theta.count || r.hessianVectorBound?.count != theta.count)) {
            reference = nil
        }
        if reference != nil { cost.gradientPasses += 1 }
        if reference?.hessianVectorProduct != nil { cost.hessianVectorPasses += 1 }

        // In the evaluator's type W: θ, v and the dtype's g and Hv are exact there; the
        // reference values round to W unless W is ReferenceScalar (u_W·|value| each, allowed for).
        let uW = Double(W.ulpOfOne) / 2
        let p = Double(theta.count)
        let gammaP = p * uW / (1 - p * uW)
        var gv: W = 0, vHv: W = 0
        var gvMagnitude = 0.0, hvMagnitude = 0.0, bv = 0.0, bhv = 0.0
        var dtypeSlope: W = 0, dtypeCurvature: W = 0, dtypeSlopeBound = 0.0, dtypeCurvatureBound = 0.0
        for i in theta.indices {
            let vi = Double(v[i])
            let tested: W = reference.map { W($0.gradient[i]) } ?? W(gradient[i])
            gv += tested * W(v[i])
            gvMagnitude += abs(Double(tested) * vi)
            let dtypeBound = gradientBound?[i] ?? Self.assumedRoundings * eps / 2 * abs(Double(gradient[i]))
            if let reference {
                bv += abs(vi) * (reference.gradientBound[i] + uW * abs(Double(tested)))
                dtypeSlope += (W(gradient[i]) - tested) * W(v[i])
                dtypeSlopeBound += abs(vi) * dtypeBound
            } else {
                bv += abs(vi) * dtypeBound
            }
            if let hv {
                let testedHv: W = reference?.hessianVectorProduct.map { W($0[i]) } ?? W(hv[i])
                vHv += W(v[i]) * testedHv
                hvMagnitude += abs(vi * Double(testedHv))
                let dtypeHvBound = hvBound?[i] ?? Self.assumedRoundings * eps / 2 * abs(Double(hv[i]))
                if let bounds = reference?.hessianVectorBound {
                    bhv += abs(vi) * (bounds[i] + uW * abs(Double(testedHv)))
                    dtypeCurvature += (W(hv[i]) - testedHv) * W(v[i])
                    dtypeCurvatureBound += abs(vi) * dtypeHvBound
                } else {
                    bhv += abs(vi) * dtypeHvBound
                }
            }
        }
        let thetaW = theta.map { W($0) }
        let l0 = evaluator.loss()
        let bound0 = evaluator.lossRoundingBound() ?? Self.assumedRoundings * uW * abs(Double(l0))
        let kinks0 = evaluator.kinkPattern()
        cost.lossEvaluations += 1
        cost.boundedLossEvaluations += 1

        var points: [TaylorPoint] = []
        var nonFinite: Double?
        var point = thetaW
        for j in 1...halvings {
            let e = W(1) / W(sign: .plus, exponent: W.Exponent(j), significand: 1)
            var moved = 0.0
            for i in point.indices {
                point[i] = thetaW[i] + e * W(v[i])
                moved += abs(Double(gradient[i])) * abs(Double(point[i]))
            }
            evaluator.parameters = point
            let le = evaluator.loss()
            // The running error bound is taken once, at θ: along v it changes by O(ε) relative,
            // and it scales with the loss's magnitude, so `|L(θ+εv)|/|L(θ)|` scales it where the
            // loss grew. A bound at every point cost 4/5 of a Float80 trial's time; only points
            // near the floor (small ε, where the loss has barely moved) depend on it.
            let growth = abs(Double(le)) / abs(Double(l0))
            let boundE = bound0 * (growth.isFinite ? max(1, growth) : 1)
            let crosses = kinks0 != nil && evaluator.kinkPattern() != kinks0
            cost.lossEvaluations += 1
            let d = le - l0
            let d2 = d - e * gv
            let d3 = hv == nil ? nil : d2 - e * e / 2 * vHv
            let epsilon = Double(e)
            let floor1 = bound0 + boundE + uW * moved + uW * abs(Double(d))
            let floor2 = floor1 + epsilon * (bv + gammaP * gvMagnitude)
            let floor3 = hv == nil ? nil : floor2 + epsilon * epsilon / 2 * (bhv + gammaP * hvMagnitude)
            let r = (abs(Double(d)), abs(Double(d2)), d3.map { abs(Double($0)) })
            if nonFinite == nil, !(r.0.isFinite && r.1.isFinite && (r.2?.isFinite ?? true)) { nonFinite = epsilon }
            points.append(TaylorPoint(epsilon: epsilon, r1: r.0, r2: r.1, r3: r.2, floor1: floor1, floor2: floor2,
                                      floor3: floor3, crossesKink: crosses))
        }
        evaluator.parameters = thetaW
        let terms = [abs(Double(gv)), abs(Double(vHv)) / 2]
        var fits = [fit(1, expected: 1, points, \.r1, \.floor1, judged: false, terms: terms),
                    fit(2, expected: 2, points, \.r2, \.floor2, judged: true, terms: terms)]
        if hv != nil {
            fits.append(fit(3, expected: 3, points, { $0.r3! }, { $0.floor3! }, judged: true, terms: terms))
        }
        var verdict = Verdict.aggregate(fits.compactMap(\.verdict))
        var reason = fits.filter { $0.verdict == verdict && verdict != .pass }.compactMap(\.reason).first
        // The dtype's own values must differ from the same code's in ReferenceScalar by no more
        // than the dtype's running error bound (plus the reference's, and the sums' rounding in
        // W): more means the dtype runs other code, or the bound is broken.
        var dtype = DTypeRounding()
        if reference != nil {
            dtype.slopeError = abs(Double(dtypeSlope))
            dtype.slopeBound = dtypeSlopeBound + bv + 2 * gammaP * gvMagnitude
            if let error = dtype.slopeError, let bound = dtype.slopeBound, !(error <= bound) {
                verdict = max(verdict, .fail)
                reason = "the dtype's gᵀv differs from the same code's in \(referenceName) by \(error), more than the dtype's "
                    + "running error bound \(bound): it computes something else"
            }
            if hv != nil, reference?.hessianVectorProduct != nil {
                dtype.curvatureError = abs(Double(dtypeCurvature))
                dtype.curvatureBound = dtypeCurvatureBound + bhv + 2 * gammaP * hvMagnitude
                if let error = dtype.curvatureError, let bound = dtype.curvatureBound, !(error <= bound), verdict != .fail {
                    verdict = .fail
                    reason = "the dtype's vᵀHv differs from the same code's in \(referenceName) by \(error), more than the "
                        + "dtype's running error bound \(bound): it computes something else"
                }
            }
        }
        if let nonFinite {
            verdict = .nonFinite
            reason = "NaN or ±Inf in L(θ + εv) at ε = \(nonFinite)"
        }
        return TaylorResult(loss: Double(l0), slope: Double(gv), curvature: hv == nil ? nil : Double(vHv), points: points,
                            fits: fits, verdict: verdict, reason: reason, cost: cost, dtype: dtype)
    }

    /// The direction `v` of `run(_:evaluator:seed:)` in the model's scalar type: `Direction`
    /// index 0 of `seed`, rounded to `Model.Scalar` (so `‖v‖₂ = 1` up to that rounding).
    @inlinable
    public static func direction<Model: GradientCheckable>(of model: Model, seed: UInt32) -> [Model.Scalar] {
        let theta = model.parameters
        guard !theta.isEmpty else { return [] }
        return Direction(index: 0, seed: seed, theta: theta, tensors: model.parameterTensors).u.map { Model.Scalar($0) }
    }

    /// Remainder `k`'s order over the `window` smallest ε where it is resolved, and its verdict.
    ///
    /// A judged order must also come from a straight stretch of the log-log curve: every slope
    /// between neighbouring fitted points within `margin` of the fitted order. Round-off at a
    /// tenth of the remainder moves such a slope by at most `log₂(1.1/0.9) ≈ 0.29`; a bend means
    /// the window still sees the next term of the series (the points resolved only at large ε),
    /// and an order read there is no evidence either way: INCONCLUSIVE.
    ///
    /// A FAIL must also be the asymptotic behaviour: a wrong derivative leaves a term of order
    /// `k − 1` that stays above the floor as ε shrinks (the floor's own ε-terms shrink as fast or
    /// faster). When that term, extrapolated from the smallest fitted ε to the next smaller one,
    /// would be resolved there and the remainder is not, the remainder fell faster than a wrong
    /// derivative allows: the fitted ε lie beyond the asymptotic range (a saturation cliff, a
    /// large-ε curvature), and the verdict is INCONCLUSIVE, not FAIL. So it is when the smallest
    /// fitted ε is above `asymptoticEpsilon`, or the slopes rise towards the expected order.
    /// - Parameter terms: `|gᵀv|` and `½|vᵀHv|`, the sizes of the terms r₂ and r₃ cancel, to state
    ///   a failure's size relative to the term it leaves.
    @inlinable
    func fit(_ k: Int, expected: Int, _ points: [TaylorPoint], _ r: (TaylorPoint) -> Double,
             _ floor: (TaylorPoint) -> Double, judged: Bool, terms: [Double]) -> TaylorFit {
        let resolved = points.filter { !$0.crossesKink && r($0).isFinite && r($0) > resolution * floor($0) }
        let window = Array(resolved.suffix(self.window))
        var result = TaylorFit(remainder: k, expected: expected, order: nil, fitted: window.map(\.epsilon),
                               resolvedPoints: resolved.count, smallestResolved: resolved.last?.epsilon, verdict: nil,
                               reason: nil)
        if window.count == self.window {
            result.order = Self.slope(window.map { Double.log2($0.epsilon) }, window.map { Double.log2(r($0)) })
        }
        guard judged else { return result }
        let wrong = Double(expected - 1)
        guard let order = result.order else {
            if points.last?.crossesKink == true {
                result.verdict = .kink
                result.reason = "r\(k): θ + εv crosses a kink even at ε = \(points.last!.epsilon): the expansion does not hold"
            } else {
                result.verdict = .inconclusive
                result.reason = "r\(k) is resolved (above \(resolution) × its rounding floor) at \(resolved.count) ε, fewer than "
                    + "the \(self.window) a fit needs"
            }
            return result
        }
        let slopes = zip(window, window.dropFirst()).map { Double.log2(r($0) / r($1)) }
        if slopes.contains(where: { abs($0 - order) > margin }) {
            result.verdict = .inconclusive
            result.reason = "r\(k) is not a straight line over its fitted ε (slopes between neighbours "
                + slopes.map(Self.format).joined(separator: ", ") + "): the resolved ε do not reach the asymptotic range"
        } else if order >= Double(expected) - margin {
            result.verdict = .pass
        } else if order <= wrong + margin {
            // The order of the term left: 1 (the gradient) or 2 (H·v), whichever the slope is nearer.
            let left = order < 1.5 ? 1 : 2
            // A wrong term's slope holds, or falls towards its order, as ε shrinks; slopes that
            // rise towards the expected order (past the last pair's noise, or by more than the
            // margin across the window) are the next term fading in a pre-asymptotic window.
            if let last = window.last, last.epsilon > Self.asymptoticEpsilon {
                result.verdict = .inconclusive
                result.reason = "r\(k) has order \(Self.format(order)), but is resolved only at ε ≥ \(last.epsilon), where the "
                    + "series' later terms are not negligible: no evidence for a wrong derivative (a real one stays resolved "
                    + "below ε = \(Self.asymptoticEpsilon))"
                return result
            }
            if let first = slopes.first, let lastSlope = slopes.last, lastSlope > wrong + margin || lastSlope - first > margin {
                result.verdict = .inconclusive
                result.reason = "r\(k) has order \(Self.format(order)), but its slopes between neighbours ("
                    + slopes.map(Self.format).joined(separator: ", ") + ") rise towards \(expected) as ε shrinks: the fitted ε "
                    + "are not the asymptotic range"
                return result
            }
            if let last = window.last, let at = points.firstIndex(where: { $0.epsilon == last.epsilon }), at + 1 < points.count,
               !points[at + 1].crossesKink, r(points[at + 1]).isFinite {
                let next = points[at + 1]
                var predicted = r(last)
                for _ in 0..<left { predicted *= next.epsilon / last.epsilon }
                if predicted > resolution * floor(next) {
                    result.verdict = .inconclusive
                    result.reason = "r\(k) has order \(Self.format(order)) over ε = \(window.first!.epsilon) … \(last.epsilon), "
                        + "but at ε = \(next.epsilon) it is \(r(next)), below the \(predicted) a wrong derivative leaves: the fitted ε "
                        + "are not the asymptotic range"
                    return result
                }
            }
            result.verdict = .fail
            result.reason = "r\(k) has order \(Self.format(order)) where \(expected) is expected: "
                + (left == 1 ? "a term of order ε remains, gᵀv is wrong" : "a term of order ε² remains, vᵀHv is wrong")
                + Self.size(of: left, window, r, term: terms[left - 1])
        } else {
            result.verdict = .inconclusive
            result.reason = "r\(k) has order \(Self.format(order)), between \(expected - 1) (wrong) and \(expected) (right): "
                + "the resolved ε do not reach the asymptotic range"
        }
        return result
    }

    /// The least-squares slope of `y` on `x`.
    @inlinable
    static func slope(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let (mx, my) = (x.reduce(0, +) / n, y.reduce(0, +) / n)
        var sxy = 0.0, sxx = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
        }
        return sxy / sxx
    }

    /// For a failing fit that leaves a term of order `left` (1: the gradient's, 2: `H·v`'s),
    /// `r/ε^left` at its smallest ε: the error in that term's coefficient (`|δᵀv|`, `½|vᵀδHv|`),
    /// relative to the term where it is not 0.
    @inlinable
    static func size(of left: Int, _ window: [TaylorPoint], _ r: (TaylorPoint) -> Double, term: Double) -> String {
        guard let last = window.last else { return "" }
        var scale = 1.0
        for _ in 0..<left { scale *= last.epsilon }
        let error = r(last) / scale
        let name = left == 1 ? "gᵀv" : "½vᵀHv"
        guard term > 0, term.isFinite else { return " (off by about \(error), where \(name) is 0)" }
        return " (off by about " + String(format: "%.3g", 100 * error / term) + " % of \(name))"
    }

    @usableFromInline
    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        let text = String(Double((x * 1000).rounded()) / 1000)
        return text
    }
}

extension TaylorTest {
    /// The Taylor test of `model`, the network of `trial` in some dtype or a planted bug or
    /// mutant of it, with that trial's network as the evaluator in `ReferenceScalar` (the type
    /// of the model's `referenceDerivatives`); `v` from the trial's seed.
    @inlinable
    public func run<Model: GradientCheckable>(_ model: Model, trial: TrialSpec) -> TaylorResult {
        run(model, evaluator: trial.objective(ReferenceScalar.self), seed: trial.trialSeed)
    }

    /// The Taylor test of a model of the user's: evaluated by its `widerModel()` where it has
    /// one, else by itself (its own round-off then sets the smallest resolved ε).
    @inlinable
    public func run<Model: GradientCheckable>(_ model: Model, seed: UInt32) -> TaylorResult {
        if let wider = model.widerModel() { return run(model, evaluator: wider, seed: seed) }
        return run(model, evaluator: model, seed: seed)
    }
}
