// swift-tools-version:6.1
import Foundation
import PackageDescription

// Performance benchmarks for gradcheck (ordo-one/benchmark), kept out of the root package so that
// its `swift build` and tests do not fetch or build the benchmark tool. Run them from this folder
// with `swift package benchmark` (see README.md, "Performance").

// A path dependency is identified by its folder's name, which is the clone's name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "GradcheckBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../"),
        // Only the malloc interposer: the default traits also want a runtime interposer package
        // that is not available here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "GradcheckBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "_Harness", package: root),
                .product(name: "GradientCheck", package: root),
                .product(name: "NeuralNetwork", package: root),
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            path: "Benchmarks/GradcheckBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
