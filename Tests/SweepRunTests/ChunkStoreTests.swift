import Foundation
import SweepRun
import SweepNumerics
import Testing
import TestSupport

/// `ChunkStore` given damaged, foreign or misplaced files: each is refused or set aside with a
/// reason, never trusted. Small sweeps: 10 runs in chunks of 4 (the last chunk holds 2 runs),
/// two output columns.
@Suite struct ChunkStoreTests {
    /// A fingerprint that differs only where a test says.
    static func fingerprint(model: String, samples: String) -> SweepFingerprint {
        SweepFingerprint(model: model, settings: "", samples: samples, parameters: "", outputs: "")
    }

    static let fingerprint: SweepFingerprint = Self.fingerprint(model: "m1", samples: "s1")
    static let columns = ["C", "D"]

    /// A store of the standard little sweep in `dir`.
    func open(_ dir: String, fingerprint: SweepFingerprint = Self.fingerprint, runs: Int = 10,
              columns: [String] = Self.columns, chunkSize: Int = 4, resume: Bool = true) throws -> ChunkStore {
        try ChunkStore.open(directory: dir, fingerprint: fingerprint, runs: runs, columns: columns, chunkSize: chunkSize, resume: resume)
    }

    /// Chunk `c`'s outputs: run r, column j holds 100·j + r, so a misplaced row shows.
    func outputs(_ store: ChunkStore, chunk c: Int) -> Matrix {
        let rows = store.rows(ofChunk: c)
        return Matrix(rowArrays: rows.map { r in (0..<store.columns.count).map { Double(100 * $0 + r) } })
    }

    /// A store with every chunk written.
    func filled(_ dir: String) throws -> ChunkStore {
        let store = try open(dir)
        for c in store.pendingChunks { try store.write(chunk: c, rows: outputs(store, chunk: c)) }
        return store
    }

    func chunkFile(_ dir: String, _ c: Int) -> String { dir + "/" + String(format: "chunk-%06d.bin", c) }

    /// Opens `dir` again after putting a copy of the file `source` in place of chunk `c`.
    func reopen(_ dir: String, replacingChunk c: Int, with source: String) throws -> ChunkStore {
        try FileManager.default.removeItem(atPath: chunkFile(dir, c))
        try FileManager.default.copyItem(atPath: source, toPath: chunkFile(dir, c))
        return try open(dir)
    }

    /// `store` found every chunk but `c` valid, and set `c` aside for `reason`.
    func expectSetAside(_ store: ChunkStore, chunk c: Int, because reason: String,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(store.pendingChunks == [c], sourceLocation: sourceLocation)
        #expect(store.rejected.map { $0.reason } == [reason], sourceLocation: sourceLocation)
    }

