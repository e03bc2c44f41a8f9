import ArgumentParser
import SweepSampling
import SweepStudy

/// `sdsweep oat`: the paper's test — each parameter moved by ±x% alone — in one process.
struct OATCommand: MethodCommand {
    static let configuration = CommandConfiguration(
        commandName: "oat", abstract: "One-at-a-time test: change each parameter alone by ±x% and rank the effects.")
    static let method = Study.Method.oat

    @OptionGroup var input: StudyInput

    @Option(help: "Relative change of each parameter (0.5 is the paper's +50%).")
    var change: Double?

    @Option(help: "up, down or both.")
    var direction: String?

    func methods(_ methods: Study.Methods) throws -> Study.Methods {
        let directions = try direction.map { d in
            guard let parsed = OneAtATime.Directions(rawValue: d) else { throw CLI.UsageError("--direction must be up, down or both") }
            return parsed
        }
        var only = Study.Methods()
        only.oat = try Study.OATSettings(methods.oat ?? .init(), change: change, directions: directions)
        return only
    }
}
