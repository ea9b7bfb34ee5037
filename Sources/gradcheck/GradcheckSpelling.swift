import Foundation
import GradientCheck
import Harness
import Mutations

/// How `gradcheck` spells a run as a command line: the flags `TrialArguments`,
/// `CheckerArguments`, `ModeArguments` and `Check` declare, every one that changes results, in
/// a fixed order. Reports and terminal lines print these commands, and each reproduces its run
/// when pasted (`CommandSpellingTests` parses them back with `Gradcheck.parseAsRoot`).
struct GradcheckSpelling: CommandSpelling {
    func command(for run: RunDescription) -> String {
        var words = ["gradcheck"] + (run.subcommand.map { [$0] } ?? []) + ["--layers", "\(run.options.layers)"]
        if let trial = run.trial { words += ["--trial", "\(trial)"] } else { words += ["--trials", "\(run.trials)"] }
        words += ["--seed", "\(run.options.seed)", "--dtype", run.dtypes.count == 1 ? run.dtypes[0].rawValue : "all"]
        // A shapes file fixes the widths and batch sizes that these bound.
        if run.shapesPath == nil { words += ["--max-width", "\(run.options.maxWidth)", "--max-batch", "\(run.options.maxBatch)"] }
        words += ["--activation", run.options.activation?.rawValue ?? "random", "--loss", run.options.loss?.rawValue ?? "random"]
        if let shapesPath = run.shapesPath { words += Self.optionWords("--shapes", shapesPath) }
        if run.options.saturationShare != SaturationRegime.defaultShare {
            words += ["--saturation-share", "\(run.options.saturationShare)"]
        }
        if run.options.weightDecayShare != TrialGenerator.defaultWeightDecayShare {
            words += ["--weight-decay-share", "\(run.options.weightDecayShare)"]
        }
        if run.options.trainSteps > 0 {
            words += ["--train-steps", "\(run.options.trainSteps)", "--learning-rate", "\(run.options.learningRate)"]
        }
        words += Self.modeWords(run.mode) + Self.oracleWords(run.oracle ?? .wider)
        if let order = run.order { words += ["--order", "\(order)"] }
        if let atol = run.atol { words += ["--atol", "\(atol)"] }
        if let rtol = run.rtol { words += ["--rtol", "\(rtol)"] }
        if let scale = run.plantedGradientScale { words += ["--plant-gradient-scale", "\(scale)"] }
        if let tensor = run.plantedTensor { words += Self.optionWords("--plant-tensor", tensor) }
        if let shard = run.shard, run.trial == nil { words += ["--shard", shard.description] }
        return words.joined(separator: " ")
    }

    /// `gradcheck selftest` with the options that differ from its defaults.
    func command(for selfTest: SelfTestInvocation) -> String {
        var words = ["gradcheck", "selftest"] + Self.modeWords(selfTest.mode) + Self.oracleWords(selfTest.oracle)
        if selfTest.method != .check { words += ["--taylor"] }
        if selfTest.order != 1 { words += ["--order", "\(selfTest.order)"] }
        if let mutant = selfTest.mutant { words += ["--mutant", mutant.rawValue] }
        if selfTest.dtypes.count == 1 { words += ["--dtype", selfTest.dtypes[0].rawValue] }
        if selfTest.trials != SelfTest.defaultTrials { words += ["--trials", "\(selfTest.trials)"] }
        if selfTest.seed != TrialOptions().seed { words += ["--seed", "\(selfTest.seed)"] }
        return words.joined(separator: " ")
    }

    /// `gradcheck selftest --sensitivity` with the options that differ from its defaults; both
    /// oracles unless only the native one was asked for (`SelfTestCommand.oracles`).
    func command(for study: SensitivityStudy) -> String {
        var words = ["gradcheck", "selftest", "--sensitivity"] + Self.modeWords(study.mode)
            + (study.oracles == [.native] ? Self.oracleWords(.native) : [])
        if study.dtypes.count == 1 { words += ["--dtype", study.dtypes[0].rawValue] }
        if study.trials != SelfTest.defaultTrials { words += ["--trials", "\(study.trials)"] }
        if study.seed != TrialOptions().seed { words += ["--seed", "\(study.seed)"] }
        return words.joined(separator: " ")
    }

    /// A path that the parser would take for an option follows `--`.
    func replayCommand(caseFile path: String) -> String {
        "gradcheck replay \(Self.looksLikeOption(path) ? "-- " : "")\(Self.shellWord(path))"
    }

    /// `--mode fast [--directions K]`; nothing for full mode.
    static func modeWords(_ mode: CheckMode?) -> [String] {
        guard case .fast(let k) = mode else { return [] }
        return ["--mode", "fast"] + (k == CheckMode.defaultDirections ? [] : ["--directions", "\(k)"])
    }

    /// `--oracle native`; nothing for the default, the wider oracle.
    static func oracleWords(_ oracle: OracleChoice) -> [String] {
        oracle == .wider ? [] : ["--oracle", oracle.rawValue]
    }

    /// `name value` for an option whose value is free text (a path, a tensor name), or one word
    /// `name=value` when the parser would take the value for an option (these options do not
    /// parse `.unconditional`ly).
    static func optionWords(_ name: String, _ value: String) -> [String] {
        looksLikeOption(value) ? [name + "=" + shellWord(value)] : [name, shellWord(value)]
    }

    /// Whether swift-argument-parser reads `word` as an option (or `--`) rather than a value:
    /// it starts with `-` and is not `-` alone.
    static func looksLikeOption(_ word: String) -> Bool { word.hasPrefix("-") && word != "-" }

    /// `text` as one POSIX shell word: as it is when it needs no quoting, else in single quotes.
    static func shellWord(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/._-+,:=@%".unicodeScalars.contains($0))
        }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
