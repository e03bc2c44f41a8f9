// swift-tools-version: 6.0
import PackageDescription

// Stages, in the order data flows through them:
// model source → SweepModel (IR) → SweepCompiler → SweepEngine → SweepAnalysis → SweepReports,
// with SweepSampling feeding parameter matrices into the engine. C stays at the edge: only
// SweepNumerics imports COpenBLAS.
let package = Package(
    name: "SDSweep",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sdsweep", targets: ["sdsweep"]),
        .library(name: "SDSweep", targets: [
            "SweepDiagnostics", "SweepModel", "SweepCompiler", "SweepEngine", "SweepSampling", "SweepAnalysis", "SweepReports",
        ]),
        // The commands, for front ends that run them elsewhere: `MPI/` (sdsweep-mpi) passes a
        // `SweepHost` to `SDSweepCommand.execute`. Not API beyond that entry point.
        .library(name: "SDSweepCLI", targets: ["SweepCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "SweepDiagnostics"),
        .target(name: "SweepNumerics", dependencies: ["COpenBLAS", "SweepDiagnostics"]),
        .target(name: "SweepModel", dependencies: ["SweepDiagnostics", "SweepNumerics", "Yams"]),
        .target(name: "SweepCompiler", dependencies: ["SweepDiagnostics", "SweepModel", "SweepNumerics"]),
        .target(name: "SweepEngine", dependencies: ["SweepCompiler", "SweepDiagnostics", "SweepNumerics"]),
        .target(
            name: "SweepSampling",
            dependencies: ["SweepDiagnostics", "SweepNumerics", "SweepModel", "Yams"],
            resources: [.copy("Resources/joe-kuo-1000.txt")]
        ),
        .target(name: "SweepAnalysis", dependencies: ["SweepDiagnostics", "SweepNumerics", "SweepSampling"]),
        .target(name: "SweepReports", dependencies: ["SweepNumerics", "SweepAnalysis", "SweepEngine"]),
        .target(
            name: "SweepStudy",
            dependencies: ["SweepDiagnostics", "SweepModel", "SweepCompiler", "SweepEngine", "SweepSampling", "SweepAnalysis", "SweepReports", "Yams"]
        ),
        .target(
            name: "SweepCLI",
            dependencies: [
                "SweepDiagnostics", "SweepModel", "SweepCompiler", "SweepEngine", "SweepSampling", "SweepAnalysis", "SweepReports", "SweepStudy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "sdsweep", dependencies: ["SweepCLI"]),

        .testTarget(name: "SweepNumericsTests", dependencies: ["SweepNumerics"]),
        .testTarget(name: "SweepModelTests", dependencies: ["SweepDiagnostics", "SweepModel", "SweepNumerics"]),
        .testTarget(name: "SweepEngineTests", dependencies: ["SweepModel", "SweepCompiler", "SweepEngine"]),
        .testTarget(name: "SweepCompilerTests", dependencies: ["SweepDiagnostics", "SweepModel", "SweepCompiler"]),
        .testTarget(name: "SweepSamplingTests", dependencies: ["SweepDiagnostics", "SweepSampling"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SweepAnalysisTests", dependencies: ["SweepAnalysis", "SweepSampling"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SweepCLITests", dependencies: ["sdsweep"]),
        .testTarget(name: "SweepStudyTests", dependencies: ["SweepStudy", "SweepModel", "SweepNumerics", "SweepAnalysis"]),
        .testTarget(name: "SweepReportsTests", dependencies: ["SweepReports"]),
        .testTarget(name: "ConformanceTests", dependencies: ["SweepDiagnostics", "SweepModel", "SweepCompiler", "SweepEngine", "SweepNumerics"]),
        .testTarget(
            name: "FuzzTests",
            dependencies: ["SweepDiagnostics", "SweepModel", "SweepCompiler", "SweepEngine", "SweepSampling", "SweepNumerics"],
            resources: [.copy("Seeds"), .copy("Regressions")]
        ),

        // Speed lives here, never in `swift test`: `swift run -c release sdsweep-bench`.
        .target(
            name: "CKernels",
            path: "Benchmarks/CKernels",
            cSettings: [.unsafeFlags(["-O3"])]
        ),
        .executableTarget(
            name: "sdsweep-bench",
            dependencies: ["SweepModel", "SweepCompiler", "SweepEngine", "SweepSampling", "SweepAnalysis", "SweepStudy", "CKernels"],
            path: "Benchmarks/SDSweepBench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
