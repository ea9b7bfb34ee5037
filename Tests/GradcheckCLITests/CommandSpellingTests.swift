import ArgumentParser
import Foundation
import GradientCheck
import Harness
import Mutations
import NeuralNetwork
import Testing
@testable import gradcheck

/// Every command `GradcheckSpelling` writes, split into words as a POSIX shell splits it and parsed
/// with `Gradcheck.parseAsRoot`, rebuilds the run (or self-test, or case-file replay) it was
/// spelled from: what a report prints is a command that repeats it when pasted.
@Suite("GradcheckSpelling round trips through Gradcheck.parseAsRoot")
struct CommandSpellingTests {
    static let spelling = GradcheckSpelling()

    // MARK: - Runs

    /// A run to spell, named for the test log.
    struct RunCase: Sendable, CustomTestStringConvertible {
        var name: String
        var run: RunDescription
        var testDescription: String { name }
    }

    static func run(_ options: TrialOptions = TrialOptions(), trials: Int = 100, trial: Int? = nil,
                    dtypes: [DType] = [.float, .double], _ change: (inout RunDescription) -> Void = { _ in }) -> RunDescription {
        var run = RunDescription(options: options, trials: trials, trial: trial, dtypes: dtypes)
        change(&run)
        return run
    }

    /// Runs without a shapes file, together covering every flag the spelling writes.
    static let runs: [RunCase] = {
        var cases: [RunCase] = [
            RunCase(name: "defaults", run: run()),
            RunCase(name: "layers 1, trials 1, seed 0, float", run: run(TrialOptions(layers: 1, seed: 0), trials: 1, dtypes: [.float])),
            RunCase(name: "layers 64, max trials, seed UInt64.max, double",
                    run: run(TrialOptions(layers: 64, maxWidth: 100, seed: .max), trials: RunDescription.maxTrials, dtypes: [.double])),
            RunCase(name: "trials 2, seed 123456789", run: run(TrialOptions(seed: 123_456_789), trials: 2)),
            RunCase(name: "max-width 1, max-batch 1, mse", run: run(TrialOptions(maxWidth: 1, maxBatch: 1, loss: .mse))),
            RunCase(name: "max-width 1024, max-batch 4096, 1 layer",
                    run: run(TrialOptions(layers: 1, maxWidth: 1024, maxBatch: 4096))),
            RunCase(name: "max-width 3, max-batch 2", run: run(TrialOptions(maxWidth: 3, maxBatch: 2))),
        ]
        cases += Activation.allCases.map { RunCase(name: "activation \($0.rawValue)", run: run(TrialOptions(activation: $0))) }
        cases += Loss.allCases.map { RunCase(name: "loss \($0.rawValue)", run: run(TrialOptions(loss: $0))) }
        cases += [
            RunCase(name: "activation and loss fixed together", run: run(TrialOptions(activation: .tanh, loss: .mse))),
            RunCase(name: "saturation share 0", run: run(TrialOptions(saturationShare: 0))),
            RunCase(name: "saturation share 1", run: run(TrialOptions(saturationShare: 1))),
            RunCase(name: "saturation share 0.25", run: run(TrialOptions(saturationShare: 0.25))),
            RunCase(name: "saturation share 1e-05", run: run(TrialOptions(saturationShare: 1e-5))),
            RunCase(name: "saturation share 0.1 + ulp", run: run(TrialOptions(saturationShare: SaturationRegime.defaultShare.nextUp))),
            RunCase(name: "weight-decay share 0", run: run(TrialOptions(weightDecayShare: 0))),
            RunCase(name: "weight-decay share 1", run: run(TrialOptions(weightDecayShare: 1))),
            RunCase(name: "weight-decay share 0.3", run: run(TrialOptions(weightDecayShare: 0.3))),
            RunCase(name: "train-steps 1, default learning rate", run: run(TrialOptions(trainSteps: 1))),
            RunCase(name: "train-steps 10000, learning rate 0.003", run: run(TrialOptions(trainSteps: 10_000, learningRate: 0.003))),
            RunCase(name: "train-steps 5, learning rate 1e-300", run: run(TrialOptions(trainSteps: 5, learningRate: 1e-300))),
            RunCase(name: "train-steps 3, learning rate 2.5", run: run(TrialOptions(trainSteps: 3, learningRate: 2.5))),
            RunCase(name: "mode fast, default directions", run: run { $0.mode = .fast(directions: CheckMode.defaultDirections) }),
            RunCase(name: "mode fast, 1 direction", run: run { $0.mode = .fast(directions: 1) }),
            RunCase(name: "mode fast, 3 directions", run: run { $0.mode = .fast(directions: 3) }),
            RunCase(name: "mode fast, max directions", run: run { $0.mode = .fast(directions: CheckMode.maxDirections) }),
            RunCase(name: "atol 0", run: run { $0.atol = 0 }),
            RunCase(name: "atol 1e-12", run: run { $0.atol = 1e-12 }),
            RunCase(name: "rtol 0.001", run: run { $0.rtol = 0.001 }),
            RunCase(name: "rtol 0", run: run { $0.rtol = 0 }),
            RunCase(name: "atol and rtol", run: run { ($0.atol, $0.rtol) = (0.5, 1e-7) }),
            RunCase(name: "plant-gradient-scale 1.06", run: run { $0.plantedGradientScale = 1.06 }),
            RunCase(name: "plant-gradient-scale -1", run: run { $0.plantedGradientScale = -1 }),
            RunCase(name: "plant-gradient-scale 0", run: run { $0.plantedGradientScale = 0 }),
            RunCase(name: "plant-gradient-scale -2.5e-300", run: run { $0.plantedGradientScale = -2.5e-300 }),
            RunCase(name: "plant-tensor W2 with a scale", run: run { ($0.plantedGradientScale, $0.plantedTensor) = (1.5, "W2") }),
            RunCase(name: "plant-tensor with a space and quotes", run: run { ($0.plantedGradientScale, $0.plantedTensor) = (2, "my 'W' \"1\"") }),
            RunCase(name: "plant-tensor with shell characters", run: run { ($0.plantedGradientScale, $0.plantedTensor) = (2, "$W;`x`*?~#") }),
            RunCase(name: "plant-tensor with a leading dash", run: run { ($0.plantedGradientScale, $0.plantedTensor) = (2, "-W2") }),
            RunCase(name: "plant-tensor --", run: run { ($0.plantedGradientScale, $0.plantedTensor) = (2, "--") }),
            RunCase(name: "plant-tensor -", run: run { ($0.plantedGradientScale, $0.plantedTensor) = (2, "-") }),
            RunCase(name: "plant-tensor -1 (a number)", run: run { ($0.plantedGradientScale, $0.plantedTensor) = (2, "-1") }),
            RunCase(name: "plant-tensor --=x", run: run { ($0.plantedGradientScale, $0.plantedTensor) = (2, "--=x") }),
            RunCase(name: "shard 1/1", run: run(trials: 1) { $0.shard = Shard("1/1") }),
            RunCase(name: "shard 3/7 of 7", run: run(trials: 7) { $0.shard = Shard("3/7") }),
            RunCase(name: "shard 2/2 of 100, double", run: run(dtypes: [.double]) { $0.shard = Shard("2/2") }),
            RunCase(name: "precision defaults", run: run { $0.subcommand = "precision" }),
            RunCase(name: "precision, everything it takes",
                    run: run(TrialOptions(layers: 3, maxWidth: 5, maxBatch: 4, activation: .sigmoid, loss: .binaryCrossEntropy,
                                          saturationShare: 0.5, weightDecayShare: 0, trainSteps: 2, learningRate: 0.05, seed: 0),
                             trials: 17, dtypes: [.float]) { $0.subcommand = "precision" }),
            RunCase(name: "everything at once",
                    run: run(TrialOptions(layers: 4, maxWidth: 9, maxBatch: 3, activation: .relu, loss: .softmaxCrossEntropy,
                                          saturationShare: 0.75, weightDecayShare: 0.125, trainSteps: 7, learningRate: 0.2,
                                          seed: .max),
                             trials: 40, dtypes: [.double]) {
                        $0.mode = .fast(directions: 4)
                        ($0.atol, $0.rtol, $0.plantedGradientScale, $0.plantedTensor) = (1e-9, 1e-5, 0.97, "b3")
                        $0.shard = Shard("4/5")
                    }),
        ]
        return cases
    }()

