import GradientCheck

/// Everything the precision study measured, ready for the reports.
public struct PrecisionStudyResult: Sendable, Equatable, Codable {
    /// Pooled figures of one dtype (all elements of all trials).
    public struct Summary: Sendable, Equatable, Codable {
        public var dtype: DType
        public var epsilon: Double
        /// Elements measured (non-zero reference).
        public var elements: Int
        /// Elements with a reference gradient of exactly 0 (dead units), not measured.
        public var zeroReferenceElements: Int
        /// Elements whose backprop value or reference is NaN or ±inf (an overflowing network):
        /// counted, not measured.
        public var nonFiniteElements: Int
        /// Measured non-kink elements whose oracle value is NaN or ±inf: counted, left out of the
        /// oracle's figures.
        public var nonFiniteDifferences: Int
        /// Measured elements whose backprop value equals the reference exactly.
        public var exactElements: Int
        public var backpropRelative: Quantiles
        public var backpropULP: Quantiles
        /// The oracle's error relative to the gradient, and relative to the loss `|L|` (the scale
        /// the step-size theory predicts it on: `|n − g| ≈ ε·|L|/h` at the default step).
        public var finiteDifferenceRelative: Quantiles
        public var finiteDifferenceToLoss: Quantiles
        /// The oracle's actual error over its own estimate `E`: ≤ 1 means covered; how far below 1
        /// says how conservative `E` is.
        public var errorToEstimate: Quantiles
        /// Share of measured non-kink elements whose oracle error exceeds the oracle's estimate.
        public var estimateExceededFraction: Double
    }

    /// Pooled errors of the elements sharing one value of one dimension (layer, width, …).
    public struct Breakdown: Sendable, Equatable, Codable {
        // `backpropRelative.count` is the bucket's number of measured elements.
        /// `layer`, `fan-in`, `batch`, `activation`, `loss` or `saturated`.
        public var dimension: String
        public var value: String
        public var dtype: DType
        public var backpropRelative: Quantiles
        public var finiteDifferenceRelative: Quantiles
    }

    /// Counts of `log10` of the backprop relative error, one dtype.
    public struct Histogram: Sendable, Equatable, Codable {
        public var dtype: DType
        /// Left edges of the bins; the last bin holds everything ≥ its edge (including +inf),
        /// the first everything below its right edge.
        public var edges: [Double]
        public var counts: [Int]
        /// Elements with relative error exactly 0 (no bin on a log axis).
        public var exact: Int
        /// Elements whose backprop value or reference is NaN or ±inf: no relative error, no bin.
        public var nonFinite: Int
    }

    public var reference: String
    public var records: [TensorPrecision]
    public var summaries: [Summary]
    public var breakdowns: [Breakdown]
    public var histograms: [Histogram]
    public var sweeps: [StepSweep]
}
