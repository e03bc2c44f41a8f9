import Foundation
import SweepDiagnostics
import SweepNumerics

/// A sweep's finished work on disk: a directory of output chunks that survives a crash, a kill
/// or a Ctrl-C, so a long sweep can stop at any moment and resume without losing or trusting
/// anything it should not.
///
/// The directory holds `manifest.json` (what the sweep is: a fingerprint of its inputs, the
/// number of runs, the output columns and the chunk size) and one `chunk-000123.bin` per
/// finished chunk: a header (magic, fingerprint digest, chunk index, first row, row count,
/// column count), the chunk's output rows as little-endian doubles (column-major), and an
/// FNV-1a 64 checksum of everything before it. A chunk is written to a temporary name and
/// renamed, so its name appears only once it is whole. Chunks are not fsynced: a killed
/// process loses nothing the kernel already has, and after a power loss the checksum catches a
/// torn chunk, which is then simply run again.
///
/// Completion is the set of valid chunk files, not a list in the manifest, so nothing is
/// rewritten per chunk. On open, every chunk is verified; one that is truncated, corrupted or
/// written by another sweep is set aside (renamed `….rejected`) and listed in `rejected`, and
/// its runs count as not done.
///
/// ```swift
/// let store = try ChunkStore.open(directory: "ckpt", fingerprint: fingerprint,
///                                 runs: 1_000_000, columns: ["C"], chunkSize: 65_536, resume: true)
/// for c in store.pendingChunks { try store.write(chunk: c, rows: run(store.rows(ofChunk: c))) }
/// let all = try store.assemble()
/// ```
public final class ChunkStore: @unchecked Sendable {
    public let directory: String
    /// What identifies the sweep; a checkpoint whose fingerprint differs in any field is refused,
    /// naming the fields.
    public let fingerprint: SweepFingerprint
    public let runs: Int
    public let columns: [String]
    public let chunkSize: Int
    /// True when the directory already held this sweep's manifest.
    public let resumed: Bool
    /// Chunk files set aside when opening, with the reason.
    public let rejected: [(file: String, reason: String)]

    private let digest: UInt64
    private let lock = NSLock()
    private var done: Set<Int>

    public var chunkCount: Int { (runs + chunkSize - 1) / chunkSize }

    /// The runs of chunk `c`.
    public func rows(ofChunk c: Int) -> Range<Int> {
        precondition(c >= 0 && c < chunkCount)
        return (c * chunkSize)..<Swift.min(runs, (c + 1) * chunkSize)
    }

    /// Chunks whose outputs are on disk and verified.
    public var completedChunks: Set<Int> {
        lock.lock()
        defer { lock.unlock() }
        return done
    }

    /// Chunks still to run, ascending.
    public var pendingChunks: [Int] {
        let finished = completedChunks
        return (0..<chunkCount).filter { !finished.contains($0) }
    }

