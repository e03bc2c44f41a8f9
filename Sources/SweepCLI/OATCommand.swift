import ArgumentParser
import SweepSampling
import SweepStudy

/// The flags of `sdsweep oat`: the paper's test — each parameter moved by ±x% alone — in one
/// process.
struct OATFlags: MethodFlags {
    static let configuration = CommandConfiguration(commandName: "oat", abstract: "One-at-a-time test: change each parameter alone by ±x% and rank the effects.")
    @Option(parsing: .unconditional, help: "Relative change of each parameter, 0.5 is the paper's +50% (default: the study's, else \(Study.OATSettings().change)).") var change: Double?
    @Option(help: "up, down or both (default: the study's, else \(Study.OATSettings().directions.rawValue)).") var direction: String?

    func settings(_ base: Study.OATSettings) throws -> Study.OATSettings {
        let changed = try Study.OATSettings(base, change: change)
        guard let direction else { return changed }
        guard let d = OneAtATime.Directions(rawValue: direction) else { throw CLI.UsageError("--direction must be up, down or both") }
        return try .init(changed, directions: d)
    }
}
