import ArgumentParser
import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics

/// `sdsweep evaluate MODEL --samples X.csv`: the batch engine from the command line.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Run a model for every row of a parameter CSV and write one row of outputs per row.",
        discussion: "The samples' header names model constants; each row is one run. Outputs are NAME (at the final time) or NAME@TIME.")

    @Argument(help: "Model file (.yaml or Vensim .mdl).")
    var model: String

    @Option(help: "CSV of parameter sets: header of constant names, one row per run.")
    var samples: String

    @Option(name: .customLong("output"), help: ArgumentHelp("Output NAME or NAME@TIME (repeatable; default: every stock at the final time).", valueName: "NAME[@TIME]"))
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

    @Option(help: "Runs per block: the unit that is checkpointed (--checkpoint) and streamed (--out-of-core).")
    var block: Int = 65_536

    @Option(help: ArgumentHelp("Memory the sweep may use (e.g. 512M, 8G); default: the SDSWEEP_MEMORY_LIMIT variable, else MemAvailable.", valueName: "SIZE"))
    var memoryLimit: String?

    @Option(help: ArgumentHelp("Run only shard I of N (0-based; contiguous row ranges, as MPI ranks split them) and write it to --out as a shard file; `analyze` merges the N shards.", valueName: "I/N"))
    var shard: String?

    @OptionGroup var runOptions: RunOptions
    @OptionGroup var engineOptions: EngineOptions

    func run() throws {
        try CLI.guarded {
            try EvaluateSweep(
                modelPath: model, samplesPath: samples, outputs: outputs, out: out, nonFiniteReport: nonfiniteReport,
                checkpoint: checkpoint, resume: resume, outOfCore: outOfCore, block: block, memoryLimit: memoryLimit,
                explain: explain, shard: try parsedShard(), runOptions: runOptions, engineOptions: engineOptions
            ).run()
        }
    }

    /// `--shard I/N` as (I, N), checked.
    func parsedShard() throws -> (index: Int, count: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw CLI.UsageError("--shard '\(shard)': expected I/N, e.g. 3/64")
        }
        guard n >= 1, i >= 0, i < n else {
            throw CLI.UsageError("--shard '\(shard)': need 0 ≤ I < N (shards are numbered from 0, like SLURM_ARRAY_TASK_ID with --array=0-\(Swift.max(n - 1, 0)))")
        }
        return (i, n)
    }
}
