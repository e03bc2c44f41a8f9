import ArgumentParser
import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNative
import SweepNumerics
import SweepRun

/// `sdsweep evaluate MODEL --samples X.csv`: the batch engine from the command line. The sweep
/// itself (blocks, checkpoint, memory check, stop on a signal, NaN/Inf report, shards) is
/// `CSVSweep`'s; this command reads the flags and prints.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Run a model for every row of a parameter CSV and write one row of outputs per row.",
        discussion: "The samples' header names model constants; each row is one run. Outputs are NAME (at the final time), NAME@TIME or NAME@all (every saved time).")

    @Argument(help: "Model file (.yaml or Vensim .mdl).")
    var model: String

    @Option(help: "CSV of parameter sets: header of constant names, one row per run.")
    var samples: String

    @Option(name: .customLong("output"), help: ArgumentHelp("Output NAME, NAME@TIME or NAME@all (repeatable; default: every stock at the final time).", valueName: "NAME[@TIME]"))
    var outputs: [String] = []

    @Option(help: "Output CSV; stdout without it.")
    var out: String?

    @Flag(help: "Print the compiled programs to stderr.")
    var explain = false

    @Option(help: ArgumentHelp("Also list the runs whose outputs are NaN or infinite (run, parameter values, outputs) in this CSV.", valueName: "FILE.csv"))
    var nonfiniteReport: String?

    @Option(help: ArgumentHelp("Store finished blocks of runs here as they complete, so an interrupted sweep can continue with --resume.", valueName: "DIR"))
    var checkpoint: String?

    @Flag(help: "Continue the sweep stored in --checkpoint DIR; the result is identical to an uninterrupted run.")
    var resume = false

    @Flag(help: "Stream: read the samples, run and write the outputs one block at a time, holding only a block in memory.")
    var outOfCore = false

    @Option(parsing: .unconditional, help: "Runs per block: the unit that is checkpointed (--checkpoint) and streamed (--out-of-core).")
    var block: Int = 65_536

    @Option(help: ArgumentHelp("Memory the sweep may use (e.g. 512M, 8G); default: the SDSWEEP_MEMORY_LIMIT variable, else MemAvailable.", valueName: "SIZE"))
    var memoryLimit: String?

    @Option(help: ArgumentHelp("Run only shard I of N (0-based; contiguous row ranges, as MPI ranks split them) and write it to --out as a shard file; `analyze` merges the N shards.", valueName: "I/N"))
    var shard: String?

    @OptionGroup var runOptions: RunOptions
    @OptionGroup var engineOptions: EngineOptions

    func run() throws {
        try CLI.guarded {
            let shard = try parsedShard()
            let engine = try engineOptions.executor()
            let host = SweepHost.current
            if resume && checkpoint == nil { throw CLI.UsageError("--resume needs --checkpoint DIR") }
            guard block >= 1 else { throw CLI.UsageError("--block must be at least 1") }
            if host.isDistributed && checkpoint != nil {
                throw CLI.UsageError("--checkpoint is not available under mpirun (a checkpoint belongs to one process); split the sweep with --shard I/N instead, which reruns only the shards that failed")
            }
            if shard != nil && (out == nil || out == "-") { throw CLI.UsageError("--shard needs --out FILE: each shard is a file") }
            let model = try runOptions.load(self.model)
            try CLI.input(samples, "CSV")
            for path in [out, nonfiniteReport] { try CLI.output(path) }
            if let checkpoint { try CLI.outputFolder(checkpoint, flag: "--checkpoint", holds: "the finished blocks") }
            let sweep = try CSVSweep(model: model, samples: samples, overrides: try runOptions.parsedOverrides(), outputs: outputs)
            if explain { CLI.printError(sweep.compiled.explain()) }
            let plan = try sweep.prepare(try sweepOptions(shard: shard, update: engine.update), engine: engine.interpreter)
            note(plan)
            let executor = host.executor(engine)
            let used = try executor.plan(sweep.compiled, outputs: sweep.outputs, runs: plan.runs)
            if explain || (used.isNotice && host.writesResults) { CLI.printError("engine: \(used)") }
            let stop = Interruption.install()
            let bar = ProgressBar(total: plan.runs, label: "evaluate [\(used.engine.rawValue)]", quiet: engineOptions.quiet || !host.writesResults)
            let (outcome, nonFinite) = try plan.run(executor: executor, writesResults: host.writesResults,
                                                    progress: { bar.advance($0) }, shouldStop: { stop.isStopRequested })
            bar.finish()
            if case .stopped(let kept, let of) = outcome {
                if let store = plan.store {
                    CLI.printError("kept \(kept) of \(of) finished blocks in '\(store.directory)'; continue with --resume")
                } else {
                    CLI.printError("nothing written")
                }
                throw ExitCode(stop.exitStatus)
            }
            if let summary = nonFinite.summary { CLI.printError(summary) }
        }
    }

    /// The flags as the driver's options; the settings text is what the fingerprint digests:
    /// every setting that changes the numbers.
    func sweepOptions(shard: SweepShard?, update: BatchEngine.StockUpdate) throws -> CSVSweep.Options {
        let limit = try memoryLimit.map { text -> Int in
            guard let v = MemoryEstimate.parse(text) else { throw CLI.UsageError("--memory-limit '\(text)': use bytes or a size like 512M, 8G") }
            return v
        }
        let o = runOptions
        let settings = "method=\(o.method ?? "-");dt=\(o.dt.map { "\($0)" } ?? "-");saveper=\(o.saveper.map { "\($0)" } ?? "-");set=\(o.overrides.joined(separator: "|"));update=\(update.rawValue)"
        return CSVSweep.Options(out: out, nonFiniteReport: nonfiniteReport, checkpoint: checkpoint, resume: resume, outOfCore: outOfCore,
                                block: block, memoryLimit: limit, shard: shard,
                                modelFile: FileManager.default.contents(atPath: model) ?? Data(), settings: settings)
    }

    /// What the sweep is about to do: its blocks when streaming, the checkpoint's state.
    func note(_ plan: CSVSweep.Plan) {
        let quiet = engineOptions.quiet, n = plan.sweep.columns.count
        if outOfCore && !quiet {
            CLI.printError("evaluate: \(plan.runs) runs in blocks of \(plan.blockRows), \(n) output column\(n == 1 ? "" : "s"); memory estimate \(plan.estimate)")
        }
        guard let store = plan.store else { return }
        for warning in store.rejectionWarnings { CLI.printError(warning) }
        if resume && !store.resumed { CLI.printError("note: no checkpoint in '\(store.directory)' yet; starting from the first run") }
        if store.resumed && !quiet {
            CLI.printError("resuming: \(store.completedChunks.count) of \(store.chunkCount) blocks already done")
        }
    }

    /// `--shard I/N` as (I, N), checked.
    func parsedShard() throws -> SweepShard? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw CLI.UsageError("--shard '\(shard)': expected I/N, e.g. 3/64")
        }
        guard n >= 1, i >= 0, i < n else {
            throw CLI.UsageError("--shard '\(shard)': need 0 ≤ I < N (shards are numbered from 0, like SLURM_ARRAY_TASK_ID with --array=0-\(Swift.max(n - 1, 0)))")
        }
        return SweepShard(index: i, count: n)
    }
}
