import GradientCheck
import Foundation

/// Computes `compute(item)` for each item on up to `jobs` threads and hands the results to
/// `deliver` on the calling thread, strictly in the items' order, so that whatever consumes
/// them (summaries, printed failures, shrinking of the first failing trials) sees exactly what
/// a serial loop gives.
///
/// The calling thread is one of the `jobs`: between deliveries it computes items itself, so
/// that `jobs` threads share `jobs` cores without a delivering thread that wakes for every
/// result and preempts a worker.
///
/// Scheduling is dynamic: each worker claims the next unclaimed item, because trial costs vary
/// by orders of magnitude (a 1-1 network against a 16-16-16 one with m = 8). Memory is bounded:
/// a worker claims item `k` only while `k < delivered + window`, so at most `window` results
/// wait for a slow item before it; workers idle beyond that instead of piling results up.
package enum OrderedParallelRun {
    /// Results that may wait, per worker, for an earlier slow item to be delivered.
    package static let windowPerJob = 4

    /// - Parameters:
    ///   - items: what to compute, in delivery order.
    ///   - jobs: threads (≥ 1), the calling thread included; with 1, or one item, everything
    ///     runs on the calling thread.
    ///   - compute: must not depend on other items or on shared mutable state.
    ///   - deliver: called once per item, in order, on the calling thread.
    package static func run<Item: Sendable, Result: Sendable>(
        _ items: [Item], jobs: Int, compute: @escaping @Sendable (Item) -> Result, deliver: (Result) -> Void) {
        let workers = min(max(jobs, 1), items.count)
        guard workers > 1 else {
            for item in items { deliver(compute(item)) }
            return
        }
        let state = State<Result>(window: workers * windowPerJob, count: items.count, workers: workers - 1)
        for _ in 1..<workers {
            let thread = Thread {
                while let k = state.claim() { state.finish(k, compute(items[k])) }
                state.workerExited()
            }
            // The main thread's default: deep networks must not overflow a smaller thread stack.
            thread.stackSize = 8 << 20
            thread.start()
        }
        var k = 0
        while k < items.count {
            switch state.next(delivering: k) {
            case .result(let result):
                deliver(result)
                k += 1
            case .compute(let j):
                state.finish(j, compute(items[j]))
            }
        }
        state.waitForWorkers()
    }

    /// What the calling thread does next: deliver a result, or compute an item meanwhile.
    private enum Step<Result> {
        case result(Result)
        case compute(Int)
    }

    /// The shared bookkeeping. Every stored property is read and written only while holding
    /// `condition`, which is what makes the `@unchecked Sendable` sound.
    private final class State<Result: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private let window: Int
        private let count: Int
        private var next = 0
        private var delivered = 0
        private var finished: [Int: Result] = [:]
        private var running: Int

        init(window: Int, count: Int, workers: Int) {
            self.window = window
            self.count = count
            self.running = workers
        }

        /// The next item to compute, waiting while the window is full; `nil` when all are claimed.
        func claim() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while next < count && next >= delivered + window { condition.wait() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }

        /// Item `k`'s result once it is computed (freeing its place in the window); until then
        /// an item to compute if the window has room, else waits.
        func next(delivering k: Int) -> Step<Result> {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let result = finished.removeValue(forKey: k) {
                    delivered = k + 1
                    condition.broadcast()
                    return .result(result)
                }
                if next < count && next < delivered + window {
                    next += 1
                    return .compute(next - 1)
                }
                condition.wait()
            }
        }

        func finish(_ k: Int, _ result: Result) {
            condition.lock()
            finished[k] = result
            condition.broadcast()
            condition.unlock()
        }

        func workerExited() {
            condition.lock()
            running -= 1
            condition.broadcast()
            condition.unlock()
        }

        /// Returns once no worker thread is left, so none outlives the run.
        func waitForWorkers() {
            condition.lock()
            while running > 0 { condition.wait() }
            condition.unlock()
        }
    }
}
