import ArgumentParser
import SweepStudy

/// `sdsweep sobol`: Saltelli design, runs and Sobol' indices in one process.
struct SobolCommand: MethodCommand {
    static let configuration = CommandConfiguration(
        commandName: "sobol", abstract: "Sobol' indices (S1, ST, optionally S2) with bootstrap intervals, sampled and run in one process.")
    static let method = Study.Method.sobol

    @OptionGroup var input: StudyInput

    @Option(help: "Base rows N of the Saltelli design (a power of two).")
    var n: Int?

    @Option(help: "Bootstrap resamples.")
    var bootstrap: Int?

    @Option(help: "Confidence level of the intervals.")
    var conf: Double?

    @Flag(help: "Also second-order indices.")
    var secondOrder = false

    func methods(_ methods: Study.Methods) throws -> Study.Methods {
        var only = Study.Methods()
        only.sobol = try Study.SobolSettings(
            methods.sobol ?? .init(), n: n, bootstrap: bootstrap, confidence: conf, secondOrder: secondOrder ? true : nil)
        return only
    }
}
