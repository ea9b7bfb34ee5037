import GradientCheck
import Harness
import Testing

/// `--jobs`: the trials run on worker threads, the results are the serial run's, in order.
@Suite struct JobsTests {
    static let run = RunDescription(options: TrialOptions(layers: 2, maxWidth: 6, maxBatch: 4, seed: 21),
                                    trials: 6, dtypes: [.float, .double])

    /// A planted 6 % bug makes every trial fail, so the order of `onTrial` calls (which the CLI
    /// prints and shrinks in) is checked on failing trials too.
    @Test(arguments: [nil, 1.06])
    func checkIsTheSameWhateverTheJobs(plantedGradientScale: Double?) throws {
        var run = Self.run
        run.plantedGradientScale = plantedGradientScale
        func checked(jobs: Int) throws -> (results: [DTypeSummary], records: [TensorRecord], order: [Int], failing: [Int]) {
            var order: [Int] = [], failing: [Int] = [], all: [TensorRecord] = []
            let results = run.dtypes.map { dtype in
                run.check(dtype, jobs: jobs) { result, records in
                    order.append(result.spec.index)
                    failing += records.filter { !$0.verdict.isAcceptable }.map(\.trial)
                    all += records
                }
            }
            return (results.map(\.summary), all, order, failing)
        }
        let serial = try checked(jobs: 1)
        #expect(serial.order == run.trialIndices + run.trialIndices)
        #expect(plantedGradientScale == nil ? serial.failing.isEmpty : !serial.failing.isEmpty)
        for jobs in [2, 3] {
            let parallel = try checked(jobs: jobs)
            #expect(parallel.results == serial.results && parallel.records == serial.records, "jobs \(jobs)")
            #expect(parallel.order == serial.order && parallel.failing == serial.failing, "jobs \(jobs)")
        }
    }

    @Test func precisionStudyIsTheSameWhateverTheJobs() {
        let run = RunDescription(options: TrialOptions(layers: 2, maxWidth: 6, seed: 5), trials: 8, dtypes: [.float, .double])
        #expect(run.precisionStudy(jobs: 3) == run.precisionStudy())
    }
}
