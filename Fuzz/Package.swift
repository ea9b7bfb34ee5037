// swift-tools-version:6.0
import Foundation
import PackageDescription

// libFuzzer targets for gradcheck, kept out of the root package so that its `swift build` is
// unaffected. Build and run them with `./run.sh [seconds]` (see README.md).

// A path dependency is identified by its folder's name, which is the clone's name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "GradcheckFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "FuzzCheck", dependencies: [.product(name: "_FuzzInvariants", package: root)]),
        .executableTarget(name: "FuzzReports", dependencies: [.product(name: "_FuzzInvariants", package: root)]),
        .executableTarget(name: "FuzzPrecision", dependencies: [.product(name: "_FuzzInvariants", package: root)]),
    ]
)
