// swift-tools-version:6.0
import PackageDescription

// Data flows one way through the modules, each importing only earlier ones:
// CGSL (GSL binding) → NeuralNetwork (core) → GradientCheck (trials, oracle,
// comparison, verdicts) → Mutations (mutation self-test) → PrecisionStudy →
// GradCheckReports → gradcheck (CLI).
let package = Package(
    name: "gradcheck",
    products: [
        .library(name: "NeuralNetwork", targets: ["NeuralNetwork"]),
        .library(name: "GradientCheck", targets: ["GradientCheck"]),
        .library(name: "Mutations", targets: ["Mutations"]),
        .library(name: "PrecisionStudy", targets: ["PrecisionStudy"]),
        .library(name: "GradCheckReports", targets: ["GradCheckReports"]),
        .library(name: "FuzzInvariants", targets: ["FuzzInvariants"]),
        .executable(name: "gradcheck", targets: ["gradcheck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        // Test-only: property tests of the core module. No library or executable depends on it.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        .target(
            name: "NeuralNetwork",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "GradientCheck",
            dependencies: ["CGSL", "NeuralNetwork"]
        ),
        .target(
            name: "Mutations",
            dependencies: ["GradientCheck", "NeuralNetwork", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "PrecisionStudy",
            dependencies: ["GradientCheck", "NeuralNetwork", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "GradCheckReports",
            dependencies: ["GradientCheck", "Mutations", "NeuralNetwork", "PrecisionStudy",
                           .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
        .target(
            name: "FuzzInvariants",
            dependencies: ["GradientCheck", "NeuralNetwork", "GradCheckReports",
                           .product(name: "RealModule", package: "swift-numerics")]
        ),
        .executableTarget(
            name: "gradcheck",
            dependencies: [
                "GradientCheck", "GradCheckReports", "Mutations", "NeuralNetwork", "PrecisionStudy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "NeuralNetworkTests", dependencies: [
            "NeuralNetwork", .product(name: "RealModule", package: "swift-numerics"),
        ]),
        .testTarget(name: "NeuralNetworkPropertyTests", dependencies: [
            "NeuralNetwork", .product(name: "RealModule", package: "swift-numerics"),
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "GradientCheckTests", dependencies: [
            "GradientCheck", "NeuralNetwork", "CGSL", .product(name: "RealModule", package: "swift-numerics"),
        ]),
        .testTarget(name: "MutationsTests", dependencies: [
            "Mutations", "GradientCheck", "NeuralNetwork",
        ]),
        .testTarget(name: "PrecisionStudyTests", dependencies: [
            "PrecisionStudy", "GradientCheck", "NeuralNetwork", .product(name: "RealModule", package: "swift-numerics"),
        ]),
        .testTarget(name: "GradCheckReportsTests", dependencies: [
            "GradCheckReports", "GradientCheck", "NeuralNetwork", "PrecisionStudy",
            .product(name: "SwiftCSV", package: "SwiftCSV"),
        ]),
        .testTarget(name: "GradcheckCLITests", dependencies: ["gradcheck"]),
        .testTarget(name: "FuzzReplayTests", dependencies: ["FuzzInvariants"]),
    ]
)
