import GradientCheck
import RealModule

/// `taylor.json` (schema version 1): the run, the Taylor test's settings, one record per trial
/// and dtype (every ε's remainders and floors, the fits, the verdict, the cost), and per-dtype
/// summaries. Deterministic: the same options give the same bytes, whatever `--jobs`.
public struct TaylorReport: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    public var schemaVersion = TaylorReport.schemaVersion
    public var tool = Tool()
    public var command: String
    public var seed: UInt64
    public var run: RunDescription
    public var test: TaylorTest
    /// What `L(θ + εv)` is evaluated in, per dtype.
    public var evaluatedIn: [String: String]
    public var records: [TaylorRecord]
    public var summaries: [TaylorSummary]

    public init(run: RunDescription, test: TaylorTest, command: String, records: [TaylorRecord]) {
        self.command = command
        self.seed = run.options.seed
        self.run = run
        self.test = test
        self.records = records
        self.evaluatedIn = Dictionary(uniqueKeysWithValues: run.dtypes.map { ($0.rawValue, Self.evaluationType($0)) })
        self.summaries = run.dtypes.map { d in TaylorSummary(dtype: d, records: records.filter { $0.dtype == d }) }
    }

    /// The type a dtype's remainders are computed in (`TaylorTest.run(_:trial:)`): the one the
    /// network's reference derivatives are in, whatever the dtype.
    public static func evaluationType(_ dtype: DType) -> String { referenceName }

    /// Whether every dtype passes (`TaylorSummary.passes`).
    public var passes: Bool { summaries.allSatisfy(\.passes) }

    /// The most trials one run takes: every record (31 remainders and floors per dtype) is kept
    /// until the report is written, about 0.1 MB per trial at its peak.
    public static let maxTrials = 10_000

    /// The run's verdict in words: PASS; FAIL when a trial failed the gate; INCONCLUSIVE, naming
    /// the dtypes, when none did but a dtype resolved no trial (exit 1 all the same).
    public var verdictText: String {
        if passes { return "PASS" }
        if summaries.contains(where: { $0.firstFailure != nil }) { return "FAIL" }
        let unresolved = summaries.filter { $0.count(.pass) == 0 }.map(\.dtype.rawValue)
        return "INCONCLUSIVE (no trial resolved in \(unresolved.joined(separator: ", ")))"
    }
}

extension RunDescription {
    /// The Taylor test of each trial in each dtype, with the planted bug if any, on `jobs`
    /// threads; records in trial order, dtypes within each trial, whatever `jobs`. Also the
    /// seconds each dtype's tests took, summed over threads (for the terminal's cost line; never
    /// in the report, which must not depend on the machine).
    public func taylorRecords(_ test: TaylorTest, jobs: Int = 1) -> (records: [TaylorRecord], seconds: [DType: Double]) {
        var records: [TaylorRecord] = []
        var seconds: [DType: Double] = [:]
        let (options, dtypes, planted) = (options, dtypes, planted)
        OrderedParallelRun.run(trialIndices, jobs: jobs, compute: { index in
            let spec = TrialGenerator.trial(index, options: options)
            let clock = ContinuousClock()
            return dtypes.map { dtype in
                let start = clock.now
                let result = dtype.dispatch(TaylorTrial(test: test, spec: spec, planted: planted))
                return (TaylorRecord(spec: spec, dtype: dtype, result: result), (clock.now - start).seconds)
            }
        }, deliver: { timed in
            for (record, time) in timed {
                records.append(record)
                seconds[record.dtype, default: 0] += time
            }
        })
        return (records, seconds)
    }
}

/// `TaylorTest.run(_:trial:)` in the dtype's type.
struct TaylorTrial: DTypeVisitor {
    let test: TaylorTest
    let spec: TrialSpec
    let planted: PlantedBug?

    func visit<Checked: Real & BinaryFloatingPoint & Sendable>(_: Checked.Type) -> TaylorResult {
        let model = spec.objective(Checked.self)
        guard let planted else { return test.run(model, trial: spec) }
        return test.run(PlantedGradientScale(model, factor: Checked(planted.scale), tensor: planted.tensor,
                                             element: planted.element), trial: spec)
    }
}