    /// Opens (or creates) the checkpoint in `directory`.
    ///
    /// - Parameters:
    ///   - resume: continue a sweep already in `directory`; without it, a directory that holds a
    ///     checkpoint is refused rather than overwritten.
    /// - Throws: `CheckpointError` for a directory that holds another sweep, a checkpoint when
    ///   `resume` is false, a foreign non-empty directory, or an unreadable manifest.
    public static func open(directory: String, fingerprint: SweepFingerprint, runs: Int, columns: [String],
                            chunkSize: Int, resume: Bool) throws -> ChunkStore {
        precondition(runs >= 0 && chunkSize >= 1)
        let fm = FileManager.default
        let manifestPath = directory + "/manifest.json"
        let digest = Self.digest(fingerprint: fingerprint, runs: runs, columns: columns, chunkSize: chunkSize)
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: directory, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw CheckpointError("checkpoint '\(directory)' is a file, not a directory", at: directory)
        }
        let resumed: Bool
        if fm.fileExists(atPath: manifestPath) {
            let manifest = try Manifest.read(path: manifestPath)
            guard resume else {
                throw CheckpointError("'\(directory)' already holds a checkpoint; add --resume to continue it, or remove the directory to start again", at: directory)
            }
            try manifest.check(against: fingerprint, runs: runs, columns: columns, chunkSize: chunkSize, directory: directory)
            resumed = true
        } else {
            if exists {
                let others = try fm.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }
                if !others.isEmpty {
                    throw CheckpointError("'\(directory)' is not empty and holds no manifest.json: not an SDSweep checkpoint; choose a new directory", at: directory)
                }
            }
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let manifest = Manifest(format: Manifest.formatName, version: 1, fingerprint: fingerprint, digest: String(digest, radix: 16),
                                    runs: runs, columns: columns, chunkSize: chunkSize, checksum: "fnv1a64")
            try AtomicFile.write(manifest.json(), to: manifestPath)
            resumed = false
        }
        // Temporaries of writes a killed process never renamed.
        for name in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(".chunk-") {
            try? fm.removeItem(atPath: directory + "/" + name)
        }
        var done = Set<Int>()
        var rejected: [(String, String)] = []
        let chunkCount = (runs + chunkSize - 1) / chunkSize
        for name in try fm.contentsOfDirectory(atPath: directory).sorted() where name.hasPrefix("chunk-") && name.hasSuffix(".bin") {
            let path = directory + "/" + name
            let index = Int(name.dropFirst(6).dropLast(4))
            let problem: String?
            if let index, index >= 0, index < chunkCount {
                let expect = (index * chunkSize)..<Swift.min(runs, (index + 1) * chunkSize)
                problem = ChunkFile.verify(path: path, digest: digest, chunk: index, rows: expect, columns: columns.count).problem
            } else {
                problem = "not a chunk of this sweep"
            }
            if let problem {
                rejected.append((path, problem))
                _ = rename(path, path + ".rejected")
            } else {
                done.insert(index!)
            }
        }
        return ChunkStore(directory: directory, fingerprint: fingerprint, runs: runs, columns: columns, chunkSize: chunkSize,
                          resumed: resumed, rejected: rejected, digest: digest, done: done)
    }

    private init(directory: String, fingerprint: SweepFingerprint, runs: Int, columns: [String], chunkSize: Int,
                 resumed: Bool, rejected: [(String, String)], digest: UInt64, done: Set<Int>) {
        self.directory = directory
        self.fingerprint = fingerprint
        self.runs = runs
        self.columns = columns
        self.chunkSize = chunkSize
        self.resumed = resumed
        self.rejected = rejected
        self.digest = digest
        self.done = done
    }

    /// Stores chunk `chunk`'s outputs: `rows.rows` = its run count, `rows.columns` = `columns.count`.
    /// Safe to call from several threads for different chunks.
    public func write(chunk: Int, rows: Matrix) throws {
        let range = self.rows(ofChunk: chunk)
        precondition(rows.rows == range.count && rows.columns == columns.count, "chunk \(chunk) has the wrong shape")
        let bytes = ChunkFile.encode(rows, digest: digest, chunk: chunk, firstRow: range.lowerBound)
        let path = chunkPath(chunk)
        let tmp = directory + "/.chunk-\(chunk)-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        try Self.writeWithoutSync(bytes, to: tmp)
        guard rename(tmp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw CheckpointError("cannot store chunk \(chunk) in '\(directory)': \(reason)", at: directory)
        }
        lock.lock()
        done.insert(chunk)
        lock.unlock()
    }

    /// Writes `data` to a new file at `path` and closes it, with no fsync: Foundation's
    /// `Data.write(to:)` syncs every file, which made a short checkpointed sweep wait on the disk
    /// once per block (89 fsyncs for `sdsweep sobol` of SIR at N = 131,072). The checksum, not
    /// the sync, is what makes a chunk trustworthy after a crash.
    static func writeWithoutSync(_ data: Data, to path: String) throws {
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CheckpointError("cannot write '\(path)': \(String(cString: strerror(errno)))", at: path) }
        defer { Foundation.close(fd) }
        do {
            try data.withUnsafeBytes { try AtomicFile.writeAll(fd, $0) }
        } catch {
            unlink(path)
            throw CheckpointError("cannot write '\(path)': \(error.localizedDescription)", at: path)
        }
    }

    /// Chunk `chunk`'s outputs, verified again (the file may have changed since `open`).
    public func read(chunk: Int) throws -> Matrix {
        let range = rows(ofChunk: chunk)
        let (matrix, problem) = ChunkFile.verify(path: chunkPath(chunk), digest: digest, chunk: chunk, rows: range, columns: columns.count)
        guard let matrix else {
            throw CheckpointError("chunk \(chunk) in '\(directory)': \(problem ?? "unreadable"); rerun with --resume to recompute it", at: chunkPath(chunk))
        }
        return matrix
    }

    /// Every chunk's outputs as one `runs × columns` matrix.
    /// - Throws: `CheckpointError` if a chunk is missing or fails its checksum.
    public func assemble() throws -> Matrix {
        var out = Matrix(rows: runs, columns: columns.count)
        for c in 0..<chunkCount {
            let range = rows(ofChunk: c)
            let m = try read(chunk: c)
            for j in 0..<columns.count {
                for (i, r) in range.enumerated() { out.storage[r + j * runs] = m.storage[i + j * m.rows] }
            }
        }
        return out
    }

    func chunkPath(_ c: Int) -> String {
        var digits = String(c)
        if digits.count < 6 { digits = String(repeating: "0", count: 6 - digits.count) + digits }
        return directory + "/chunk-" + digits + ".bin"
    }

    static func digest(fingerprint: SweepFingerprint, runs: Int, columns: [String], chunkSize: Int) -> UInt64 {
        var h = FNV1a64()
        for (key, value) in fingerprint.fields { h.update("\(key)=\(value)\n") }
        h.update("runs=\(runs)\nchunkSize=\(chunkSize)\n")
        for c in columns { h.update("column=\(c)\n") }
        return h.value
    }
}

