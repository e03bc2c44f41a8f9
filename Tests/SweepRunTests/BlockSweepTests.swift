import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics
import SweepRun
import Testing
import TestSupport

private let sirPath = Repository.root + "/configs/sir.yaml"

/// The SIR model with two per-run parameters, and `runs` parameter rows; a `Recovery Time`
/// of 0 in every 13th row divides by zero, so those runs' outputs are NaN or ±∞.
struct SIRSweep {
    let compiled: CompiledModel
    let series: [OutputSeries]
    let x: Matrix

    init(runs: Int = 101) throws {
        let model = try Model.load(path: sirPath)
        let compiled = try Compiler.compile(model, parameters: ["Contact Rate", "Recovery Time"], outputs: ["Infected"])
        self.compiled = compiled
        series = try ["Infected", "Infected@10"].map { try OutputSeries.parse($0, in: compiled) }
        var x = Matrix(rows: runs, columns: 2)
        for r in 0..<runs {
            x[r, 0] = 2 + Double(r % 17) / 4
            x[r, 1] = r % 13 == 5 ? 0 : 3 + Double(r % 11)
        }
        self.x = x
    }

    func sweep(blockRows: Int, store: ChunkStore? = nil, executor: any SweepExecutor = BatchEngine(threads: 2, chunkSize: 5),
               shouldStop: (@Sendable () -> Bool)? = nil) -> BlockSweep {
        BlockSweep(model: compiled, outputs: series, executor: executor, runs: x.rows, blockRows: blockRows, store: store,
                   shouldStop: shouldStop)
    }

    /// The whole sweep in one call of the engine: what every blocked, stored or resumed sweep
    /// must equal bit for bit.
    var reference: Matrix { BatchEngine(threads: 1).run(compiled, parameters: x, outputs: series).values }

    func fingerprint(samples: Matrix? = nil, stage: String? = "test") -> SweepFingerprint {
        SweepFingerprint(model: Data("sir".utf8), settings: "update=auto", samples: SweepFingerprint.digest(of: samples ?? x),
                         parameters: compiled.parameters, outputs: series.flatMap(\.columnNames), stage: stage)
    }
}

func scratch() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweeprun-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Bit for bit, NaN included.
func sameBits(_ a: Matrix, _ b: Matrix) -> Bool {
    a.rows == b.rows && a.columns == b.columns && zip(a.storage, b.storage).allSatisfy { $0.bitPattern == $1.bitPattern }
}

/// Counts the runs an executor is asked to run.
final class CountingExecutor: SweepExecutor, @unchecked Sendable {
    let engine = BatchEngine(threads: 1, chunkSize: 4)
    private let lock = NSLock()
    private var total = 0
    var runs: Int { lock.withLock { total } }

    func plan(_ model: CompiledModel, outputs: [OutputSeries], runs: Int) -> EnginePlan {
        engine.plan(model, outputs: outputs, runs: runs)
    }

    func run(_ model: CompiledModel, parameters: Matrix, outputs: [OutputSeries],
             progress: (@Sendable (Int) -> Void)?, shouldStop: (@Sendable () -> Bool)?) -> OutputMatrix {
        lock.withLock { total += parameters.rows }
        return engine.run(model, parameters: parameters, outputs: outputs, progress: progress, shouldStop: shouldStop)
    }
}

/// Remembers the blocks a sweep hands it.
final class RecordingSink: SweepSink {
    var blocks: [SweepBlock] = []
    func accept(_ block: SweepBlock) throws { blocks.append(block) }
}

@Suite struct BlockSweepTests {
    /// 101 runs in blocks of 7 (the last one of 3): every block in order, covering the runs
    /// once, and the assembled matrix equal to one call of the engine.
    @Test func blocksCoverTheRunsInOrderAndEqualOneRun() throws {
        let s = try SIRSweep()
        let sweep = s.sweep(blockRows: 7)
        #expect(sweep.blockCount == 15)
        let recorded = RecordingSink()
        #expect(try sweep.run(from: MatrixRows(s.x), into: recorded) == .finished)
        #expect(recorded.blocks.map(\.index) == Array(0..<15))
        #expect(recorded.blocks.map(\.runs) == (0..<15).map { sweep.rows(ofBlock: $0) })
        #expect(recorded.blocks.last?.runs == 98..<101)

        let collected = MatrixSink(runs: s.x.rows, columns: sweep.columns.count)
        #expect(try sweep.run(from: MatrixRows(s.x), into: collected) == .finished)
        #expect(sameBits(collected.values, s.reference))
    }

    /// The runs that divide by zero are reported once each, numbered from the sweep's first
    /// run, whichever block they land in.
    @Test func nonFiniteRunsAreReportedAcrossBlocks() throws {
        let s = try SIRSweep()
        let report = try NonFiniteReport(path: nil, parameters: ["Contact Rate", "Recovery Time"], outputs: ["Infected", "Infected@10"], runs: 101)
        let sink = MatrixSink(runs: 101, columns: 2, report: report)
        #expect(try s.sweep(blockRows: 6).run(from: MatrixRows(s.x), into: sink) == .finished)
        let expected = (0..<101).filter { $0 % 13 == 5 }
        #expect(expected == NonFiniteScan.rows(in: s.reference))
        #expect(report.count == expected.count)
        let summary = try #require(report.summary(stage: "sobol"))
        #expect(summary.hasPrefix("warning: sobol: \(expected.count) of 101 runs produced NaN/Inf (first: run 5 with Contact Rate=3.25, Recovery Time=0.0)"), "\(summary)")
    }

