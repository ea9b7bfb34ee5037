import Harness
import NeuralNetwork
import GradientCheck

extension TrialSpec {
    /// Every value, by tensor: `W1 = [[1, -0.3]], b1 = [0, 0], …; x = [[1]]; y = [[0, 1]]`,
    /// then `; λ = 0.0625` when the loss has a weight decay. Values are Floats, printed in the
    /// fewest digits that read back exactly.
    public var valueListing: String {
        let n = widths[widths.count - 1]
        let tensors = parameterTensorValues.map { "\($0.name) = \($0.text)" }.joined(separator: ", ")
        return tensors + "; x = \(Self.matrix(x, columns: widths[0])); y = \(Self.matrix(y, columns: n))"
            + (weightDecay == 0 ? "" : "; λ = \(Self.number(weightDecay))")
    }

    /// `W_l` and `b_l` of θ with their values as text, in storage order.
    var parameterTensorValues: [(name: String, text: String)] {
        layout.tensors.map { tensor in
            let values = Array(parameters[tensor.range])
            return (tensor.name, tensor.kind == .weights ? Self.matrix(values, columns: tensor.shape[1]) : Self.vector(values))
        }
    }

    static func matrix(_ values: [Double], columns: Int) -> String {
        "[" + stride(from: 0, to: values.count, by: columns)
            .map { vector(Array(values[$0..<$0 + columns])) }.joined(separator: ", ") + "]"
    }

    static func vector(_ values: [Double]) -> String {
        "[" + values.map(number).joined(separator: ", ") + "]"
    }

    /// `1`, `-0.3`, `2.5e-05`, `nan`: integers without a decimal point, other values as the
    /// shortest Float text.
    static func number(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
        return v.isFinite ? "\(Float(v))" : "\(v)"
    }
}

extension MinimalCase {
    /// `7-12-3 m=6 → 1-1-1 m=1`.
    public var shapeChange: String {
        (file.original.map { $0.description + " → " } ?? "") + TrialShape(file.spec).description
    }

    /// The values of the case when it has at most `valueLimit` parameters, else `nil`.
    public var values: String? {
        file.spec.parameters.count <= Self.valueLimit ? file.spec.valueListing : nil
    }
}
