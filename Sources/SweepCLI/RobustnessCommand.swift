import ArgumentParser
import SweepStudy

/// `sdsweep robustness`: how often each factor ranks first, second, … under the one-at-a-time
/// test over a Latin hypercube of the whole parameter space.
struct RobustnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "robustness", abstract: "Ranking robustness of the one-at-a-time test over the uncertain parameter space.")

    @OptionGroup var input: StudyInput

    @Option(help: "Points of the Latin hypercube.")
    var n: Int?

    @Option(help: "Relative change of the one-at-a-time test at each point.")
    var change: Double?

    func run() throws {
        try CLI.guarded {
            var study = try input.study()
            var s = study.methods.robustness ?? Study.RobustnessSettings()
            if let n { guard n >= 1 else { throw CLI.UsageError("--n must be at least 1") }; s.n = n }
            if let change { guard change > 0 else { throw CLI.UsageError("--change must be positive") }; s.change = change }
            study.methods = Study.Methods()
            study.methods.robustness = s
            try input.run(study, method: "robustness")
        }
    }
}
