import ArgumentParser
import GradientCheck
import NeuralNetwork

/// `--dtype float|double|all`.
enum DTypeChoice: String, ExpressibleByArgument, CaseIterable {
    case float, double, all

    var dtypes: [DType] {
        switch self {
        case .float: return [.float]
        case .double: return [.double]
        case .all: return [.float, .double]
        }
    }
}

/// `--activation NAME|random`.
struct ActivationChoice: ExpressibleByArgument {
    var activation: Activation?

    init?(argument: String) {
        if argument == "random" { activation = nil; return }
        guard let a = Activation(rawValue: argument) else { return nil }
        activation = a
    }

    static var allValueStrings: [String] { ["random"] + Activation.allCases.map(\.rawValue) }
    var defaultValueDescription: String { activation?.rawValue ?? "random" }
}

/// `--loss NAME|random`.
struct LossChoice: ExpressibleByArgument {
    var loss: Loss?

    init?(argument: String) {
        if argument == "random" { loss = nil; return }
        guard let l = Loss(rawValue: argument) else { return nil }
        loss = l
    }

    static var allValueStrings: [String] { ["random"] + Loss.allCases.map(\.rawValue) }
    var defaultValueDescription: String { loss?.rawValue ?? "random" }
}
