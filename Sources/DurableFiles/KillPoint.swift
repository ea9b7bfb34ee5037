import Foundation
import Synchronization

/// The steps of replacing files at which a test stops the process to SIGKILL it there
/// (GradcheckCLITests, `sigkillLeavesCompleteFiles`). It exists so that the test kills at each
/// step, every run, instead of at random moments that may or may not fall in the milliseconds
/// the writing takes: a test of atomicity that depends on timing passes without testing.
///
/// `GRADCHECK_PAUSE_AT=<point>` or `<point>:<n>` (e.g. `writing:2`) makes the process
/// `raise(SIGSTOP)` the n-th time (the first by default) it reaches that point; the test waits
/// until `/proc/<pid>/stat` shows it stopped, then kills it. The variable is read once; without
/// it `reached()` loads a global and returns, a few times per run: no behaviour changes.
package enum KillPoint: String, CaseIterable, Sendable {
    /// `StagedFile.stage`: the file that takes the new bytes is created, still empty (a file
    /// written in place would be seen cut here).
    case writing
    /// `FileSet.replace`: every file of the new set is in its folder, no name switched yet.
    case staged
    /// `FileSet.replace`: the set's link names the new folder; the old folder and the links of
    /// names the new set lacks are not removed yet.
    case swapped
    /// `StagedFile.commitKeepingPrevious`: the old file is hard-linked to a temporary name,
    /// not yet renamed to `.prev`.
    case prevLinked = "prev-linked"
    /// `StagedFile.commitKeepingPrevious`: `.prev` holds the old file, the new one is not yet
    /// renamed over the destination.
    case prevKept = "prev-kept"
    /// `StagedFile.commit`: one file renamed into place and its directory synced.
    case committed

    /// Stops the process here if `GRADCHECK_PAUSE_AT` names this point and arrival.
    package func reached() {
        guard let pause, pause.point == self else { return }
        if arrivals.add(1, ordering: .relaxed).newValue == pause.arrival { raise(SIGSTOP) }
    }

    /// `<point>` or `<point>:<n>` with n ≥ 1; nil for anything else.
    package static func parse(_ text: String) -> Pause? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let point = KillPoint(rawValue: String(parts[0])) else { return nil }
        guard parts.count == 2 else { return Pause(point: point, arrival: 1) }
        guard let arrival = Int(parts[1]), arrival >= 1 else { return nil }
        return Pause(point: point, arrival: arrival)
    }

    /// Where `GRADCHECK_PAUSE_AT` stops the process.
    package struct Pause: Equatable, Sendable {
        package var point: KillPoint
        /// 1 for the first time the point is reached.
        package var arrival: Int
    }
}

/// `GRADCHECK_PAUSE_AT`, parsed once. A value that names no point is reported, not ignored
/// silently: the test waiting for the stop would otherwise only see the run finish.
private let pause: KillPoint.Pause? = {
    guard let value = getenv("GRADCHECK_PAUSE_AT").map({ String(cString: $0) }) else { return nil }
    guard let pause = KillPoint.parse(value) else {
        FileHandle.standardError.write(Data("gradcheck: GRADCHECK_PAUSE_AT=\(value) names no pause point\n".utf8))
        return nil
    }
    return pause
}()

/// How often the process has reached `pause.point`.
private let arrivals = Atomic<Int>(0)
