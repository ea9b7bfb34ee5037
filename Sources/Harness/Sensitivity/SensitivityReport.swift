import GradientCheck

/// The sensitivity study's report, `sensitivity.json` (schema version 1): the study's options,
/// and one detection curve per dtype, oracle and placement.
public struct SensitivityReport: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    public var schemaVersion = SensitivityReport.schemaVersion
    public var tool = Tool()
    /// `gradcheck selftest --sensitivity …` repeating this study.
    public var command: String
    /// The trials drawn (`TrialOptions`, seed included), and how many per point.
    public var options: TrialOptions
    public var trials: Int
    /// Fast mode; `nil` for the full per-element check.
    public var mode: CheckMode?
    /// The share of trials that must fail for a size to count as detected.
    public var detectionLevel: Double
    public var curves: [SensitivityCurve]

    public init(study: SensitivityStudy, curves: [SensitivityCurve], command: String) {
        self.command = command
        self.options = study.options
        self.trials = study.trials
        self.mode = study.mode == .full ? nil : study.mode
        self.detectionLevel = SensitivityStudy.detectionLevel
        self.curves = curves
    }
}

/// Detection rate against planted relative error size for one dtype, oracle and placement.
public struct SensitivityCurve: Sendable, Equatable, Codable {
    public var dtype: DType
    public var oracle: OracleChoice
    public var placement: PlantPlacement
    /// What judged the dtype (`CheckSettings.oracleDescription`).
    public var judgedBy: String
    /// By decreasing size.
    public var points: [SensitivityPoint]
    /// The smallest size `s` such that the detection rate is at least the level at `s` and at
    /// every larger size; `nil` when even the largest size is missed more often.
    public var minimumDetectable: Double?

    public init(dtype: DType, oracle: OracleChoice, placement: PlantPlacement, judgedBy: String,
                points: [SensitivityPoint], level: Double) {
        self.dtype = dtype
        self.oracle = oracle
        self.placement = placement
        self.judgedBy = judgedBy
        self.points = points
        minimumDetectable = points.sorted { $0.size > $1.size }
            .prefix { ($0.rate ?? 0) >= level }.last?.size
    }
}

/// One planted size on a curve.
public struct SensitivityPoint: Sendable, Equatable, Codable {
    /// The relative error asked for, `s`.
    public var size: Double
    /// The relative error planted: `1 + s` rounded to the dtype, minus 1 (0 in Float below
    /// `u = 2⁻²⁴`, where no such error can exist in a Float value).
    public var planted: Double
    /// Trials drawn; of those, trials the plant changed a gradient value in; of those, trials
    /// the correct network already fails (not counted); and trials whose verdict failed the gate.
    public var drawn: Int
    public var active: Int
    public var unattributed: Int
    public var detected: Int

    /// `detected / (active − unattributed)`; `nil` when no trial could tell.
    public var rate: Double? {
        let counted = active - unattributed
        return counted > 0 ? Double(detected) / Double(counted) : nil
    }

    /// Counts, added trial by trial.
    struct Tally {
        var drawn = 0, active = 0, unattributed = 0, detected = 0

        mutating func add(_ outcome: PlantOutcome) {
            drawn += 1
            switch outcome {
            case .inactive: return
            case .unattributed: unattributed += 1
            case .detected: detected += 1
            case .missed: break
            }
            active += 1
        }
    }

    init(size: Double, planted: Double, tally: Tally) {
        self.size = size
        self.planted = planted
        drawn = tally.drawn
        active = tally.active
        unattributed = tally.unattributed
        detected = tally.detected
    }
}
