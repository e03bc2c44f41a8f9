import ArgumentParser
import SweepStudy

/// `sdsweep morris`: Morris trajectories, runs and elementary-effect statistics in one process.
struct MorrisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "morris", abstract: "Morris screening (μ, μ*, σ) sampled and run in one process.")

    @OptionGroup var input: StudyInput

    @Option(help: "Trajectories r.")
    var trajectories: Int?

    @Option(help: "Grid levels p.")
    var levels: Int?

    @Option(help: "Candidate trajectories M to choose the r most spread from (Campolongo et al. 2007).")
    var candidates: Int?

    func run() throws {
        try CLI.guarded {
            var study = try input.study()
            var s = study.methods.morris ?? Study.MorrisSettings()
            if let trajectories { guard trajectories >= 1 else { throw CLI.UsageError("--trajectories must be at least 1") }; s.trajectories = trajectories }
            if let levels { guard levels >= 2 else { throw CLI.UsageError("--levels must be at least 2") }; s.levels = levels }
            if let candidates { s.candidates = candidates }
            study.methods = Study.Methods()
            study.methods.morris = s
            try input.run(study, method: "morris")
        }
    }
}
