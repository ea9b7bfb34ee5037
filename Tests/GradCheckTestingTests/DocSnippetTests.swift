import Foundation
import GradCheckTesting
import Testing

// The articles' code, compiled and run here (`everySnippetIsATestedSource` holds them together).

/// One tanh unit fitted by least squares: L(w, b) = 1/(2m) · Σ_r (tanh(x_r·w + b) − y_r)²,
/// with a switch that plants the seed article's bug: the output delta without `tanh'`.
struct TanhRegression {
    var parameters: [Double]
    let x: [[Double]]
    let y: [Double]
    var dropsDerivative = false

    /// L and ∂L/∂θ by the chain rule: δ_r = (a_r − y_r)·(1 − a_r²)/m.
    func lossAndGradient() -> (loss: Double, gradient: [Double]) {
        let m = Double(x.count)
        var (loss, gradient) = (0.0, [0.0, 0.0, 0.0])
        for (row, target) in zip(x, y) {
            let a = tanh(row[0] * parameters[0] + row[1] * parameters[1] + parameters[2])
            loss += (a - target) * (a - target) / (2 * m)
            let delta = (a - target) * (dropsDerivative ? 1 : 1 - a * a) / m
            gradient[0] += delta * row[0]
            gradient[1] += delta * row[1]
            gradient[2] += delta
        }
        return (loss, gradient)
    }
}

extension TanhRegression: GradientCheckable {
    public var parameterTensors: [ParameterTensor] {
        [ParameterTensor(name: "w", shape: [2], offset: 0), ParameterTensor(name: "b", shape: [1], offset: 2)]
    }
    public func loss() -> Double { lossAndGradient().loss }  // the loss backprop starts from
}

@Test func tanhRegressionBackpropIsRight() {
    var model = TanhRegression(parameters: [0.3, -0.7, 0.1], x: [[1, 2], [0.5, -1], [-2, 0.3]], y: [0.2, -0.4, 0.9])
    checkGradient(of: &model)
}

@Test func tanhRegressionPassesTheTaylorTest() {
    checkTaylor(of: TanhRegression(parameters: [0.3, -0.7, 0.1], x: [[1, 2], [0.5, -1], [-2, 0.3]], y: [0.2, -0.4, 0.9]))
}

@Test func aNetworkFromValuesInFloat() throws {
    let network = try Network<Double>(layers: [
        LayerValues(weights: [[0.5, -1], [0.25, 2]], biases: [0, 0.125], activation: .tanh),
        LayerValues(weights: [[1], [-1]], biases: [0], activation: .sigmoid),
    ], loss: .binaryCrossEntropy)
    checkGradient(of: network, on: try network.batch(m: 2, x: [1, -0.5, 0.25, 2], y: [1, 0]),
                  options: GradientCheckOptions(dtype: .float))
}

/// Every ```swift block of the DocC articles is code that a test or the example package
/// compiles and runs: its lines, but for `import`s, blank lines and leading whitespace, stand
/// together in one such source file.
@Suite struct DocSnippetTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func files(under folder: String, suffix: String) -> [URL] {
        let base = root.appendingPathComponent(folder)
        let paths = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
        return paths.filter { $0.hasSuffix(suffix) && !$0.contains(".build") }.map { base.appendingPathComponent($0) }
    }

    static func normalized(_ text: Substring) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("import ") }
    }

    static var snippets: [(article: String, lines: [String])] {
        files(under: "Sources", suffix: ".md").filter { $0.path.contains(".docc/") }.flatMap { url -> [(String, [String])] in
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            return text.components(separatedBy: "```swift\n").dropFirst().map { block in
                (url.lastPathComponent, normalized(Substring(block.components(separatedBy: "```")[0])))
            }
        }
    }

    @Test func everySnippetIsATestedSource() throws {
        let sources = (Self.files(under: "Tests", suffix: ".swift") + Self.files(under: "Examples", suffix: ".swift"))
            .map { Self.normalized(Substring((try? String(contentsOf: $0, encoding: .utf8)) ?? "")) }
        let snippets = Self.snippets
        #expect(snippets.count >= 4, "the articles have lost their code")
        for (article, lines) in snippets {
            let found = sources.contains { source in
                source.indices.contains { start in
                    start + lines.count <= source.count && Array(source[start..<start + lines.count]) == lines
                }
            }
            #expect(found, "\(article): a snippet no test compiles: \(lines.first ?? "")")
        }
    }
}
