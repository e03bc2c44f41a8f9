import Foundation
import SweepEngine
import SweepModel
import SweepNumerics
import SweepRun
import Testing
import TestSupport


/// `evaluate`'s sweep from a samples CSV, and the shards it writes, read back and merged.
@Suite struct CSVSweepTests {
    /// A samples CSV of 101 rows (the SIR sweep's), written into `dir`.
    func samples(in dir: String) throws -> String {
        let x = try SIRSweep().x
        var text = "Contact Rate,Recovery Time\n"
        for r in 0..<x.rows { text += "\(x[r, 0]),\(x[r, 1])\n" }
        let path = dir + "/x.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func evaluate(_ samples: String, _ options: CSVSweep.Options) throws -> SweepOutcome {
        let model = try Model.load(path: Repository.root + "/configs/sir.yaml")
        let sweep = try CSVSweep(model: model, samples: samples, outputs: ["Infected", "Infected@10"])
        let engine = BatchEngine(threads: 2, chunkSize: 4)
        return try sweep.prepare(options, engine: engine).run(executor: engine).outcome
    }

    /// Streamed in blocks of 9, the outputs CSV has the bytes of the sweep held in memory.
    @Test func streamedBlocksWriteTheBytesOfOneBlock() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let x = try samples(in: dir)
        #expect(try evaluate(x, .init(out: dir + "/whole.csv")) == .finished)
        #expect(try evaluate(x, .init(out: dir + "/streamed.csv", outOfCore: true, block: 9)) == .finished)
        let whole = try Data(contentsOf: URL(fileURLWithPath: dir + "/whole.csv"))
        #expect(whole == (try Data(contentsOf: URL(fileURLWithPath: dir + "/streamed.csv"))))
        #expect(String(decoding: whole, as: UTF8.self).hasPrefix("Infected,Infected@10\n"))
    }

    /// Three shards of the sweep round-trip their manifests (rows, split, fingerprint), and
    /// merged they are byte for byte the single-process CSV; a shard of other samples is
    /// refused by the fingerprint's samples digest.
    @Test func shardManifestsRoundTripAndMerge() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let x = try samples(in: dir)
        #expect(try evaluate(x, .init(out: dir + "/whole.csv")) == .finished)
        var paths: [String] = []
        for i in 0..<3 {
            let path = dir + "/y.shard-\(i).csv"
            let options = CSVSweep.Options(out: path, shard: SweepShard(index: i, count: 3), modelFile: Data("m".utf8), settings: "update=auto")
            #expect(try evaluate(x, options) == .finished)
            paths.append(path)
        }
        let files = try paths.map { try ShardFile.read(path: $0) }
        #expect(files.map(\.manifest.rows) == [0..<34, 34..<68, 68..<101])
        #expect(files.allSatisfy { $0.manifest.runs == 101 && $0.manifest.shards == 3 && $0.header == ["Infected", "Infected@10"] })
        let digest = try CSVRowReader.scan(path: x, hashing: true).hash.hex
        let fingerprint = files[0].manifest.fingerprint
        #expect(fingerprint.samples == digest && fingerprint.settings == FNV1a64.hex("update=auto"))
        #expect(fingerprint.stage == nil && fingerprint.shard == nil)
        #expect(files.allSatisfy { $0.manifest.fingerprint == fingerprint })

        let set = try ShardSet.load(paths: paths.reversed(), samples: x)
        #expect(set.shards.map(\.path) == paths)
        try set.write(to: dir + "/merged.csv")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/merged.csv")) == Data(contentsOf: URL(fileURLWithPath: dir + "/whole.csv")))

        let otherSamples = dir + "/other.csv"
        try (try String(contentsOfFile: x, encoding: .utf8)).replacingOccurrences(of: "\n2.0,", with: "\n2.5,").write(toFile: otherSamples, atomically: true, encoding: .utf8)
        #expect(throws: ShardError.self) { try ShardSet.load(paths: paths, samples: otherSamples) }
        do {
            _ = try ShardSet.load(paths: paths, samples: otherSamples)
        } catch let error as ShardError {
            #expect(error.message.contains("(its samples digest differs)") && error.location?.file == paths[0], "\(error)")
        }
    }

    /// A shard written by hand with `ShardFile.writer` reads back with the same manifest.
    @Test func shardFileWriterRoundTrip() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fingerprint = SweepFingerprint(model: "1", settings: "2", samples: "3", parameters: "4", outputs: "5")
        let manifest = ShardFile.Manifest(shard: 1, shards: 2, first: 2, count: 2, runs: 4, fingerprint: fingerprint)
        let writer = try ShardFile.writer(path: dir + "/s.csv", manifest: manifest, header: ["A"])
        try writer.write(Matrix(rows: 2, columns: 1, storage: [0.5, -1]))
        try writer.commit(trailer: { ShardFile.trailer($0) })
        #expect(ShardFile.looksLikeShard(path: dir + "/s.csv"))
        let read = try ShardFile.read(path: dir + "/s.csv")
        #expect(read.manifest == manifest)
        #expect(read.header == ["A"])
        #expect(sameBits(try read.matrix(), Matrix(rows: 2, columns: 1, storage: [0.5, -1])))
    }
}
