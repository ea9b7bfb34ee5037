import Harness
import Foundation

/// `double: 37/100 trials` on stderr, redrawn in place while a dtype's trials run, so that a
/// long run (wide or deep networks take seconds a trial) shows how far it has got.
///
/// Only where `canDraw` holds: logs, pipes and files get no carriage returns. It is drawn at
/// the first trial, then at most every `interval`, and erased (`\r` + ANSI "erase to end of
/// line") before anything else is printed, so it never mixes with the summary or a failure.
final class ProgressLine {
    static let interval = Duration.milliseconds(250)

    private let enabled: Bool
    private let clock = ContinuousClock()
    private var lastDraw: ContinuousClock.Instant?
    private var shown = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Whether the line can be drawn: stderr is a terminal, and stdout is not a pipe or socket
    /// (`gradcheck … | tee log`), whose reader may copy lines to the same terminal after the
    /// line was redrawn, so that the two would mix.
    static var canDraw: Bool {
        var info = stat()
        guard isatty(STDERR_FILENO) == 1, fstat(STDOUT_FILENO, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type != S_IFIFO && type != S_IFSOCK
    }

    /// Shows `done` of `total` trials of `label`, unless it was drawn less than `interval` ago.
    func update(_ label: String, done: Int, total: Int) {
        guard enabled else { return }
        let now = clock.now
        if let lastDraw, now - lastDraw < Self.interval { return }
        lastDraw = now
        write("\r\(label): \(done)/\(total) trials\u{1B}[K")
        shown = true
    }

    /// Erases the line, if shown; the next `update` then draws at once.
    func erase() {
        guard shown else { return }
        write("\r\u{1B}[K")
        (shown, lastDraw) = (false, nil)
    }

    private func write(_ text: String) {
        // stdout (every C stream) is flushed first: on a shared terminal its pending lines must
        // land before the cursor returns to the start of the line.
        fflush(nil)
        FileHandle.standardError.write(Data(text.utf8))
    }
}
