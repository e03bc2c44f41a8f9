import ArgumentParser
import SweepStudy

/// `sdsweep robustness`: how often each factor ranks first, second, … under the one-at-a-time
/// test over a Latin hypercube of the whole parameter space.
struct RobustnessCommand: MethodCommand {
    static let configuration = CommandConfiguration(
        commandName: "robustness", abstract: "Ranking robustness of the one-at-a-time test over the uncertain parameter space.")
    static let method = Study.Method.robustness

    @OptionGroup var input: StudyInput

    @Option(help: "Points of the Latin hypercube.")
    var n: Int?

    @Option(help: "Relative change of the one-at-a-time test at each point.")
    var change: Double?

    func methods(_ methods: Study.Methods) throws -> Study.Methods {
        var only = Study.Methods()
        only.robustness = try Study.RobustnessSettings(methods.robustness ?? .init(), n: n, change: change)
        return only
    }
}
