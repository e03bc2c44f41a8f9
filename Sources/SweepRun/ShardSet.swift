import Foundation
import SweepDiagnostics
import SweepEngine
import SweepNumerics

/// The shards of one sweep, checked to cover it exactly once, in row order: what
/// `sdsweep analyze` and `sdsweep merge-shards` read instead of one outputs CSV.
///
/// Every shard must verify (checksum), belong to the same sweep (same fingerprint, split and
/// run count, and, when the samples file is given, its digest), and the set must hold each
/// shard index of the split exactly once. Any failure names the offending file (exit 2).
///
/// ```swift
/// let set = try ShardSet.load(paths: ["y.shard-0.csv", "y.shard-1.csv"], samples: "x.csv")
/// let y = try set.matrix()
/// ```
public struct ShardSet: Sendable {
    /// Ordered by shard index.
    public var shards: [ShardFile]
    public var runs: Int { shards[0].manifest.runs }
    public var header: [String] { shards[0].header }

    /// Expands glob patterns (quoted on the command line so the shell left them alone) into
    /// the files they match, in name order; other arguments pass through.
    public static func expand(_ arguments: [String]) throws -> [String] {
        var out: [String] = []
        for arg in arguments {
            guard arg.contains(where: { "*?[".contains($0) }), !FileManager.default.fileExists(atPath: arg) else {
                out.append(arg)
                continue
            }
            var g = glob_t()
            defer { globfree(&g) }
            guard glob(arg, 0, nil, &g) == 0 else { throw ShardError("no file matches '\(arg)'") }
            var matches: [String] = []
            for i in 0..<Int(g.gl_pathc) { if let p = g.gl_pathv[i] { matches.append(String(cString: p)) } }
            out += matches.sorted()
        }
        return out
    }

    /// Reads, verifies and orders the shards in `paths`.
    ///
    /// - Parameter samples: the samples file the shards should have been evaluated from;
    ///   shards of another design are refused.
    /// - Throws: `ShardError` naming the file: unreadable, not a shard, corrupted, of
    ///   another sweep or split, given twice, or (naming the rows) a shard that is missing.
    public static func load(paths: [String], samples: String?) throws -> ShardSet {
        precondition(!paths.isEmpty)
        let files = try paths.map { try ShardFile.read(path: $0) }
        let reference = files[0]
        let samplesDigest = try samples.map { try CSVRowReader.scan(path: $0, hashing: true).hash.hex }
        if let samplesDigest, let samples, reference.manifest.fingerprint.samples != samplesDigest {
            throw ShardError("this shard was evaluated from other samples than '\(samples)' (its samples digest differs)", file: reference.path)
        }
        var byIndex: [Int: ShardFile] = [:]
        for f in files {
            let m = f.manifest, r = reference.manifest
            if m.shards != r.shards || m.runs != r.runs {
                throw ShardError("this shard is \(m.shard)/\(m.shards) of a sweep of \(m.runs) runs, but '\(reference.path)' is \(r.shard)/\(r.shards) of \(r.runs) runs: shards of different splits or sweeps cannot be merged", file: f.path)
            }
            if m.fingerprint != r.fingerprint {
                let differs = m.fingerprint.differences(from: r.fingerprint)
                throw ShardError("this shard belongs to a different sweep than '\(reference.path)': \(SweepFingerprint.phrase(differs))", file: f.path)
            }
            // `ShardFile.read` checked 0 ≤ shard < shards.
            let expected = RowPartition(runs: m.runs, parts: m.shards).range(of: m.shard)
            guard m.rows == expected else {
                throw ShardError("this shard claims rows \(m.first)..<\(m.first + m.count), which are not shard \(m.shard)/\(m.shards)'s (\(expected.lowerBound)..<\(expected.upperBound))", file: f.path)
            }
            if let other = byIndex[m.shard] {
                throw ShardError("shard \(m.shard)/\(m.shards) is given twice: '\(other.path)' and '\(f.path)'; each shard must appear once", file: f.path)
            }
            byIndex[m.shard] = f
        }
        let n = reference.manifest.shards
        let missing = (0..<n).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            let split = RowPartition(runs: reference.manifest.runs, parts: n)
            let listed = missing.prefix(5).map { i in
                let r = split.range(of: i)
                return "\(i) (rows \(r.lowerBound)..<\(r.upperBound))"
            }.joined(separator: ", ")
            throw ShardError("\(missing.count) of \(n) shards missing: shard\(missing.count == 1 ? "" : "s") \(listed)\(missing.count > 5 ? ", …" : ""); evaluate \(missing.count == 1 ? "it" : "them") with --shard I/\(n)", file: reference.path)
        }
        return ShardSet(shards: (0..<n).map { byIndex[$0]! })
    }

    /// All outputs in row order, runs × columns.
    public func matrix() throws -> Matrix {
        var out = Matrix(rows: runs, columns: header.count)
        for s in shards {
            let m = try s.matrix()
            let first = s.manifest.first
            for c in 0..<m.columns {
                for r in 0..<m.rows { out.storage[first + r + c * runs] = m.storage[r + c * m.rows] }
            }
        }
        return out
    }

    /// Where run `row`'s outputs are: the shard and its line (manifest and header come first).
    public func location(ofRow row: Int) -> SourceLocation {
        let s = shards.first { $0.manifest.rows.contains(row) } ?? shards[0]
        return SourceLocation(file: s.path, line: row - s.manifest.first + 3)
    }

    /// The single-process CSV: the header and every shard's rows, as written.
    public func write(to path: String?) throws {
        let writer = try CSVNumberWriter(path: path, header: header)
        for s in shards {
            // Shards hold the writer's own bytes; passed through, not reformatted.
            try writer.write(raw: s.data)
        }
        try writer.commit()
    }
}