    /// Single-trial runs (`--trial`): the spelling writes no `--trials` (nor `--shard`, which
    /// excludes `--trial`), so the rebuilt run has the default trial count.
    static let singleTrialRuns: [RunCase] = [
        RunCase(name: "trial 0 of 5", run: run(trials: 5, trial: 0)),
        RunCase(name: "trial 7 of 100, double, seed 0", run: run(TrialOptions(seed: 0), trial: 7, dtypes: [.double])),
        RunCase(name: "trial Int.max - 1, seed UInt64.max", run: run(TrialOptions(seed: .max), trials: 3, trial: Int.max - 1)),
        RunCase(name: "trial 3 with every checker option",
                run: run(TrialOptions(activation: .softplus, loss: .mse, trainSteps: 4, learningRate: 0.01), trials: 12, trial: 3,
                         dtypes: [.float]) {
                    $0.mode = .fast(directions: 6)
                    ($0.atol, $0.rtol, $0.plantedGradientScale, $0.plantedTensor) = (1e-6, 1e-3, 1.25, "W1")
                }),
        RunCase(name: "precision trial 2", run: run(trials: 9, trial: 2) { $0.subcommand = "precision" }),
    ]

    @Test("a run's command parses back to the run", arguments: runs)
    func runRoundTrips(_ testCase: RunCase) throws {
        let command = Self.spelling.command(for: testCase.run)
        #expect(try Self.rebuiltRun(command) == testCase.run, "\(command)")
    }

