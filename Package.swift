// swift-tools-version: 6.0
import PackageDescription

// Stages, in the order data flows through them:
// model source → SweepModel (IR) → SweepCompiler → SweepEngine → SweepAnalysis → SweepReports,
// with SweepSampling feeding parameter matrices into the engine. C stays at the edge: only
// SweepNumerics imports COpenBLAS. The benchmarks are a package of their own (`Benchmarks/`), so
// no default build compiles their C kernels with unsafe flags.
let package = Package(
    name: "SDSweep",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sdsweep", targets: ["sdsweep"]),
        // Everything a front end or the benchmarks (`Benchmarks/`, a package of its own) import.
        .library(name: "SDSweep", targets: [
            "SweepDiagnostics", "SweepNumerics", "SweepModel", "SweepCompiler", "SweepEngine", "SweepRun", "SweepSampling",
            "SweepAnalysis", "SweepReports", "SweepStudy", "SweepNative",
        ]),
        // The commands, for front ends that run them elsewhere: `MPI/` (sdsweep-mpi) passes a
        // `SweepHost` to `SDSweepCommand.execute`. Not API beyond that entry point.
        .library(name: "SDSweepCLI", targets: ["SweepCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "SweepDiagnostics"),
        .target(name: "SweepNumerics", dependencies: ["COpenBLAS", "SweepDiagnostics"]),
        .target(name: "SweepModel", dependencies: ["SweepDiagnostics", "SweepNumerics", "Yams", "ZIPFoundation"]),
        .target(name: "SweepCompiler", dependencies: ["SweepDiagnostics", "SweepModel", "SweepNumerics"]),
        .target(name: "SweepEngine", dependencies: ["SweepCompiler", "SweepDiagnostics", "SweepModel", "SweepNumerics"]),
        .target(name: "SweepRun", dependencies: ["SweepDiagnostics", "SweepNumerics", "SweepModel", "SweepCompiler", "SweepEngine"]),
        .target(name: "SweepNative", dependencies: ["SweepCompiler", "SweepEngine", "SweepRun", "SweepNumerics", "SweepDiagnostics", "SweepModel"]),
        .target(
            name: "SweepSampling",
            dependencies: ["SweepDiagnostics", "SweepNumerics", "SweepModel", "Yams"],
            resources: [.copy("Resources/joe-kuo-1000.txt")]
        ),
        .target(name: "SweepAnalysis", dependencies: ["SweepDiagnostics", "SweepNumerics", "SweepSampling"]),
        .target(name: "SweepReports", dependencies: ["SweepNumerics"]),
        .target(
            name: "SweepStudy",
            dependencies: [
                "SweepDiagnostics", "SweepNumerics", "SweepModel", "SweepCompiler", "SweepEngine", "SweepRun", "SweepNative", "SweepSampling",
                "SweepAnalysis", "SweepReports", "Yams",
            ]
        ),
        .target(
            name: "SweepCLI",
            dependencies: [
                "SweepDiagnostics", "SweepNumerics", "SweepModel", "SweepCompiler", "SweepEngine", "SweepRun", "SweepNative", "SweepSampling", "SweepAnalysis",
                "SweepReports", "SweepStudy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "sdsweep", dependencies: ["SweepCLI"]),

        // The tests' shared helpers: the repository root, `close(_:_:rtol:)`, scratch directories.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SweepNumericsTests", dependencies: ["SweepNumerics"]),
        .testTarget(
            name: "SweepModelTests", dependencies: ["SweepDiagnostics", "SweepModel", "SweepNumerics"],
            exclude: ["Fixtures"]  // data files read by path, beside the tests
        ),
        .testTarget(name: "SweepEngineTests", dependencies: ["SweepModel", "SweepCompiler", "SweepEngine", "SweepNumerics", "TestSupport"]),
        .testTarget(name: "SweepCompilerTests", dependencies: ["SweepDiagnostics", "SweepModel", "SweepCompiler"]),
        .testTarget(name: "SweepRunTests", dependencies: ["SweepRun", "SweepModel", "SweepCompiler", "SweepEngine", "SweepNumerics", "TestSupport"]),
        .testTarget(
            name: "SweepNativeTests",
            dependencies: ["SweepNative", "SweepModel", "SweepCompiler", "SweepEngine", "SweepNumerics", "TestSupport"]
        ),
        .testTarget(name: "SweepSamplingTests", dependencies: ["SweepDiagnostics", "SweepNumerics", "SweepSampling"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SweepAnalysisTests", dependencies: ["SweepAnalysis", "SweepNumerics", "SweepSampling", "TestSupport"], resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "SweepCLITests", dependencies: ["sdsweep", "SweepSampling", "SweepStudy", "TestSupport"]),
        .testTarget(
            name: "SweepStudyTests", dependencies: ["SweepStudy", "SweepModel", "SweepNumerics", "SweepAnalysis", "TestSupport"],
            exclude: ["Expected"]  // read from the repository by path, not bundled
        ),
        .testTarget(name: "SweepReportsTests", dependencies: ["SweepReports"]),
        .testTarget(
            name: "ConformanceTests", dependencies: ["SweepDiagnostics", "SweepModel", "SweepCompiler", "SweepEngine", "SweepNumerics", "TestSupport"]
        ),
        .testTarget(
            name: "FuzzTests",
            dependencies: ["SweepDiagnostics", "SweepModel", "SweepCompiler", "SweepEngine", "SweepSampling", "SweepNumerics"],
            resources: [.copy("Seeds"), .copy("Regressions")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
