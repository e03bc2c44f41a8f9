import ArgumentParser
import SweepStudy

/// `sdsweep oat`: the paper's test — each parameter moved by ±x% alone — in one process.
struct OATCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oat", abstract: "One-at-a-time test: change each parameter alone by ±x% and rank the effects.")

    @OptionGroup var input: StudyInput

    @Option(help: "Relative change of each parameter (0.5 is the paper's +50%).")
    var change: Double?

    @Option(help: "up, down or both.")
    var direction: String?

    func run() throws {
        try CLI.guarded {
            var study = try input.study()
            var s = study.methods.oat ?? Study.OATSettings()
            if let change { guard change > 0 else { throw CLI.UsageError("--change must be positive") }; s.change = change }
            if let direction {
                guard let d = OneAtATime.Directions(rawValue: direction) else { throw CLI.UsageError("--direction must be up, down or both") }
                s.directions = d
            }
            study.methods = Study.Methods()
            study.methods.oat = s
            try input.run(study, method: "oat")
        }
    }
}

import SweepSampling