    @Test("a single-trial run's command parses back to the run, less its trial count", arguments: singleTrialRuns)
    func singleTrialRunRoundTrips(_ testCase: RunCase) throws {
        let command = Self.spelling.command(for: testCase.run)
        #expect(!command.contains("--trials"), "\(command)")
        var expected = testCase.run
        expected.trials = 100  // `--trials` is not spelled with `--trial`: the default
        #expect(try Self.rebuiltRun(command) == expected, "\(command)")
    }

    @Test("the same options in any order are spelled identically")
    func spellingIsCanonical() throws {
        let orders = [
            ["--seed", "5", "--layers", "3", "--rtol", "0.01", "--mode", "fast", "--directions", "3", "--dtype", "float", "--trials", "9"],
            ["--directions", "3", "--trials", "9", "--mode", "fast", "--dtype", "float", "--rtol", "0.01", "--layers", "3", "--seed", "5"],
        ]
        let commands = try orders.map { Self.spelling.command(for: try Self.rebuiltRun(words: $0)) }
        #expect(commands[0] == commands[1])
        #expect(commands[0] == "gradcheck --layers 3 --trials 9 --seed 5 --dtype float --max-width 16 --max-batch 8 "
                + "--activation random --loss random --mode fast --directions 3 --rtol 0.01")
    }

    @Test("spelled word for word: a free-text value the parser would take for an option is attached with = (or follows --)")
    func spellingsWordForWord() {
        let base = "gradcheck --layers 2 --trials 100 --seed 1 --dtype all --max-width 16 --max-batch 8 --activation random --loss random"
        #expect(Self.spelling.command(for: Self.run()) == base)
        let tensors = [("W2", " --plant-tensor W2"), ("-W2", " --plant-tensor=-W2"), ("-x 'y'", #" --plant-tensor='-x '\''y'\'''"#),
                       ("-", " --plant-tensor -"), ("", " --plant-tensor ''")]
        for (tensor, words) in tensors {
            #expect(Self.spelling.command(for: Self.run { $0.plantedTensor = tensor }) == base + words)
        }
        var shaped = Self.run(TrialOptions(shapes: Self.shapesRows), trials: 3)
        for (path, words) in [("s.csv", " --shapes s.csv"), ("-s.csv", " --shapes=-s.csv"), ("-", " --shapes -"), ("a b.csv", " --shapes 'a b.csv'")] {
            shaped.shapesPath = path
            #expect(Self.spelling.command(for: shaped)
                    == "gradcheck --layers 2 --trials 3 --seed 1 --dtype all --activation random --loss random" + words)
        }
        for (path, command) in [("-out/cases/float-trial-3.json", "gradcheck replay -- -out/cases/float-trial-3.json"),
                                ("--", "gradcheck replay -- --"), ("-", "gradcheck replay -"),
                                ("out/cases/float-trial-3.json", "gradcheck replay out/cases/float-trial-3.json")] {
            #expect(Self.spelling.replayCommand(caseFile: path) == command)
        }
    }

    // MARK: - Shapes files

    static let shapesCSV = """
        seed,m,d0,d1,d2,params
        # three 2-layer networks
        1,8,8,9,7,151
        2,3,14,5,2,81
        3,2,13,2,2,34

        """
    static let shapesRows = [TrialShape(widths: [8, 9, 7], m: 8), TrialShape(widths: [14, 5, 2], m: 3),
                             TrialShape(widths: [13, 2, 2], m: 2)]

    /// File names that need no quoting, single quotes, the `'\''` escape, or a `--` guard.
    static let shapesNames = ["shapes.csv", "my shapes.csv", "it's.csv", "'quoted' shapes \"2\".csv", "dollar $HOME * ?.csv",
                              "ü-shapes.csv", "tab\there.csv", "-leading-dash.csv", "-", "--", "-1", "--x=y.csv", "-x y.csv"]

    @Test("a --shapes run's command parses back to the run, whatever the file's name")
    func shapesRunsRoundTrip() throws {
        try withTemporaryDirectory { tmp in
            let directory = tmp.appendingPathComponent("a dir with 'quotes' and spaces")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var checked = 0
            for name in Self.shapesNames {
                try Data(Self.shapesCSV.utf8).write(to: directory.appendingPathComponent(name))
                try Data(Self.shapesCSV.utf8).write(to: tmp.appendingPathComponent(name))
                // Absolute (through the quoted directory), relative through it, and the bare
                // name (`-leading-dash.csv` then starts with a dash), relative ones read from `tmp`.
                let paths = [directory.appendingPathComponent(name).path, "a dir with 'quotes' and spaces/\(name)", name]
                for path in paths {
                    for (runName, run) in Self.shapesRuns(path: path) {
                        let command = Self.spelling.command(for: run)
                        #expect(!command.contains("--max-width") && command.contains("--shapes"), "\(runName): \(command)")
                        do {
                            let rebuilt = try Self.rebuiltRun(command, shapesDirectory: tmp)
                            if run.trial != nil {
                                var expected = run
                                expected.trials = Self.shapesRows.count  // not spelled with `--trial`: the file's row count
                                #expect(rebuilt == expected, "\(runName): \(command)")
                            } else {
                                #expect(rebuilt == run, "\(runName): \(command)")
                            }
                        } catch {
                            Issue.record("\(runName): \(command): \(error)")
                        }
                        checked += 1
                    }
                }
            }
            #expect(checked == Self.shapesNames.count * 3 * 6)
        }
    }

    /// Runs of the shapes file at `path`, as `TrialArguments.runDescription()` makes them.
    static func shapesRuns(path: String) -> [(String, RunDescription)] {
        func shaped(trials: Int = 3, trial: Int? = nil, dtypes: [DType] = [.float, .double], seed: UInt64 = 1,
                    loss: Loss? = nil, _ change: (inout RunDescription) -> Void = { _ in }) -> RunDescription {
            var r = run(TrialOptions(layers: 2, loss: loss, seed: seed, shapes: shapesRows), trials: trials, trial: trial, dtypes: dtypes)
            r.shapesPath = path
            change(&r)
            return r
        }
        return [
            ("all rows", shaped()),
            ("2 of 3 rows, softmax-ce, seed 0", shaped(trials: 2, dtypes: [.float], seed: 0, loss: .softmaxCrossEntropy)),
            ("shard 2/3, fast mode", shaped(seed: .max) { ($0.shard, $0.mode) = (Shard("2/3"), .fast(directions: 2)) }),
            ("single trial 2 with a planted bug", shaped(trial: 2, dtypes: [.double]) { ($0.plantedGradientScale, $0.plantedTensor) = (1.06, "W2") }),
            ("precision", shaped() { $0.subcommand = "precision" }),
            ("replay of trial 1", shaped().replaying(trial: 1, dtype: .float)),
        ]
    }

    // MARK: - Replay commands

    @Test("a printed replay command is the check of run.replaying(trial:dtype:), and with `replay` inserted a Replay of it",
          arguments: runs.filter { $0.run.subcommand == nil })
    func replayCommandsRoundTrip(_ testCase: RunCase) throws {
        for (trial, dtype) in [(0, DType.float), (testCase.run.trials - 1, .double)] {
            let command = Self.spelling.replayCommand(testCase.run, trial: trial, dtype: dtype)
            var expected = testCase.run.replaying(trial: trial, dtype: dtype)
            expected.trials = 100  // `--trials` is not spelled with `--trial`: the default
            #expect(try Self.rebuiltRun(command) == expected, "\(command)")

            var words = try Self.shellWords(command)
            #expect(words.first == "gradcheck")
            words[0] = "replay"
            let replay = try #require(try Gradcheck.parseAsRoot(words) as? Replay, "\(command)")
            #expect(replay.caseFile == nil && replay.trialArguments.trial == trial, "\(command)")
            #expect(try Self.rebuiltRun(replay) == expected, "\(command)")
        }
    }

    // MARK: - Self-tests

    static let selfTests: [SelfTestInvocation] = [
        SelfTestInvocation(),
        SelfTestInvocation(dtypes: [.float]),
        SelfTestInvocation(dtypes: [.double]),
        SelfTestInvocation(trials: 1),
        SelfTestInvocation(trials: RunDescription.maxTrials),
        SelfTestInvocation(seed: 0),
        SelfTestInvocation(seed: .max),
        SelfTestInvocation(mode: .fast(directions: CheckMode.defaultDirections)),
        SelfTestInvocation(mode: .fast(directions: 1)),
        SelfTestInvocation(mode: .fast(directions: CheckMode.maxDirections)),
        SelfTestInvocation(mutant: .signError, dtypes: [.double], trials: 50, seed: 7, mode: .fast(directions: 5)),
        SelfTestInvocation(oracle: .native),
        SelfTestInvocation(mutant: .leakySlopeDropped, dtypes: [.float], trials: 9, mode: .fast(directions: 2), oracle: .native),
    ] + Mutant.firstOrder.map { SelfTestInvocation(mutant: $0, dtypes: [.float], trials: 3, seed: 2) }

    @Test("a self-test's command parses back to the invocation")
    func selfTestsRoundTrip() throws {
        for invocation in Self.selfTests {
            let command = Self.spelling.command(for: invocation)
            do {
            let words = try Self.shellWords(command)
            #expect(words.first == "gradcheck")
            let parsed = try #require(try Gradcheck.parseAsRoot(Array(words.dropFirst())) as? SelfTestCommand, "\(command)")
            let rebuilt = SelfTestInvocation(mutant: parsed.mutant?.mutant, dtypes: parsed.dtype.dtypes, trials: parsed.trials,
                                             seed: parsed.seed, mode: parsed.modeArguments.checkMode,
                                             oracle: parsed.modeArguments.oracle(for: parsed.dtype.dtypes))
            #expect(rebuilt == invocation, "\(command)")
            } catch {
                Issue.record("\(command): \(error)")
            }
        }
        #expect(Self.spelling.command(for: SelfTestInvocation()) == "gradcheck selftest")
    }

    // MARK: - Sensitivity studies

    static let studies: [SensitivityStudy] = [
        SensitivityStudy(oracles: [.wider, .native]),
        SensitivityStudy(oracles: [.native]),
        SensitivityStudy(trials: 7, seed: 3, dtypes: [.float], oracles: [.wider, .native], mode: .fast(directions: 2)),
        SensitivityStudy(trials: 1, seed: .max, dtypes: [.double], oracles: [.native], mode: .fast(directions: CheckMode.defaultDirections)),
    ]

    /// `--oracle native` where no dtype has a wider oracle changes nothing, so it does not change
    /// the run's identity either (its command, a baseline's match).
    @Test("--oracle native on Double alone is the default run")
    func nativeOracleOnDoubleIsTheDefault() throws {
        let parsed = try #require(try Gradcheck.parseAsRoot(["--dtype", "double", "--oracle", "native"]) as? Check)
        #expect(try parsed.runDescription().oracle == nil)
        let float = try #require(try Gradcheck.parseAsRoot(["--dtype", "float", "--oracle", "native"]) as? Check)
        #expect(try float.runDescription().oracle == .native)
        let selfTest = try #require(try Gradcheck.parseAsRoot(["selftest", "--dtype", "double", "--oracle", "native"]) as? SelfTestCommand)
        #expect(selfTest.modeArguments.oracle(for: selfTest.dtype.dtypes) == .wider)
        #expect(SensitivityStudy(dtypes: [.double], oracles: [.native]) == SensitivityStudy(dtypes: [.double]))
    }

    @Test("a sensitivity study's command parses back to the study")
    func studiesRoundTrip() throws {
        for study in Self.studies {
            let command = Self.spelling.command(for: study)
            let words = try Self.shellWords(command)
            let parsed = try #require(try Gradcheck.parseAsRoot(Array(words.dropFirst())) as? SelfTestCommand, "\(command)")
            #expect(parsed.sensitivity, "\(command)")
            let rebuilt = SensitivityStudy(trials: parsed.trials, seed: parsed.seed, dtypes: parsed.dtype.dtypes,
                                           oracles: parsed.modeArguments.oracle(for: parsed.dtype.dtypes) == .native ? [.native] : [.wider, .native],
                                           mode: parsed.modeArguments.checkMode)
            #expect(rebuilt == study, "\(command)")
        }
    }

    // MARK: - Case files

    static let caseFiles = ["reports/cases/float-trial-3.json", "/tmp/my reports/cases/double-trial-0.json", "it's.json",
                            "'", "''", "a'b'c", "\"double\" quotes.json", "$HOME/`x`;|&<>(){}[]*?!#~.json", "~/x.json",
                            "back\\slash.json", "tab\tand\nnewline.json", "ü/é.json", "=x.json", "-out/cases/float-trial-3.json",
                            "--", "-", "-1", "--all", "--trial=3", "-x y.json", ""]

    @Test("a case file's replay command parses as a Replay of that file")
    func caseFileReplaysRoundTrip() throws {
        for path in Self.caseFiles {
            let command = Self.spelling.replayCommand(caseFile: path)
            do {
                let words = try Self.shellWords(command)
                #expect(words.first == "gradcheck")
                let replay = try #require(try Gradcheck.parseAsRoot(Array(words.dropFirst())) as? Replay, "\(command)")
                #expect(replay.caseFile == path, "\(command)")
                #expect(replay.trialArguments.trial == nil && !replay.checkerArguments.isSet && !replay.all, "\(command)")
            } catch {
                Issue.record("\(command): \(error)")
            }
        }
        #expect(Self.spelling.replayCommand(caseFile: "reports/cases/float-trial-3.json")
                == "gradcheck replay reports/cases/float-trial-3.json")
        #expect(Self.spelling.replayCommand(caseFile: "it's here.json") == #"gradcheck replay 'it'\''s here.json'"#)
    }

    // MARK: - The shell-word splitter itself

    @Test("the test's shell-word splitter splits as a POSIX shell does, and refuses what a shell would expand")
    func splitterSplitsLikeAShell() throws {
        #expect(try Self.shellWords(#"a  'b c' 'it'\''s' x'y'z "q \" \\ \$" e\ f"#) == ["a", "b c", "it's", "xyz", #"q " \ $"#, "e f"])
        #expect(try Self.shellWords("''") == [""])
        for unsafe in ["a $HOME", "a *", "a;b", "a|b", "~/x", "a `b`", "'open", "\"$x\"", "#x", "a?"] {
            #expect(throws: ShellSplitError.self, "\(unsafe)") { try Self.shellWords(unsafe) }
        }
    }

    // MARK: - Helpers

    /// Splits `command` as a POSIX shell would; its first word must be `gradcheck`, which is dropped.
    /// A relative `--shapes` path is read from `shapesDirectory` (the process's working directory
    /// is shared by all tests, so it is not changed).
    static func rebuiltRun(_ command: String, shapesDirectory: URL? = nil) throws -> RunDescription {
        let words = try shellWords(command)
        guard words.first == "gradcheck" else { throw ShellSplitError(message: "not a gradcheck command: \(command)") }
        return try rebuiltRun(Gradcheck.parseAsRoot(Array(words.dropFirst())), shapesDirectory: shapesDirectory)
    }

    static func rebuiltRun(words: [String]) throws -> RunDescription {
        try rebuiltRun(Gradcheck.parseAsRoot(words))
    }

    /// The run the parsed command's `run()` makes (its `runDescription()`), with a relative
    /// `--shapes` path read from `shapesDirectory` and recorded as given.
    static func rebuiltRun(_ command: any ParsableCommand, shapesDirectory: URL? = nil) throws -> RunDescription {
        func resolving(_ arguments: inout TrialArguments) -> String? {
            guard let shapesDirectory, let path = arguments.shapes, !path.hasPrefix("/") else { return nil }
            arguments.shapes = shapesDirectory.appendingPathComponent(path).path
            return path
        }
        var given: String?
        var run: RunDescription
        switch command {
        case var check as Check:
            given = resolving(&check.trialArguments)
            run = try check.runDescription()
        case var replay as Replay:
            guard replay.caseFile == nil else { throw ShellSplitError(message: "a case-file replay has no run options") }
            given = resolving(&replay.trialArguments)
            run = try replay.runDescription()
        case var precision as Precision:
            given = resolving(&precision.trialArguments)
            run = try precision.runDescription()
        default:
            throw ShellSplitError(message: "parsed as \(type(of: command)), which makes no run")
        }
        if let given { run.shapesPath = given }
        return run
    }

    struct ShellSplitError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The words a POSIX shell (`sh -c`) makes of `text`: blanks separate words; single quotes
    /// keep everything to the next single quote; a backslash outside quotes escapes the next
    /// character; double quotes keep everything but `\"`, `\\`, `\$`, `` \` `` escapes. Throws on
    /// an unterminated quote and on anything the shell would expand or treat as an operator
    /// (`$`, `` ` ``, globs, `~`, `#`, `;`, `|`, `&`, redirections, parentheses, braces, `!`) instead
    /// of passing it through: a spelled command must not contain those unquoted.
    static func shellWords(_ text: String) throws -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var chars = Array(text)[...]
        let special: Set<Character> = ["$", "`", "*", "?", "[", "]", ";", "|", "&", "<", ">", "(", ")", "{", "}", "!"]
        while let c = chars.popFirst() {
            switch c {
            case " ", "\t", "\n":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'":
                inWord = true
                guard let end = chars.firstIndex(of: "'") else { throw ShellSplitError(message: "unterminated ' in \(text)") }
                word += String(chars[..<end])
                chars = chars[(end + 1)...]
            case "\"":
                inWord = true
                var closed = false
                while let d = chars.popFirst() {
                    if d == "\"" { closed = true; break }
                    if d == "$" || d == "`" { throw ShellSplitError(message: "\(d) expands inside double quotes in \(text)") }
                    if d == "\\", let e = chars.first, "\"\\$`\n".contains(e) {
                        chars.removeFirst()
                        if e != "\n" { word.append(e) }
                    } else {
                        word.append(d)
                    }
                }
                if !closed { throw ShellSplitError(message: "unterminated \" in \(text)") }
            case "\\":
                guard let e = chars.popFirst() else { throw ShellSplitError(message: "trailing \\ in \(text)") }
                if e != "\n" { inWord = true; word.append(e) }
            case "#" where !inWord, "~" where !inWord:
                throw ShellSplitError(message: "unquoted \(c) at the start of a word in \(text)")
            default:
                if special.contains(c) { throw ShellSplitError(message: "unquoted \(c) in \(text)") }
                inWord = true
                word.append(c)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
