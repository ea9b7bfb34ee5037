import Foundation
import Testing

/// The summary's speed line: trials per second, loss evaluations per parameter, and the cost of
/// a trial in forward+backward passes.
@Suite("gradcheck speed line")
struct SpeedLineTests {
    @Test("each dtype reports its speed; a smooth network spends GSL's 4 to 8 evaluations per parameter")
    func speedLine() throws {
        try withTemporaryDirectory { tmp in
            let result = try CLI.run(["--trials", "20", "--activation", "sigmoid", "--loss", "mse", "--jobs", "2",
                                      "--report-dir", "out"], in: tmp)
            #expect(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  speed: ") }
            #expect(lines.count == 2, "\(result.stdout)")
            for line in lines {
                let numbers = line.matches(of: /([0-9.]+) (trials\/s|loss evaluations per parameter|forward\+backward passes per trial)/)
                    .map { (Double($0.output.1)!, String($0.output.2)) }
                #expect(numbers.map(\.1) == ["trials/s", "loss evaluations per parameter", "forward+backward passes per trial"],
                        "\(line)")
                #expect(line.contains("on 2 threads"), "\(line)")
                // gsl_deriv_central makes 4 evaluations, 8 when it tries its second step; no
                // sigmoid element takes the kink path with its one-sided rules.
                let perParameter = numbers.first { $0.1 == "loss evaluations per parameter" }?.0 ?? 0
                #expect(perParameter >= 4 && perParameter <= 8, "\(line)")
                #expect(numbers.allSatisfy { $0.0 > 0 }, "\(line)")
            }
        }
    }

    @Test("fast mode names the parameters checked (as full mode counts them) and reports its evaluations per trial, never a rounded 0.00",
          arguments: [[], ["--train-steps", "1"]])
    func fastModeLines(_ extra: [String]) throws {
        try withTemporaryDirectory { tmp in
            let common = ["--trials", "20", "--dtype", "double", "--activation", "sigmoid", "--loss", "mse"] + extra
            let full = try CLI.run(common + ["--report-dir", "full"], in: tmp)
            let fast = try CLI.run(common + ["--mode", "fast", "--report-dir", "fast"], in: tmp)
            #expect(full.status == 0 && fast.status == 0, "\(full)\n\(fast)")
            func firstLine(_ stdout: String, _ prefix: String) -> String {
                stdout.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init) ?? ""
            }
            // Full mode compares every parameter of every check (two per trial with --train-steps).
            let parameters = try #require(firstLine(full.stdout, "double:").firstMatch(of: /, (\d+) parameters;/)?.output.1)
            let summary = firstLine(fast.stdout, "double:")
            #expect(summary.contains(", \(parameters) parameters ("), "\(summary)")
            #expect(summary.contains(" compared element by element); trials "), "\(summary)")

            let speed = firstLine(fast.stdout, "  speed: ")
            let match = try #require(speed.firstMatch(of: /([0-9.]+) loss evaluations per parameter \(([0-9.]+) per trial\)/),
                                     "\(speed)")
            let (perParameter, perTrial) = (Double(match.output.1)!, Double(match.output.2)!)
            // Three significant digits (whole numbers from 100 on): 0.00331, 16.2, 560.
            for figure in [match.output.1, match.output.2] {
                #expect(figure.wholeMatch(of: /0\.0*[1-9][0-9]{2}|[1-9]\.[0-9]{2}|[1-9][0-9]\.[0-9]|[1-9][0-9]{2,}/) != nil,
                        "\(figure) in \(speed)")
            }
            // 2 random directions and the gradient's, each GSL's 4 or 8 evaluations, per check.
            #expect(perTrial >= Double(12 * (extra.isEmpty ? 1 : 2)), "\(speed)")
            #expect(perParameter > 0 && perParameter < 4, "\(speed)")
        }
    }
}
