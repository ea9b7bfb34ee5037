// swift-tools-version:6.0
import PackageDescription

// Data flows one way through the modules, each importing only earlier ones:
// CGSL (GSL binding) → NeuralNetwork (core) → GradientCheck (oracle, comparison, verdicts,
// trials) → Mutations (the self-test's bugs), PrecisionStudy (measurements) → Harness (runs,
// shrinking, cases, gates) → GradCheckReports (values → bytes, and back) → gradcheck (CLI),
// and GradCheckTesting (checks from a user's own tests, beside the CLI). DurableFiles (atomic
// writes) serves the reports and the CLI. NeuralNetwork, GradientCheck and GradCheckTesting are
// library products with a stable API (README, "Public API"); the rest are implementation.
let package = Package(
    name: "gradcheck",
    products: [
        .library(name: "NeuralNetwork", targets: ["NeuralNetwork"]),
        .library(name: "GradientCheck", targets: ["GradientCheck"]),
        .library(name: "GradCheckTesting", targets: ["GradCheckTesting"]),
        .executable(name: "gradcheck", targets: ["gradcheck"]),
        // For Fuzz/Package.swift and Benchmarks/Package.swift only (a package of its own needs a
        // product); not an API.
        .library(name: "_FuzzInvariants", targets: ["FuzzInvariants"]),
        .library(name: "_Harness", targets: ["Harness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        // Test-only: property tests of the core module. No library or executable depends on it.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Documentation only: `swift package generate-documentation` (DocC catalogs in Sources/*/*.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
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
            name: "Harness",
            dependencies: ["GradientCheck", "Mutations", "NeuralNetwork", "PrecisionStudy",
                           .product(name: "RealModule", package: "swift-numerics"),
                           .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
        .target(name: "DurableFiles"),
        .target(
            name: "GradCheckReports",
            dependencies: ["DurableFiles", "GradientCheck", "Harness", "Mutations", "NeuralNetwork", "PrecisionStudy"]
        ),
        .target(
            name: "GradCheckTesting",
            dependencies: ["GradCheckReports", "GradientCheck", "Harness", "NeuralNetwork",
                           .product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "FuzzInvariants",
            dependencies: ["GradientCheck", "GradCheckReports", "Harness", "NeuralNetwork", "PrecisionStudy",
                           .product(name: "RealModule", package: "swift-numerics")]
        ),
        .executableTarget(
            name: "gradcheck",
            dependencies: [
                "DurableFiles", "GradientCheck", "GradCheckReports", "Harness", "Mutations", "NeuralNetwork", "PrecisionStudy",
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
            // Harness drives the study over trials (`RunDescription.precisionStudy`).
            "PrecisionStudy", "GradientCheck", "Harness", "NeuralNetwork", .product(name: "RealModule", package: "swift-numerics"),
        ]),
        .testTarget(name: "HarnessTests", dependencies: [
            "Harness", "GradientCheck", "Mutations", "NeuralNetwork", "PrecisionStudy",
            .product(name: "RealModule", package: "swift-numerics"),
        ]),
        .testTarget(name: "GradCheckReportsTests", dependencies: [
            "GradCheckReports", "DurableFiles", "GradientCheck", "Harness", "NeuralNetwork", "PrecisionStudy",
            // For the CLI's command spelling in rendered reports.
            "gradcheck",
            .product(name: "SwiftCSV", package: "SwiftCSV"),
        ]),
        .testTarget(name: "GradcheckCLITests", dependencies: ["gradcheck"]),
        .testTarget(name: "GradCheckTestingTests", dependencies: ["GradCheckTesting", "GradCheckReports", "Harness"]),
        .testTarget(name: "FuzzReplayTests", dependencies: ["FuzzInvariants", "GradCheckReports", "Harness"]),
    ]
)
