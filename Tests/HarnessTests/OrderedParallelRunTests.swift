import Foundation
import GradientCheck
@testable import Harness
import Synchronization
import Testing

/// `OrderedParallelRun`: results in item order whatever the threads, and a bounded window.
@Suite struct OrderedParallelRunTests {
    /// Items of very different cost (a sum over up to 200 000 terms), so that workers finish out
    /// of order; the deliveries must still be in order and be each item's own result.
    @Test(arguments: [1, 2, 3, 8])
    func deliversEveryResultInOrder(jobs: Int) {
        let items = Array(0..<120)
        var delivered: [Int] = []
        OrderedParallelRun.run(items, jobs: jobs, compute: { k in
            let terms = k % 7 == 0 ? 200_000 : 10
            return (k, (0..<terms).reduce(0) { $0 &+ $1 })
        }, deliver: { k, sum in
            #expect(sum == (0..<(k % 7 == 0 ? 200_000 : 10)).reduce(0) { $0 &+ $1 })
            delivered.append(k)
        })
        #expect(delivered == items)
    }

    /// While item 0 is still computing, no worker may start item `window` or later: results
    /// waiting behind a slow item are bounded. Item 0 holds on until the window is full.
    @Test func aSlowItemBoundsTheResultsWaitingBehindIt() {
        let jobs = 3
        let window = jobs * OrderedParallelRun.windowPerJob
        struct Progress { var started = 0; var firstDone = false; var outOfWindow: [Int] = [] }
        let progress = Mutex(Progress())
        var delivered: [Int] = []
        OrderedParallelRun.run(Array(0..<(5 * window)), jobs: jobs, compute: { k in
            progress.withLock { p in
                p.started += 1
                if k >= window && !p.firstDone { p.outOfWindow.append(k) }
            }
            if k == 0 {
                while progress.withLock({ $0.started }) < window { Thread.sleep(forTimeInterval: 0.001) }
                progress.withLock { $0.firstDone = true }
            }
            return k
        }, deliver: { delivered.append($0) })
        #expect(delivered == Array(0..<(5 * window)))
        #expect(progress.withLock { $0.outOfWindow }.isEmpty)
    }
}
