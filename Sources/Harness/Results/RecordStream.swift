import GradientCheck

/// Where a run's records go as trials finish, in report order (dtype, then trial, then
/// tensor): a file (`GradCheckReports`' `ReportStream`), or memory (`RecordList`). A run never
/// holds its records itself, so that its memory does not grow with the trial count.
public protocol RecordSink: AnyObject {
    /// The records of one check of one trial, in report order.
    func add(_ records: [TensorRecord])
}

/// Records read back in report order, one at a time (a report file, or memory).
public protocol RecordSource {
    /// The next record, `nil` after the last.
    /// - Throws: when the records cannot be read (e.g. `InputFileError` for a bad line).
    mutating func next() throws -> TensorRecord?
}

/// Records kept in memory: for tests, and library users whose runs are small.
public final class RecordList: RecordSink, @unchecked Sendable {
    public private(set) var records: [TensorRecord] = []

    public init() {}

    public func add(_ records: [TensorRecord]) { self.records += records }
}

/// An array read as a `RecordSource`.
public struct RecordArray: RecordSource {
    var remaining: ArraySlice<TensorRecord>

    public init(_ records: [TensorRecord]) { remaining = records[...] }

    public mutating func next() -> TensorRecord? { remaining.popFirst() }
}

extension DType {
    /// The position of this dtype in report order (`DType.allCases`, which `RunDescription`
    /// requires its dtypes to follow).
    public var reportRank: Int { DType.allCases.firstIndex(of: self)! }
}

extension TensorRecord {
    /// Where the record's trial sits in report order: dtype, then trial.
    public var trialKey: TrialKey { TrialKey(dtype: dtype, trial: trial) }
}

/// A trial of one dtype, ordered as reports list them (`DType.reportRank`, then the index).
public struct TrialKey: Sendable, Hashable, Comparable {
    public var dtype: DType
    public var trial: Int

    public init(dtype: DType, trial: Int) {
        self.dtype = dtype
        self.trial = trial
    }

    public static func < (a: TrialKey, b: TrialKey) -> Bool { (a.dtype.reportRank, a.trial) < (b.dtype.reportRank, b.trial) }
}
