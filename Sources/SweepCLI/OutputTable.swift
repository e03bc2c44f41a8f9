import Foundation
import SweepDiagnostics
import SweepNumerics
import SweepRun

/// The outputs `analyze` reads: one CSV, or the shards of one sweep, verified and merged.
struct OutputTable {
    /// What to call the outputs in messages: the file, or the shards' first file.
    var name: String
    var header: [String]
    /// Runs × output columns, in run order.
    var values: Matrix
    /// The file and line of run `row`'s outputs.
    var location: (Int) -> SourceLocation?

    /// - Parameters:
    ///   - paths: one CSV, or shard files (`evaluate --shard`), already glob-expanded.
    ///   - samples: the design the outputs belong to; shards of another design are refused.
    static func load(_ paths: [String], samples: String) throws -> OutputTable {
        let shards = paths.filter(ShardFile.looksLikeShard)
        if shards.isEmpty {
            guard paths.count == 1 else {
                throw CLI.UsageError("\(paths.count) --outputs files given, but none is a shard of `evaluate --shard I/N`: give one outputs CSV, or the shards of one sweep", file: paths[1])
            }
            let table = try CSVRowReader.table(path: paths[0], allowNonFinite: true)
            return OutputTable(name: paths[0], header: table.header, values: table.values) { row in
                row < table.lines.count ? SourceLocation(file: paths[0], line: table.lines[row]) : nil
            }
        }
        if let plain = paths.first(where: { !shards.contains($0) }) {
            throw CLI.UsageError("not a shard, but the other --outputs files are: give only the shards of one sweep", file: plain)
        }
        let set = try ShardSet.load(paths: paths, samples: samples)
        return OutputTable(name: set.shards[0].path, header: set.header, values: try set.matrix()) { set.location(ofRow: $0) }
    }
}
