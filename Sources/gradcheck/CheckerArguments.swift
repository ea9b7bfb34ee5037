import Harness
import NeuralNetwork
import ArgumentParser
import GradCheckReports

/// The options that change how a trial is checked: tolerance overrides, the mode, and the hidden planted
/// bug that proves a gate fails (`PlantedGradientScale`). Shared by `check` and `replay`, so a
/// replay command is a check command with `replay` inserted.
struct CheckerArguments: ParsableArguments {
    @Option(parsing: .unconditional, help: "Absolute tolerance (default 256·ε of the type the loss is differentiated in).")
    var atol: Double?
    @Option(parsing: .unconditional, help: "Relative tolerance (default √ε of the type the loss is differentiated in).")
    var rtol: Double?
    @Option(parsing: .unconditional, help: .hidden)
    var plantGradientScale: Double = 1
    @Option(help: .hidden)
    var plantTensor: String?
    @Option(parsing: .unconditional,
            help: ArgumentHelp("1: check the gradient; 2: check the Hessian-vector product H·v against central differences "
                               + "of the gradient along the trial's unit direction v.",
                               discussion: "Order 2 compares every element of H·v; --mode fast does not apply."))
    var order = 1
    @OptionGroup var modeArguments: ModeArguments

    func validate() throws {
        for (name, value) in [("--atol", atol), ("--rtol", rtol)] {
            if let value, !(value.isFinite && value >= 0) {
                throw ValidationError("\(name) must be a finite number ≥ 0, got \(value).")
            }
        }
        guard order == 1 || order == 2 else { throw ValidationError("--order must be 1 or 2, got \(order).") }
        if order == 2, modeArguments.mode == .fast {
            throw ValidationError("--mode fast does not apply with --order 2: the second-order check compares every element.")
        }
        if !plantGradientScale.isFinite { throw ValidationError("--plant-gradient-scale must be finite.") }
        if let plantTensor {
            guard plantGradientScale != 1 else { throw ValidationError("--plant-tensor needs --plant-gradient-scale: a scale of 1 plants nothing.") }
            guard !plantTensor.isEmpty else { throw ValidationError("--plant-tensor must name a tensor (W1, b1, …).") }
        }
    }

    /// Refuses (64) a `--plant-tensor` that names no tensor of `layers`-layer networks: it would
    /// plant nothing, and the run would read as a bug the gate missed.
    static func checkPlantedTensor(_ run: RunDescription) throws {
        guard let tensor = run.plantedTensor else { return }
        let names = ParameterLayout.names(layers: run.options.layers)
        if !names.contains(tensor) {
            throw ExitCodes.usageFailure("--plant-tensor \(tensor) names no tensor of a \(run.options.layers)-layer network; "
                                         + "they are " + names.joined(separator: ", ") + ".")
        }
    }

    /// Whether any of these options was given (a scale of 1 is no bug).
    var isSet: Bool {
        atol != nil || rtol != nil || plantGradientScale != 1 || plantTensor != nil || order != 1 || modeArguments.isSet
    }

    /// Records the options in `run`.
    func apply(to run: inout RunDescription) {
        run.atol = atol
        run.rtol = rtol
        run.plantedGradientScale = plantGradientScale == 1 ? nil : plantGradientScale
        run.plantedTensor = plantTensor
        run.order = order == 1 ? nil : order
        run.mode = modeArguments.checkMode == .full ? nil : modeArguments.checkMode
        run.oracle = modeArguments.oracle(for: run.dtypes) == .wider ? nil : .native
    }
}
