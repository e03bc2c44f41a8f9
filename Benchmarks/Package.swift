// swift-tools-version: 6.0
import PackageDescription

// sdsweep-bench: speed lives here, never in `swift test`. A package of its own so the root
// package's default build never compiles the C kernels (built with unsafe optimisation flags):
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
            exclude: ["native"],
            cSettings: [.unsafeFlags(["-O3"])]
        ),
        // SIR and the lock-in model as structure-of-arrays C, the floor a native engine is
        // measured against: the machine's own vector width, no -ffast-math.
        .target(
            name: "CNativeKernels",
            path: "CKernels/native",
            cSettings: [.unsafeFlags(["-O3", "-march=native"])]
        ),
        .executableTarget(
            name: "sdsweep-bench",
            dependencies: ["CKernels", "CNativeKernels", .product(name: "SDSweep", package: "SDSweep")],
            path: "SDSweepBench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
