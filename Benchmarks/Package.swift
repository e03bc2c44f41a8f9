// swift-tools-version: 6.0
import PackageDescription

// sdsweep-bench: speed lives here, never in `swift test`. A package of its own so the root
// package's default build never compiles the C kernels (built with an unsafe `-O3` flag):
//   swift run -c release --package-path Benchmarks sdsweep-bench [quick] [SECTION…]
let package = Package(
    name: "SDSweepBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "SDSweep", path: ".."),
    ],
    targets: [
        // The paper model as a plain C loop, the floor the engine is compared with.
        .target(
            name: "CKernels",
            path: "CKernels",
            cSettings: [.unsafeFlags(["-O3"])]
        ),
        .executableTarget(
            name: "sdsweep-bench",
            dependencies: ["CKernels", .product(name: "SDSweep", package: "SDSweep")],
            path: "SDSweepBench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