    /// A sweep stopped after two blocks keeps exactly those in its store and gave the sink only
    /// them; resumed, it runs only the other blocks and its result equals an uninterrupted
    /// sweep bit for bit.
    @Test func stopKeepsFinishedBlocksAndResumeIsBitIdentical() throws {
        let s = try SIRSweep()
        let dir = try scratch() + "/ckpt"
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        let columns = s.series.flatMap(\.columnNames)
        let store = try ChunkStore.open(directory: dir, fingerprint: s.fingerprint(), runs: 101, columns: columns, chunkSize: 10, resume: false)
        let stopping = s.sweep(blockRows: 10, store: store, shouldStop: { store.completedChunks.count >= 2 })
        let first = RecordingSink()
        #expect(try stopping.run(from: MatrixRows(s.x), into: first) == .stopped(keptBlocks: 2, of: 11))
        #expect(first.blocks.map(\.index) == [0, 1])
        #expect(store.completedChunks == [0, 1])
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("chunk-") }.sorted()
        #expect(files == ["chunk-000000.bin", "chunk-000001.bin"])

        let reopened = try ChunkStore.open(directory: dir, fingerprint: s.fingerprint(), runs: 101, columns: columns, chunkSize: 10, resume: true)
        #expect(reopened.resumed && reopened.rejected.isEmpty)
        let counter = CountingExecutor()
        let result = MatrixSink(runs: 101, columns: columns.count)
        #expect(try s.sweep(blockRows: 10, store: reopened, executor: counter).run(from: MatrixRows(s.x), into: result) == .finished)
        #expect(counter.runs == 101 - 20)
        #expect(sameBits(result.values, s.reference))
        #expect(sameBits(try reopened.assemble(), s.reference))
    }

    /// A stop requested before the first block runs nothing and hands the sink nothing.
    @Test func stopBeforeTheFirstBlockRunsNothing() throws {
        let s = try SIRSweep()
        let counter = CountingExecutor()
        let sink = RecordingSink()
        #expect(try s.sweep(blockRows: 10, executor: counter, shouldStop: { true }).run(from: MatrixRows(s.x), into: sink) == .stopped(keptBlocks: 0, of: 11))
        #expect(counter.runs == 0 && sink.blocks.isEmpty)
    }

    /// Reopening a checkpoint for another sweep is refused, and the refusal names the fields
    /// of the fingerprint that differ, by their JSON keys.
    @Test func fingerprintMismatchNamesTheField() throws {
        let s = try SIRSweep()
        let dir = try scratch() + "/ckpt"
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        let columns = s.series.flatMap(\.columnNames)
        _ = try ChunkStore.open(directory: dir, fingerprint: s.fingerprint(), runs: 101, columns: columns, chunkSize: 10, resume: false)

        var other = s.x
        other[3, 1] += 1
        #expect(s.fingerprint(samples: other).differences(from: s.fingerprint()) == ["samples"])
        #expect(s.fingerprint(stage: "morris").differences(from: s.fingerprint()) == ["stage"])
        #expect(s.fingerprint(stage: nil).differences(from: s.fingerprint()) == ["stage"])
        func refusal(_ f: SweepFingerprint) -> String {
            do {
                _ = try ChunkStore.open(directory: dir, fingerprint: f, runs: 101, columns: columns, chunkSize: 10, resume: true)
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal(s.fingerprint(samples: other)).contains("belongs to a different sweep: its samples differs;"))
        var both = s.fingerprint(stage: "prcc")
        both.model = "0"
        #expect(refusal(both).contains("belongs to a different sweep: its model, stage differ;"))
        #expect(refusal(s.fingerprint()).isEmpty)
    }

    /// The fingerprint is stored under the keys the checkpoints and shards have always used.
    @Test func fingerprintJSONKeepsItsKeys() throws {
        let s = try SIRSweep()
        var f = s.fingerprint(stage: nil)
        f.shard = "1/4"
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(f)) as! [String: String]
        #expect(Set(object.keys) == ["model", "settings", "samples", "parameters", "outputs", "shard"])
        #expect(try JSONDecoder().decode(SweepFingerprint.self, from: JSONEncoder().encode(f)) == f)
        // An older file without `settings` reads, and the refusal names that field.
        let old = try JSONDecoder().decode(SweepFingerprint.self, from: Data(#"{"model":"a","samples":"b","parameters":"c","outputs":"d"}"#.utf8))
        #expect(old.differences(from: SweepFingerprint(model: "a", settings: "e", samples: "b", parameters: "c", outputs: "d")) == ["settings"])
    }
}
