import GradientCheck
extension Shrinker {
    /// The state of one shrink: the current smallest failing spec and the budget spent.
    struct Search {
        var current: TrialSpec
        let budget: Int
        let stillFails: (TrialSpec) -> Bool
        var calls = 0
        var steps = 0
        /// Set when a candidate was refused because the budget was spent.
        var exhausted = false

        init(current: TrialSpec, budget: Int, stillFails: @escaping (TrialSpec) -> Bool) {
            self.current = current
            self.budget = budget
            self.stillFails = stillFails
        }

        /// Tries `candidate`: `nil` when the budget is spent, else whether it was accepted.
        mutating func accept(_ candidate: TrialSpec) -> Bool? {
            guard calls < budget else {
                exhausted = true
                return nil
            }
            calls += 1
            guard stillFails(candidate) else { return false }
            current = candidate
            steps += 1
            return true
        }

        /// Accepts the first candidate of `candidates(current)` that still fails, and starts
        /// over from it, until none does; whether anything was accepted.
        mutating func improve(_ candidates: (TrialSpec) -> [TrialSpec]) -> Bool {
            var improved = false
            while true {
                var accepted = false
                for candidate in candidates(current) {
                    guard let ok = accept(candidate) else { return improved }
                    if ok {
                        accepted = true
                        break
                    }
                }
                guard accepted else { return improved }
                improved = true
            }
        }

        /// One pass over every value of θ, `x` and `y` (`SimpleValue.candidates`); whether any
        /// value changed.
        mutating func simplifyValues() -> Bool {
            var improved = false
            let targetsAllowed: (Double) -> Bool
            switch current.loss {
            case .binaryCrossEntropy: targetsAllowed = { (0...1).contains($0) }
            case .softmaxCrossEntropy: targetsAllowed = { _ in false }
            case .mse: targetsAllowed = { _ in true }
            }
            let fields: [(WritableKeyPath<TrialSpec, [Double]>, (Double) -> Bool)] =
                [(\.parameters, { _ in true }), (\.x, { _ in true }), (\.y, targetsAllowed)]
            for (field, allowed) in fields {
                for k in current[keyPath: field].indices {
                    for value in SimpleValue.candidates(for: current[keyPath: field][k]) where allowed(value) {
                        var candidate = current
                        candidate[keyPath: field][k] = value
                        guard let ok = accept(candidate) else { return improved }
                        if ok {
                            improved = true
                            break
                        }
                    }
                }
            }
            return improved
        }
    }
}
