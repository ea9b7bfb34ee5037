import Harness
import ArgumentParser
import GradientCheck
import Mutations

/// `--dtype float|double|all`.
enum DTypeChoice: String, ExpressibleByArgument, CaseIterable {
    case float, double, all

    var dtypes: [DType] {
        switch self {
        case .float: return [.float]
        case .double: return [.double]
        case .all: return DType.allCases
        }
    }
}

/// `--activation NAME|random`, `--loss NAME|random`: one of `Value`'s names, or `nil` for
/// "draw one at random".
struct RandomOr<Value: RawRepresentable & CaseIterable>: ExpressibleByArgument where Value.RawValue == String {
    var value: Value?

    init?(argument: String) {
        if argument == "random" { value = nil; return }
        guard let value = Value(rawValue: argument) else { return nil }
        self.value = value
    }

    static var allValueStrings: [String] { ["random"] + Value.allCases.map(\.rawValue) }
    var defaultValueDescription: String { value?.rawValue ?? "random" }
}

/// `--mutant NAME`: one of the catalogue's names.
struct MutantChoice: ExpressibleByArgument {
    var mutant: Mutant

    init?(argument: String) {
        guard let mutant = Mutant(rawValue: argument) else { return nil }
        self.mutant = mutant
    }

    static var allValueStrings: [String] { Mutant.allCases.map(\.rawValue) }
}
