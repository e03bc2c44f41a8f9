import ArgumentParser
import Foundation
import SweepStudy

/// `sdsweep run STUDY`: the main job. Baseline, one-at-a-time, global indices, robustness and
/// an HTML report into one folder.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a study end to end and write its results, figures and report into a folder.")

    @Argument(help: "Study file (.yaml).")
    var study: String

    @Option(help: "Output folder (default: results/<study name>).")
    var out: String?

    @Option(help: "Worker threads (default: the study's, else all cores).")
    var threads: Int?

    @Option(help: "Runs per chunk.")
    var chunkSize: Int = 1024

    @Flag(help: "No progress bars or log lines.")
    var quiet = false

    @Flag(help: "Continue an interrupted run from the finished blocks kept in the output folder.")
    var resume = false

    @Flag(help: "Let the analyses drop runs whose outputs are NaN/Inf (reported) instead of refusing them.")
    var dropNonfinite = false

    func run() throws {
        try CLI.guarded {
            if let threads, threads < 1 { throw CLI.UsageError("--threads must be at least 1") }
            guard chunkSize >= 1 else { throw CLI.UsageError("--chunk-size must be at least 1") }
            let study = try Study.load(path: self.study)
            let directory = out ?? "results/" + URL(fileURLWithPath: self.study).deletingPathExtension().lastPathComponent
            let progress = TerminalProgress(quiet: quiet)
            var runner = StudyRunner(study: study, threads: threads, chunkSize: chunkSize, progress: progress)
            runner.dropNonFinite = dropNonfinite
            runner.executor = SweepHost.current.executor(for: runner)
            let interruption = Interruption.install()
            if !SweepHost.current.isDistributed {
                runner.checkpoint = try CLI.checkpointing(in: directory, resume: resume, modelPath: study.modelPath, interruption: interruption)
            } else if resume {
                throw CLI.UsageError("--resume is not available under mpirun: a checkpoint belongs to one process (use shards)")
            }
            let results = try CLI.stoppable(interruption) { try runner.run() }
            guard SweepHost.current.writesResults else { return }
            let files = try results.write(to: directory)
            CLI.removeCheckpoint(in: directory)
            if !quiet {
                for line in results.robustness?.frequencies.summary ?? [] { CLI.printError(line) }
                CLI.printError("wrote \(files.count) files to \(directory)/")
            }
            print((directory as NSString).appendingPathComponent("report.html"))
        }
    }
}

/// Progress bars and log lines on stderr for a study.
struct TerminalProgress: StudyProgress {
    let quiet: Bool

    func begin(_ label: String, _ total: Int) -> any StudyProgressTask {
        ProgressBar(total: total, label: label, quiet: quiet)
    }

    func log(_ line: String) {
        if !quiet { CLI.printError(line) }
    }
}

extension ProgressBar: StudyProgressTask {}
