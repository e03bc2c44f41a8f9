// swift-tools-version: 6.0
import PackageDescription

// sdsweep-mpi: the sdsweep commands with each sweep spread over MPI ranks (Open MPI).
// A package of its own so the root package's default build needs no MPI:
//   swift build --package-path MPI     (needs libopenmpi-dev; run with mpirun)
// C stays at the edge: only SweepMPI imports CMPI.
let package = Package(
    name: "SDSweepMPI",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sdsweep-mpi", targets: ["sdsweep-mpi"]),
    ],
    dependencies: [
        .package(name: "SDSweep", path: ".."),
    ],
    targets: [
        .systemLibrary(
            name: "CMPI",
            pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]
        ),
        .target(
            name: "SweepMPI",
            dependencies: ["CMPI", .product(name: "SDSweep", package: "SDSweep")]
        ),
        .executableTarget(
            name: "sdsweep-mpi",
            dependencies: ["SweepMPI", .product(name: "SDSweepCLI", package: "SDSweep")]
        ),
        .testTarget(
            name: "SweepMPITests",
            dependencies: ["sdsweep-mpi", .product(name: "sdsweep", package: "SDSweep")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
