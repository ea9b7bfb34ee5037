import Benchmark
import GradientCheck
import Harness
import NeuralNetwork
import RealModule

/// Per workload, on its median network: the passes a check is made of and one whole check; then
/// the whole workload; each in Float and Double. Iteration caps keep a full run to a few minutes
/// on 2 cores.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.metrics = [.wallClock, .throughput, .mallocCountTotal]
    for workload in Workload.all {
        let spec = workload.medianTrial()
        for dtype in DType.allCases { dtype.dispatch(NetworkBenchmarks(spec: spec, workload: workload, dtype: dtype)) }
        for dtype in DType.allCases {
            Benchmark("check \(workload.name) (\(dtype.rawValue))",
                      configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal], warmupIterations: 0,
                                           maxDuration: .seconds(10), maxIterations: 3)) { _ in
                blackHole(workload.check(dtype))
            }
        }
    }
}

/// Benchmarks of `spec`'s network in the dtype's checked type `S`:
/// - `forward`: `loss(on:)`, one forward pass, what the checker evaluates at each stencil point;
/// - `backward`: `lossAndGradient(on:)`, the forward and the backward pass;
/// - `trial`: `TrialSpec.run`, the whole check as the CLI makes it (the harness's dtype dispatch);
/// - `GradientChecker.check`: `GradientChecker().check(&objective)` called from this module, as a
///   library user's code checks one: the check is `@inlinable`, so it is specialised here for
///   `S` (an unspecialised generic call would run the network through witnesses, 6–18 times
///   slower). L=2 only.
struct NetworkBenchmarks: DTypeVisitor {
    let spec: TrialSpec
    let workload: Workload
    let dtype: DType

    func visit<S: Real & BinaryFloatingPoint & Sendable>(_: S.Type) {
        register(S.self)
    }

    func register<S: Real & BinaryFloatingPoint & Sendable>(_: S.Type) {
        let objective = spec.objective(S.self)
        let (network, batch) = (objective.network, objective.batch)
        let name = "\(workload.family) median network (\(dtype.rawValue))"
        // The shape in the name's tags: the median network is drawn, so say what it came out as.
        let tags = ["widths": spec.widths.map(String.init).joined(separator: "-"), "m": "\(spec.m)",
                    "parameters": "\(spec.parameters.count)"]
        let passes = Benchmark.Configuration(tags: tags, scalingFactor: .kilo, maxDuration: .seconds(2))
        Benchmark("forward \(name)", configuration: passes) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(network.loss(on: batch)) }
        }
        Benchmark("backward \(name)", configuration: passes) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(network.lossAndGradient(on: batch)) }
        }
        let check = Benchmark.Configuration(tags: tags, maxDuration: .seconds(5), maxIterations: 20)
        Benchmark("trial \(name)", configuration: check) { _ in
            blackHole(spec.run(dtype, settings: workload.run.settings(dtype)))
        }
        guard workload.run.options.layers == 2 else { return }
        Benchmark("GradientChecker.check \(name)", configuration: check) { _ in
            var model = objective
            blackHole(try! GradientChecker().check(&model))
        }
    }
}
