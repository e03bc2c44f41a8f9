import ArgumentParser
import SweepStudy

/// `sdsweep sobol`: Saltelli design, runs and Sobol' indices in one process.
struct SobolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sobol", abstract: "Sobol' indices (S1, ST, optionally S2) with bootstrap intervals, sampled and run in one process.")

    @OptionGroup var input: StudyInput

    @Option(help: "Base rows N of the Saltelli design (a power of two).")
    var n: Int?

    @Option(help: "Bootstrap resamples.")
    var bootstrap: Int?

    @Option(help: "Confidence level of the intervals.")
    var conf: Double?

    @Flag(help: "Also second-order indices.")
    var secondOrder = false

    func run() throws {
        try CLI.guarded {
            var study = try input.study()
            var s = study.methods.sobol ?? Study.SobolSettings()
            if let n { guard n >= 1 else { throw CLI.UsageError("--n must be at least 1") }; s.n = n }
            if let bootstrap { guard bootstrap >= 2 else { throw CLI.UsageError("--bootstrap must be at least 2") }; s.bootstrap = bootstrap }
            if let conf { guard conf > 0, conf < 1 else { throw CLI.UsageError("--conf must be strictly between 0 and 1") }; s.confidence = conf }
            if secondOrder { s.secondOrder = true }
            study.methods = Study.Methods()
            study.methods.sobol = s
            try input.run(study, method: "sobol")
        }
    }
}
