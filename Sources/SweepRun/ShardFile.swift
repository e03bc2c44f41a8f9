import Foundation
import SweepNumerics

/// One shard of an evaluated sweep: the output rows of a contiguous range of runs, written by
/// `sdsweep evaluate --shard I/N`, with what it takes to prove that a set of shards is one
/// whole sweep.
///
/// A shard is the CSV `evaluate` writes for its rows, between two comment lines:
///
/// ```
/// # sdsweep-shard {"count":1563,"fingerprint":{…},"first":4689,"runs":100000,"shard":3,"shards":64,"version":1}
/// Innovation Capability
/// 0.4123
/// …
/// # fnv1a64 0123456789abcdef
/// ```
///
/// The first line says which rows these are (`first`, `count`: `RowPartition`'s range of shard
/// `shard` of `shards` over `runs`) and of which sweep (the `SweepFingerprint` a checkpoint
/// uses: model, settings, samples, parameters and outputs, each an FNV-1a digest). The last line is
/// the FNV-1a 64 checksum of every byte before it, so a truncated or edited shard is caught.
/// Between them is plain CSV (pandas reads a shard with `comment="#"`); the data rows of all
/// shards, in order, are byte for byte the rows of a single-process `evaluate`.
public struct ShardFile: Sendable {
    /// The first line's JSON.
    public struct Manifest: Codable, Equatable, Sendable {
        public var version = 1
        public var shard: Int
        public var shards: Int
        public var first: Int
        public var count: Int
        public var runs: Int
        public var fingerprint: SweepFingerprint

        public var rows: Range<Int> { first..<(first + count) }

        public init(shard: Int, shards: Int, first: Int, count: Int, runs: Int, fingerprint: SweepFingerprint) {
            self.shard = shard
            self.shards = shards
            self.first = first
            self.count = count
            self.runs = runs
            self.fingerprint = fingerprint
        }
    }

    static let prefix = "# sdsweep-shard "
    static let checksumPrefix = "# fnv1a64 "

    public var path: String
    public var manifest: Manifest
    /// The CSV header (output names).
    public var header: [String]
    /// The data rows exactly as written, each ending in a newline.
    public var data: Data

    /// A writer for a shard's rows: the manifest line, then the CSV; finish it with
    /// `writer.commit(trailer: ShardFile.trailer)`.
    public static func writer(path: String, manifest: Manifest, header: [String]) throws -> CSVNumberWriter {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(manifest), as: UTF8.self)
        return try CSVNumberWriter(path: path, header: header, preamble: prefix + json + "\n", checksummed: true)
    }

    /// The checksum line.
    public static func trailer(_ hash: FNV1a64) -> String { checksumPrefix + hash.hex + "\n" }

    /// Whether `path` starts like a shard (without verifying it).
    public static func looksLikeShard(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: prefix.utf8.count)) ?? Data()
        return start == Data(prefix.utf8)
    }

    /// Reads and verifies the shard at `path`.
    /// - Throws: `ShardError` naming the file: not a shard, truncated, or corrupted.
    public static func read(path: String) throws -> ShardFile {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw ShardError("cannot read shard", file: path)
        }
        let newline = UInt8(ascii: "\n")
        guard bytes.starts(with: Data(prefix.utf8)), let firstEnd = bytes.firstIndex(of: newline) else {
            throw ShardError("not an SDSweep shard (its first line is not '\(prefix.trimmingCharacters(in: .whitespaces)) …')", file: path)
        }
        // The trailer is the last line; without it the file was cut short.
        guard bytes.last == newline, let trailerStart = bytes[..<(bytes.endIndex - 1)].lastIndex(of: newline).map({ $0 + 1 }),
              trailerStart > firstEnd,
              let trailer = String(data: bytes[trailerStart...], encoding: .utf8), trailer.hasPrefix(checksumPrefix) else {
            throw ShardError("shard is truncated: its last line is not the '\(checksumPrefix.trimmingCharacters(in: .whitespaces)) …' checksum", file: path)
        }
        var hash = FNV1a64()
        bytes[..<trailerStart].withUnsafeBytes { hash.update($0) }
        guard trailer.dropFirst(checksumPrefix.count).trimmingCharacters(in: .whitespacesAndNewlines) == hash.hex else {
            throw ShardError("shard checksum mismatch: the file was changed or damaged after it was written; evaluate this shard again", file: path)
        }
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: bytes[(bytes.startIndex + prefix.utf8.count)..<firstEnd]),
              manifest.version == 1 else {
            throw ShardError("shard manifest (line 1) is not one this sdsweep reads (version 1)", file: path)
        }
        // A checksum proves the bytes are whole, not that whoever wrote them was sane.
        guard manifest.shards >= 1, manifest.shard >= 0, manifest.shard < manifest.shards, manifest.first >= 0,
              manifest.count >= 0, manifest.runs >= 0, manifest.first <= manifest.runs - manifest.count else {
            throw ShardError("shard manifest (line 1) is inconsistent: shard \(manifest.shard)/\(manifest.shards), rows from \(manifest.first), \(manifest.count) of \(manifest.runs)", file: path)
        }
        let csv = bytes[(firstEnd + 1)..<trailerStart]
        guard let headerEnd = csv.firstIndex(of: newline) else {
            throw ShardError("shard has no CSV header", file: path)
        }
        let header = try CSVRowReader(bytes: Array(csv[..<headerEnd]), file: path, firstLine: 2).header
        let data = Data(csv[(headerEnd + 1)...])
        let rows = data.reduce(0) { $0 + ($1 == newline ? 1 : 0) }
        guard rows == manifest.count else {
            throw ShardError("shard holds \(rows) rows but its manifest says \(manifest.count)", file: path)
        }
        return ShardFile(path: path, manifest: manifest, header: header, data: data)
    }

    /// The shard's outputs, runs × columns; errors name the shard's own lines.
    public func matrix() throws -> Matrix {
        // The header again on line 2 (line 1 is the manifest), so the reader's line numbers are
        // the file's.
        let text = Array(CSVFormat.line(header).utf8) + data
        return try CSVRowReader.table(bytes: text, file: path, firstLine: 2, allowNonFinite: true).values
    }
}
