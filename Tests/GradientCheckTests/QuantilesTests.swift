import GradientCheck
import Testing

/// `Quantiles.median` selects where `Quantiles` sorts: the same value for every sample,
/// with repeated values, NaN (dropped) and none at all.
@Test func medianBySelectionIsTheSortedMedian() {
    var state: UInt64 = 7
    func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 33
    }
    for count in 0..<60 {
        for _ in 0..<20 {
            let spread = 1 + next() % 12  // few distinct values: many ties
            let values = (0..<count).map { _ in next() % 10 == 0 ? Double.nan : Double(next() % spread) * 0.25 }
            #expect(Quantiles.median(values) == Quantiles(values).median, "\(values)")
        }
    }
    #expect(Quantiles.median([]) == 0)
    #expect(Quantiles.median([.nan]) == 0)
    #expect(Quantiles.median([3, .infinity, 1]) == 3)
}
