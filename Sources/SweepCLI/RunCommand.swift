import ArgumentParser
import Foundation
import SweepStudy

/// `sdsweep run STUDY`: the main job. Baseline, one-at-a-time, global indices, robustness and
/// an HTML report into one folder.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a study end to end and write its results, figures and report into a folder.")

    @Argument(help: "Study file (.yaml).") var study: String
    @Option(help: "Output folder (default: results/<study name>).") var out: String?
    @OptionGroup var options: StudyRunOptions

    func run() throws {
        try CLI.guarded {
            try CLI.input(self.study, "study")
            let study = try Study.load(path: self.study)
            let directory = out ?? "results/" + URL(fileURLWithPath: self.study).deletingPathExtension().lastPathComponent
            guard let results = try options.run(study, checkpointIn: directory, { try $0.run() }) else { return }
            let files = try results.write(to: directory)
            CLI.removeCheckpoint(in: directory)
            if !options.quiet {
                for line in results.robustness?.frequencies.summary ?? [] { CLI.printError(line) }
                CLI.printError("wrote \(files.count) files to \(directory)/")
            }
            print((directory as NSString).appendingPathComponent("report.html"))
        }
    }
}
