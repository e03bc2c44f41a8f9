import ArgumentParser
import Foundation
import SweepRun

/// `sdsweep merge-shards SHARD… --out Y.csv`: the shards of one sweep as the single outputs
/// CSV a one-process `evaluate` writes, byte for byte.
struct MergeShardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-shards",
        abstract: "Check that shards from `evaluate --shard I/N` cover a sweep exactly once and merge them into one outputs CSV.")

    @Argument(help: "The shard files (in any order; a quoted glob is expanded).")
    var shards: [String]

    @Option(help: "The samples CSV the shards were evaluated from: shards of another design are refused.")
    var samples: String?

    @Option(help: "Merged CSV; stdout without it.")
    var out: String?

    func run() throws {
        try CLI.guarded {
            let paths = try ShardSet.expand(shards)
            guard !paths.isEmpty else { throw CLI.UsageError("no shard files given") }
            for path in paths { try CLI.input(path, "shard CSV") }
            if let samples { try CLI.input(samples, "CSV") }
            try CLI.output(out)
            try ShardSet.load(paths: paths, samples: samples).write(to: out)
        }
    }
}
