import Harness
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
    @OptionGroup var modeArguments: ModeArguments

    func validate() throws {
        for (name, value) in [("--atol", atol), ("--rtol", rtol)] {
            if let value, !(value.isFinite && value >= 0) {
                throw ValidationError("\(name) must be a finite number ≥ 0, got \(value).")
            }
        }
        if !plantGradientScale.isFinite { throw ValidationError("--plant-gradient-scale must be finite.") }
    }

    /// Whether any of these options was given (a scale of 1 is no bug).
    var isSet: Bool { atol != nil || rtol != nil || plantGradientScale != 1 || plantTensor != nil || modeArguments.isSet }

    /// Records the options in `run`.
    func apply(to run: inout RunDescription) {
        run.atol = atol
        run.rtol = rtol
        run.plantedGradientScale = plantGradientScale == 1 ? nil : plantGradientScale
        run.plantedTensor = plantTensor
        run.mode = modeArguments.checkMode == .full ? nil : modeArguments.checkMode
        run.oracle = modeArguments.oracle(for: run.dtypes) == .wider ? nil : .native
    }
}
