import ArgumentParser
import SweepStudy

/// The flags of `sdsweep robustness`: how often each factor ranks first, second, … under the
/// one-at-a-time test over a Latin hypercube of the whole parameter space.
struct RobustnessFlags: MethodFlags {
    static let configuration = CommandConfiguration(commandName: "robustness", abstract: "Ranking robustness of the one-at-a-time test over the uncertain parameter space.")
    @Option(parsing: .unconditional, help: "Points of the Latin hypercube (default: the study's, else \(Study.RobustnessSettings().n)).") var n: Int?
    @Option(parsing: .unconditional, help: "Relative change of the one-at-a-time test at each point (default: the study's, else \(Study.RobustnessSettings().change)).") var change: Double?

    @Option(parsing: .unconditional, help: "Relative difference below which two effects share a rank (default: the study's, else \(Study.RobustnessSettings().tieTolerance)).") var tieTolerance: Double?

    func settings(_ base: Study.RobustnessSettings) throws -> Study.RobustnessSettings {
        try .init(base, n: n, change: change, tieTolerance: tieTolerance)
    }
}
