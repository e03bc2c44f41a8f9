import ArgumentParser
import SweepStudy

/// The flags of `sdsweep morris`: Morris trajectories, runs and elementary-effect statistics in
/// one process.
struct MorrisFlags: MethodFlags {
    static let configuration = CommandConfiguration(commandName: "morris", abstract: "Morris screening (μ, μ*, σ) sampled and run in one process.")
    @Option(parsing: .unconditional, help: "Trajectories r (default: the study's, else \(Study.MorrisSettings().trajectories)).") var trajectories: Int?
    @Option(parsing: .unconditional, help: "Grid levels p (default: the study's, else \(Study.MorrisSettings().levels)).") var levels: Int?
    @Option(parsing: .unconditional, help: "Candidate trajectories M to choose the r most spread from (Campolongo et al. 2007; default: the study's, else none: r random trajectories).") var candidates: Int?

    func settings(_ base: Study.MorrisSettings) throws -> Study.MorrisSettings {
        try .init(base, trajectories: trajectories, levels: levels, candidates: candidates)
    }
}