    func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch let e as CheckpointError { return e.message } catch { return "\(error)" }
    }

    @Test func aFreshStoreHasEveryChunkPendingAndAssemblesInRunOrder() throws {
        let dir = try scratchDirectory("chunks").path
        let store = try open(dir, resume: false)
        #expect(!store.resumed)
        #expect(store.chunkCount == 3)
        #expect(store.pendingChunks == [0, 1, 2])
        #expect(store.rows(ofChunk: 2) == 8..<10)
        // Written out of order; assembled by run.
        for c in [2, 0, 1] { try store.write(chunk: c, rows: outputs(store, chunk: c)) }
        #expect(store.pendingChunks.isEmpty)
        let all = try store.assemble()
        #expect(all.rows == 10 && all.columns == 2)
        for r in 0..<10 { #expect(all[r, 0] == Double(r) && all[r, 1] == Double(100 + r), "run \(r)") }
    }

    @Test func resumingKeepsTheVerifiedChunks() throws {
        let dir = try scratchDirectory("chunks").path
        let first = try open(dir)
        try first.write(chunk: 1, rows: outputs(first, chunk: 1))
        let again = try open(dir)
        #expect(again.resumed)
        #expect(again.completedChunks == [1])
        #expect(again.pendingChunks == [0, 2])
        #expect(again.rejected.isEmpty)
        #expect(try again.read(chunk: 1) == outputs(again, chunk: 1))
    }

    /// `resume` on a directory with no manifest starts the sweep there rather than failing.
    @Test func resumeWithoutAManifestStartsAFreshSweep() throws {
        let dir = try scratchDirectory("chunks").path + "/new"
        let store = try open(dir, resume: true)
        #expect(!store.resumed)
        #expect(store.pendingChunks == [0, 1, 2])
        #expect(FileManager.default.fileExists(atPath: dir + "/manifest.json"))
    }

    @Test func aCheckpointIsNotOverwrittenWithoutResume() throws {
        let dir = try scratchDirectory("chunks").path
        _ = try open(dir)
        #expect(message { try open(dir, resume: false) }
                == "'\(dir)' already holds a checkpoint; add --resume to continue it, or remove the directory to start again")
    }

    @Test func truncatedChunkIsSetAsideAndRunAgain() throws {
        let dir = try scratchDirectory("chunks").path
        _ = try filled(dir)
        let path = chunkFile(dir, 1)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 5).write(to: URL(fileURLWithPath: path))
        let store = try open(dir)
        #expect(store.pendingChunks == [1])
        #expect(store.rejected.map { $0.file } == [path])
        #expect(store.rejected.first?.reason == "it has \(bytes.count - 5) bytes, expected \(bytes.count) (truncated or foreign)")
        #expect(FileManager.default.fileExists(atPath: path + ".rejected"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func corruptedChunkFailsItsChecksum() throws {
        let dir = try scratchDirectory("chunks").path
        _ = try filled(dir)
        let path = chunkFile(dir, 0)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[60] ^= 0x01  // one bit of an output value
        try bytes.write(to: URL(fileURLWithPath: path))
        expectSetAside(try open(dir), chunk: 0, because: "checksum mismatch (corrupted)")
    }

    /// A chunk changed after `open` is caught when read, with what to do.
    @Test func chunkCorruptedAfterOpenFailsTheAssembly() throws {
        let dir = try scratchDirectory("chunks").path
        let store = try filled(dir)
        let path = chunkFile(dir, 2)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count - 1] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(message { try store.assemble() }
                == "chunk 2 in '\(dir)': checksum mismatch (corrupted); rerun with --resume to recompute it")
    }

    /// A file of the right size that is not a chunk file at all.
    @Test func foreignFileUnderAChunkNameIsSetAside() throws {
        let dir = try scratchDirectory("chunks").path
        _ = try filled(dir)
        let path = chunkFile(dir, 0)
        let size = try Data(contentsOf: URL(fileURLWithPath: path)).count
        try Data(repeating: 0x41, count: size).write(to: URL(fileURLWithPath: path))
        // A chunk index beyond the sweep, too.
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: chunkFile(dir, 7)))
        let store = try open(dir)
        #expect(store.pendingChunks == [0])
        #expect(store.rejected.map { $0.reason } == ["not an SDSweep chunk file", "not a chunk of this sweep"])
    }

    /// A whole, valid chunk of another sweep (same shape, another fingerprint) is not trusted.
    @Test func chunkOfAnotherSweepHasTheWrongDigest() throws {
        let mine = try scratchDirectory("chunks").path
        let other = try scratchDirectory("chunks").path
        _ = try filled(mine)
        let foreign = try open(other, fingerprint: Self.fingerprint(model: "m2", samples: "s1"))
        try foreign.write(chunk: 1, rows: outputs(foreign, chunk: 1))
        expectSetAside(try reopen(mine, replacingChunk: 1, with: chunkFile(other, 1)), chunk: 1, because: "written by a different sweep")
    }

    /// This sweep's chunk 0 copied to chunk 1's name: valid bytes in the wrong place.
    @Test func chunkUnderAnotherChunksNameIsRefused() throws {
        let dir = try scratchDirectory("chunks").path
        _ = try filled(dir)
        expectSetAside(try reopen(dir, replacingChunk: 1, with: chunkFile(dir, 0)), chunk: 1,
                       because: "its header does not match its place in the sweep")
    }

    @Test func manifestOfAnotherSweepNamesWhatDiffers() throws {
        let dir = try scratchDirectory("chunks").path
        _ = try open(dir)
        let prefix = "checkpoint '\(dir)' belongs to a different sweep: its "
        let suffix = "; use a new directory or remove this one"
        #expect(message { try open(dir, fingerprint: Self.fingerprint(model: "m1", samples: "s2")) } == prefix + "samples differs" + suffix)
        #expect(message { try open(dir, fingerprint: Self.fingerprint(model: "m1", samples: "")) } == prefix + "samples differs" + suffix)
        #expect(message { try open(dir, runs: 12) } == prefix + "number of runs (10 there, 12 now) differs" + suffix)
        #expect(message { try open(dir, columns: ["C"]) } == prefix + "outputs (C, D there) differs" + suffix)
        #expect(message { try open(dir, fingerprint: Self.fingerprint(model: "m9", samples: "s9"), chunkSize: 5) }
                == prefix + "model, samples, chunk size (4 there, 5 now) differ" + suffix)
    }

    @Test func damagedOrForeignManifestIsRefused() throws {
        let dir = try scratchDirectory("chunks").path
        try "{\"format\": \"something-else\"}".write(toFile: dir + "/manifest.json", atomically: true, encoding: .utf8)
        #expect(message { try open(dir) }
                == "not an SDSweep checkpoint manifest (damaged or foreign); remove the directory to start again")
        try "not json".write(toFile: dir + "/manifest.json", atomically: true, encoding: .utf8)
        #expect(message { try open(dir) }
                == "not an SDSweep checkpoint manifest (damaged or foreign); remove the directory to start again")
    }

    @Test func aFileIsNotACheckpointDirectory() throws {
        let file = try scratchDirectory("chunks").path + "/plain"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let error = try #require(throws: CheckpointError.self) { try open(file) }
        #expect(error.message == "checkpoint '\(file)' is a file, not a directory")
        #expect(error.location?.file == file)
    }

    @Test func nonEmptyDirectoryWithoutAManifestIsRefused() throws {
        let dir = try scratchDirectory("chunks").path
        try "results".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        #expect(message { try open(dir) }
                == "'\(dir)' is not empty and holds no manifest.json: not an SDSweep checkpoint; choose a new directory")
        // Hidden files alone do not make a directory foreign.
        let hidden = try scratchDirectory("chunks").path
        try "x".write(toFile: hidden + "/.keep", atomically: true, encoding: .utf8)
        #expect(try open(hidden).pendingChunks == [0, 1, 2])
    }

    /// Temporaries of a write that was killed before its rename are removed on open and never
    /// count as chunks.
    @Test func leftoverTemporariesAreRemoved() throws {
        let dir = try scratchDirectory("chunks").path
        let store = try open(dir)
        try store.write(chunk: 0, rows: outputs(store, chunk: 0))
        let tmp = dir + "/.chunk-1-12345-678.tmp"
        try FileManager.default.copyItem(atPath: chunkFile(dir, 0), toPath: tmp)
        let again = try open(dir)
        #expect(!FileManager.default.fileExists(atPath: tmp))
        #expect(again.completedChunks == [0])
        #expect(again.rejected.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(names == ["chunk-000000.bin", "manifest.json"])
    }

    @Test func assemblingWithAChunkMissingNamesIt() throws {
        let dir = try scratchDirectory("chunks").path
        let store = try open(dir)
        try store.write(chunk: 0, rows: outputs(store, chunk: 0))
        #expect(message { try store.assemble() }
                == "chunk 1 in '\(dir)': cannot read it; rerun with --resume to recompute it")
    }
}
