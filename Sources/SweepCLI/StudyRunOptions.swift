import ArgumentParser
import Foundation
import SweepRun
import SweepStudy

/// How `run` and the one-process method commands run a study's sweeps: threads, chunks,
/// progress, resuming and NaN policy, set up the same way for both.
struct StudyRunOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Worker threads (default: the study's, else all cores).") var threads: Int?
    @Option(parsing: .unconditional, help: "Runs per chunk.") var chunkSize: Int = 1024
    @Option(help: "Engine: auto, native or interpreter (default: the study's engine:, else auto).") var engine: String?
    @Flag(help: "No progress bars or log lines.") var quiet = false
    @Flag(help: "Continue an interrupted run from the finished blocks kept in the output folder.") var resume = false
    @Flag(help: "Let the analyses drop runs whose outputs are NaN/Inf (reported) instead of refusing them.") var dropNonfinite = false

    /// Run by the parser (exit 2 before anything is read).
    func validate() throws {
        try CLI.guarded {
            if let threads, threads < 1 { throw CLI.UsageError("--threads must be at least 1") }
            guard chunkSize >= 1 else { throw CLI.UsageError("--chunk-size must be at least 1") }
            if let engine { _ = try EngineChoice.parse(engine, flag: "--engine") }
        }
    }

    /// Runs `body` with a runner for `study` that keeps its finished blocks in
    /// `<directory>/.checkpoint` (when there is a directory and one process), stops cleanly on
    /// SIGINT/SIGTERM, and spreads its sweeps over MPI ranks under `sdsweep-mpi`. Returns nil on
    /// ranks that do not write results.
    func run<T>(_ study: Study, checkpointIn directory: String?, _ body: (StudyRunner) throws -> T) throws -> T? {
        if let directory, SweepHost.current.writesResults { try CLI.outputFolder(directory, flag: "--out", holds: "the results") }
        let choice = try engine.map { try EngineChoice.parse($0, flag: "--engine") }
        var runner = StudyRunner(study: study, threads: threads, chunkSize: chunkSize, engine: choice, progress: TerminalProgress(quiet: quiet))
        runner.dropNonFinite = dropNonfinite
        runner.executor = SweepHost.current.executor(for: runner)
        if resume && directory == nil { throw CLI.UsageError("--resume needs --out DIR: the finished blocks are kept there") }
        if resume && SweepHost.current.isDistributed {
            throw CLI.UsageError("--resume is not available under mpirun: a checkpoint belongs to one process (use shards)")
        }
        let interruption = Interruption.install()
        if let directory, !SweepHost.current.isDistributed {
            runner.checkpoint = Checkpointing(inFolder: directory, resume: resume, modelPath: study.modelPath,
                                              shouldStop: { interruption.isStopRequested })
        }
        let result = try CLI.stoppable(interruption) { try body(runner) }
        return SweepHost.current.writesResults ? result : nil
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

    func warn(_ line: String) { CLI.printError(line) }
}

extension ProgressBar: StudyProgressTask {}
