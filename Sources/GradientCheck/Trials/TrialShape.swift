import NeuralNetwork

/// Widths `d₀ … d_L` and batch size `m` of a trial: what `TrialGenerator` draws, or what a
/// shapes file gives (`TrialOptions.shapes`).
public struct TrialShape: Sendable, Equatable, Codable {
    public var widths: [Int]
    public var m: Int

    public init(widths: [Int], m: Int) {
        self.widths = widths
        self.m = m
    }

    public init(_ spec: TrialSpec) { self.init(widths: spec.widths, m: spec.m) }

    /// `7-12-3 m=6`.
    public var description: String { widths.map(String.init).joined(separator: "-") + " m=\(m)" }

    /// The network's parameter count `Σ_l (d_{l−1} + 1)·d_l` (`ParameterLayout`), or `nil` when
    /// the widths are no network's or the count overflows `Int`.
    public var parameterCount: Int? { (try? ParameterLayout(widths: widths))?.parameterCount }
}
