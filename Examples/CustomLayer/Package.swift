// swift-tools-version:6.0
import PackageDescription

// A package of its own that checks its own model with gradcheck's test helper: one dependency
// line (here by relative path, from a release by URL), one product.
let package = Package(
    name: "CustomLayer",
    dependencies: [
        .package(name: "gradcheck", path: "../.."),
    ],
    targets: [
        .target(name: "CustomLayer"),
        .testTarget(name: "CustomLayerTests", dependencies: [
            "CustomLayer",
            .product(name: "GradCheckTesting", package: "gradcheck"),
        ]),
    ]
)
