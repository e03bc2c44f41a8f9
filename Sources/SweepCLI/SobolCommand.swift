import ArgumentParser
import SweepStudy

/// The flags of `sdsweep sobol`: Saltelli design, runs and Sobol' indices in one process.
struct SobolFlags: MethodFlags {
    static let configuration = CommandConfiguration(commandName: "sobol", abstract: "Sobol' indices (S1, ST, optionally S2) with bootstrap intervals, sampled and run in one process.")
    @Option(parsing: .unconditional, help: "Base rows N of the Saltelli design (a power of two).") var n: Int?
    @Option(parsing: .unconditional, help: "Bootstrap resamples.") var bootstrap: Int?
    @Option(parsing: .unconditional, help: "Confidence level of the intervals.") var conf: Double?
    @Flag(help: "Also second-order indices.") var secondOrder = false

    func settings(_ base: Study.SobolSettings) throws -> Study.SobolSettings {
        try .init(base, n: n, bootstrap: bootstrap, confidence: conf, secondOrder: secondOrder ? true : nil)
    }
}
