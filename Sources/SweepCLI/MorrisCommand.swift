import ArgumentParser
import SweepStudy

/// `sdsweep morris`: Morris trajectories, runs and elementary-effect statistics in one process.
struct MorrisCommand: MethodCommand {
    static let configuration = CommandConfiguration(
        commandName: "morris", abstract: "Morris screening (μ, μ*, σ) sampled and run in one process.")
    static let method = Study.Method.morris

    @OptionGroup var input: StudyInput

    @Option(help: "Trajectories r.")
    var trajectories: Int?

    @Option(help: "Grid levels p.")
    var levels: Int?

    @Option(help: "Candidate trajectories M to choose the r most spread from (Campolongo et al. 2007).")
    var candidates: Int?

    func methods(_ methods: Study.Methods) throws -> Study.Methods {
        var only = Study.Methods()
        only.morris = try Study.MorrisSettings(methods.morris ?? .init(), trajectories: trajectories, levels: levels, candidates: candidates)
        return only
    }
}