/// `manifest.json`: what a checkpoint directory holds.
struct Manifest: Codable {
    static let formatName = "sdsweep-checkpoint"
    var format: String
    var version: Int
    var fingerprint: SweepFingerprint
    var digest: String
    var runs: Int
    var columns: [String]
    var chunkSize: Int
    var checksum: String

    static func read(path: String) throws -> Manifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CheckpointError("cannot read the checkpoint manifest", at: path)
        }
        guard let m = try? JSONDecoder().decode(Manifest.self, from: data), m.format == formatName else {
            throw CheckpointError("not an SDSweep checkpoint manifest (damaged or foreign); remove the directory to start again", at: path)
        }
        guard m.version == 1 else {
            throw CheckpointError("checkpoint format version \(m.version) is not supported (this sdsweep writes version 1)", at: path)
        }
        return m
    }

    /// Refuses a checkpoint of another sweep, naming what differs.
    func check(against fingerprint: SweepFingerprint, runs: Int, columns: [String], chunkSize: Int, directory: String) throws {
        var differs = fingerprint.differences(from: self.fingerprint)
        if runs != self.runs { differs.append("number of runs (\(self.runs) there, \(runs) now)") }
        if columns != self.columns { differs.append("outputs (\(self.columns.joined(separator: ", ")) there)") }
        if chunkSize != self.chunkSize { differs.append("chunk size (\(self.chunkSize) there, \(chunkSize) now)") }
        if !differs.isEmpty {
            throw CheckpointError("checkpoint '\(directory)' belongs to a different sweep: \(SweepFingerprint.phrase(differs)); use a new directory or remove this one", at: directory + "/manifest.json")
        }
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}

/// The bytes of one chunk file.
enum ChunkFile {
    static let magic: [UInt8] = Array("SDSWCHK1".utf8)
    static let headerSize = 8 + 5 * 8

    static func encode(_ m: Matrix, digest: UInt64, chunk: Int, firstRow: Int) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headerSize + m.storage.count * 8 + 8)
        bytes += magic
        for v in [digest, UInt64(chunk), UInt64(firstRow), UInt64(m.rows), UInt64(m.columns)] {
            withUnsafeBytes(of: v.littleEndian) { bytes += $0 }
        }
        for v in m.storage { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        var h = FNV1a64()
        bytes.withUnsafeBytes { h.update($0) }
        withUnsafeBytes(of: h.value.littleEndian) { bytes += $0 }
        return Data(bytes)
    }

    /// The chunk's matrix, or why it cannot be trusted.
    static func verify(path: String, digest: UInt64, chunk: Int, rows: Range<Int>, columns: Int) -> (matrix: Matrix?, problem: String?) {
        guard let data = FileManager.default.contents(atPath: path) else { return (nil, "cannot read it") }
        let expected = headerSize + rows.count * columns * 8 + 8
        guard data.count == expected else { return (nil, "it has \(data.count) bytes, expected \(expected) (truncated or foreign)") }
        return data.withUnsafeBytes { raw -> (Matrix?, String?) in
            func u64(_ offset: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
            guard Array(raw[0..<8]) == magic else { return (nil, "not an SDSweep chunk file") }
            var h = FNV1a64()
            h.update(UnsafeRawBufferPointer(rebasing: raw[0..<(expected - 8)]))
            guard h.value == u64(expected - 8) else { return (nil, "checksum mismatch (corrupted)") }
            guard u64(8) == digest else { return (nil, "written by a different sweep") }
            guard u64(16) == UInt64(chunk), u64(24) == UInt64(rows.lowerBound), u64(32) == UInt64(rows.count),
                  u64(40) == UInt64(columns) else { return (nil, "its header does not match its place in the sweep") }
            var m = Matrix(rows: rows.count, columns: columns)
            for i in 0..<m.storage.count { m.storage[i] = Double(bitPattern: u64(headerSize + 8 * i)) }
            return (m, nil)
        }
    }
}

/// A checkpoint directory that cannot be used as asked: another sweep's, not a checkpoint, or
/// unreadable. Bad input (exit 2): the message says which directory and what to do.
public struct CheckpointError: InputError, Sendable {
    public var kind: ErrorKind { .unreadable }
    public let location: SourceLocation?
    public let message: String
    public init(_ message: String, at path: String?) {
        self.message = message
        self.location = path.map { SourceLocation(file: $0) }
    }
}
