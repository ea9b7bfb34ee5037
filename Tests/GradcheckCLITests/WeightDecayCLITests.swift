import Foundation
import Testing

/// `--weight-decay-share`: its value reaches the replay commands, and a share outside [0, 1]
/// is a usage error.
@Suite("gradcheck CLI: weight decay")
struct WeightDecayCLITests {
    @Test("--weight-decay-share is kept in replay commands; outside 0...1 it exits 64")
    func weightDecayShare() throws {
        try withTemporaryDirectory { tmp in
            let off = try CLI.run(["--trials", "3", "--dtype", "double", "--weight-decay-share", "0",
                                   "--report-dir", tmp.path], in: tmp)
            #expect(off.status == 0, "\(off)")
            #expect(off.stdout.contains("--weight-decay-share 0.0"), "\(off)")
            let standard = try CLI.run(["--trials", "3", "--dtype", "double", "--report-dir", tmp.path], in: tmp)
            #expect(standard.status == 0 && !standard.stdout.contains("--weight-decay-share"), "\(standard)")
            let bad = try CLI.run(["--weight-decay-share", "1.5", "--report-dir", tmp.path], in: tmp)
            #expect(bad.status == 64 && bad.stderr.contains("--weight-decay-share must be in 0...1"), "\(bad)")
        }
    }
}
