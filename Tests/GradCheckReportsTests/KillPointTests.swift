import DurableFiles
import Testing

/// `GRADCHECK_PAUSE_AT`'s spelling (`KillPoint`), which GradcheckCLITests' SIGKILL test uses.
@Suite struct KillPointTests {
    @Test func pointsParseWithAnOptionalArrival() {
        func parsed(_ text: String) -> String? { KillPoint.parse(text).map { "\($0.point) \($0.arrival)" } }
        #expect(parsed("staged") == "staged 1")
        #expect(parsed("writing:2") == "writing 2")
        #expect(parsed("prev-kept:1") == "prevKept 1")
        for bad in ["", "stage", "renamed", "writing:0", "writing:", "writing:x", "writing:1:2", "Staged"] {
            #expect(KillPoint.parse(bad) == nil, "\(bad)")
        }
    }

    /// The names that `sigkillLeavesOneWholeSet` (GradcheckCLITests, `KillRound.all`) stops at:
    /// a point added here needs a round there, and a renamed one fails there as never reached.
    @Test func theCLITestKnowsEveryPoint() {
        #expect(KillPoint.allCases.map(\.rawValue) == ["writing", "staged", "swapped", "prev-linked", "prev-kept", "committed"])
    }
}
