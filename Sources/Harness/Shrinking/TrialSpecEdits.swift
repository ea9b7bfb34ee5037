import GradientCheck
/// The edits the `Shrinker` makes to a trial, each giving a smaller but well-formed trial.
///
/// Layouts: `x` [m × d₀] and `y` [m × d_L] row-major; θ as `ParameterLayout` says.
extension TrialSpec {
    /// The trial with `λ = 0`, or `nil` when it has no weight decay.
    var withoutWeightDecay: TrialSpec? {
        guard weightDecay != 0 else { return nil }
        var spec = self
        spec.weightDecay = 0
        return spec
    }

    /// The trial on the batch rows `keep` (ascending, non-empty) of `x` and `y`.
    func keepingRows(_ keep: [Int]) -> TrialSpec {
        var spec = self
        spec.m = keep.count
        spec.x = RowMajor(x, columns: widths[0]).selectingRows(keep)
        spec.y = RowMajor(y, columns: widths[widths.count - 1]).selectingRows(keep)
        return spec
    }

    /// The trial with only units `keep` (ascending, non-empty) of width `d_l`, or `nil` when
    /// that would leave softmax-ce targets that are not one-hot.
    ///
    /// Unit `j` of `d_l` is column `j` of `x` (l = 0) or column `j` of `W_l` and entry `j` of
    /// `b_l` (l ≥ 1), together with row `j` of `W_{l+1}` (l < L) or column `j` of `y` (l = L).
    func keepingUnits(_ keep: [Int], ofWidth l: Int) -> TrialSpec? {
        let depth = widths.count - 1
        var spec = self
        spec.widths[l] = keep.count
        var layers = parameterLayers
        if l == 0 {
            spec.x = RowMajor(x, columns: widths[0]).selectingColumns(keep)
        } else {
            layers[l - 1].weights = RowMajor(layers[l - 1].weights, columns: widths[l]).selectingColumns(keep)
            layers[l - 1].biases = keep.map { layers[l - 1].biases[$0] }
        }
        if l < depth {
            layers[l].weights = RowMajor(layers[l].weights, columns: widths[l + 1]).selectingRows(keep)
        } else {
            spec.y = RowMajor(y, columns: widths[l]).selectingColumns(keep)
            if loss == .softmaxCrossEntropy && !spec.hasOneHotTargets { return nil }
        }
        spec.parameters = layers.flatMap { $0.weights + $0.biases }
        return spec
    }

    /// The smallest width `d_l` may have: 2 for a softmax output (one class is a constant
    /// loss), else 1.
    func minimumWidth(_ l: Int) -> Int {
        l == widths.count - 1 && loss == .softmaxCrossEntropy ? 2 : 1
    }

    /// Whether every row of `y` is one-hot.
    var hasOneHotTargets: Bool {
        let n = widths[widths.count - 1]
        return (0..<m).allSatisfy { r in
            let row = y[r * n..<(r + 1) * n]
            return row.filter { $0 == 1 }.count == 1 && row.allSatisfy { $0 == 0 || $0 == 1 }
        }
    }

    /// θ split per layer into `W_l` [d_{l−1} × d_l] (row-major) and `b_l` [d_l] (`ParameterLayout`).
    var parameterLayers: [(weights: [Double], biases: [Double])] {
        let layout = layout
        return (1...layout.layers).map { l in
            (Array(parameters[layout.weights(l)]), Array(parameters[layout.biases(l)]))
        }
    }
}

/// A row-major matrix in a flat array, for selecting rows and columns.
struct RowMajor {
    var values: [Double]
    var width: Int

    init(_ values: [Double], columns: Int) {
        self.values = values
        self.width = columns
    }

    func selectingRows(_ keep: [Int]) -> [Double] {
        keep.flatMap { values[$0 * width..<($0 + 1) * width] }
    }

    func selectingColumns(_ keep: [Int]) -> [Double] {
        stride(from: 0, to: values.count, by: width).flatMap { start in keep.map { values[start + $0] } }
    }
}
