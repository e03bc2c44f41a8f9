import ArgumentParser
import SweepAnalysis
import SweepStudy

/// The flags of `sdsweep sobol`: Saltelli design, runs and Sobol' indices in one process.
struct SobolFlags: MethodFlags {
    static let configuration = CommandConfiguration(commandName: "sobol", abstract: "Sobol' indices (S1, ST, optionally S2) with bootstrap intervals, sampled and run in one process.")
    @Option(parsing: .unconditional, help: "Base rows N of the Saltelli design, a power of two (default: the study's, else \(Study.SobolSettings().n)).") var n: Int?
    @Option(parsing: .unconditional, help: "Bootstrap resamples (default: the study's, else \(Study.SobolSettings().bootstrap)).") var bootstrap: Int?
    @Option(parsing: .unconditional, help: "Confidence level of the intervals (default: the study's, else \(Study.SobolSettings().confidence)).") var conf: Double?
    @Flag(help: "Also second-order indices (default: the study's, else off).") var secondOrder = false
    @Option(help: "Estimator of S1 and ST: saltelli2010, jansen or janon (default: the study's, else saltelli2010).") var estimator: SobolEstimator?

    func settings(_ base: Study.SobolSettings) throws -> Study.SobolSettings {
        try .init(base, n: n, bootstrap: bootstrap, confidence: conf, secondOrder: secondOrder ? true : nil, estimator: estimator)
    }
}
