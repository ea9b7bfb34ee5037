import Foundation
import GradCheckReports
import GradientCheck
import Testing

/// `--jobs`: the trials run on worker threads, the results are the serial run's, in order.
@Suite struct JobsTests {
    /// A planted 6 % bug makes every trial fail, so the order of `onTrial` calls (which the CLI
    /// prints and shrinks in) is checked on failing trials too.
    @Test(arguments: [nil, 1.06])
    func checkIsTheSameWhateverTheJobs(plantedGradientScale: Double?) throws {
        var run = ReportTests.run
        run.plantedGradientScale = plantedGradientScale
        func checked(jobs: Int) throws -> (json: Data, order: [Int], failing: [Int]) {
            var order: [Int] = [], failing: [Int] = []
            let results = run.dtypes.map { dtype in
                run.check(dtype, jobs: jobs) { result, records in
                    order.append(result.spec.index)
                    failing += records.filter { !$0.verdict.isAcceptable }.map(\.trial)
                }
            }
            let report = Report(run: run, summaries: results.map(\.summary), records: results.flatMap(\.records))
            return (try report.jsonData(), order, failing)
        }
        let serial = try checked(jobs: 1)
        #expect(serial.order == run.trialIndices + run.trialIndices)
        #expect(plantedGradientScale == nil ? serial.failing.isEmpty : !serial.failing.isEmpty)
        for jobs in [2, 3] {
            let parallel = try checked(jobs: jobs)
            #expect(parallel.json == serial.json, "jobs \(jobs)")
            #expect(parallel.order == serial.order && parallel.failing == serial.failing, "jobs \(jobs)")
        }
    }

    @Test func precisionStudyIsTheSameWhateverTheJobs() throws {
        let serial = try PrecisionReport.make(PrecisionReportTests.run).jsonData()
        #expect(try PrecisionReport.make(PrecisionReportTests.run, jobs: 3).jsonData() == serial)
    }
}
