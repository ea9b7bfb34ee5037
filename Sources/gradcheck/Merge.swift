import ArgumentParser
import Foundation
import GradCheckReports

/// `gradcheck merge`: shard reports into the report of the whole run.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the gradcheck.json of shards 1/n … n/n into the report of the unsharded run.",
        discussion: """
        The merged JSON is byte-identical to the one an unsharded run writes. Exit codes: 0 merged and \
        passing, 1 merged with a FAIL or NON-FINITE, 64 usage error, 65 a report is unusable or the \
        reports are not the complete shards of one run, 74 the output cannot be written.
        """)

    @Argument(help: "Shard reports (gradcheck.json of each --shard i/n run).")
    var reports: [String]
    @Option(name: .shortAndLong, help: "Where to write the merged report.")
    var output: String
    @Option(help: "Also write JUnit XML of the merged run to this path.")
    var junit: String?

    func validate() throws {
        if reports.isEmpty { throw ValidationError("give the shard reports to merge.") }
        if output.isEmpty { throw ValidationError("--output must not be empty.") }
    }

    func run() throws {
        var shards: [Report] = []
        for path in reports {
            do { shards.append(try Report.load(URL(fileURLWithPath: path), role: "report")) } catch {
                FileHandle.standardError.write(Data("gradcheck: error: \(error)\n".utf8))
                throw ExitCode(65)
            }
        }
        let merged: Report
        do { merged = try Report.merge(shards) } catch {
            FileHandle.standardError.write(Data("gradcheck: error: cannot merge: \(error)\n".utf8))
            throw ExitCode(65)
        }
        do {
            try merged.write(to: URL(fileURLWithPath: output))
            if let junit { try JUnitReport.write(merged, to: URL(fileURLWithPath: junit)) }
        } catch { throw Check.ioFailure(error) }
        let verdict = merged.summaries.map(\.verdict).max() ?? .pass
        for s in merged.summaries {
            print("\(s.dtype.rawValue): \(s.trials) trials; FAIL \(s.trialCount(.fail)), NON-FINITE \(s.trialCount(.nonFinite))")
        }
        print("merged \(shards.count) shards into \(output): \(verdict.isAcceptable ? "PASS" : verdict.rawValue)")
        if !verdict.isAcceptable { throw ExitCode(1) }
    }
}
