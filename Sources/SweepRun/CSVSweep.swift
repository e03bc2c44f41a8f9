import Foundation
import SweepCompiler
import SweepDiagnostics
import SweepEngine
import SweepModel
import SweepNumerics

/// `sdsweep evaluate`'s sweep: the rows of a samples CSV through a model, into an outputs CSV
/// or a shard, with what keeps a long sweep safe: a memory check before the first run, a
/// checkpoint of finished blocks, a clean stop on request, and a report of runs that produced
/// NaN or ±∞.
///
/// In three steps, so a front end can print between them: `init` compiles the model for the
/// samples' columns; `prepare` counts the rows, checks memory and opens the checkpoint;
/// `Plan.run` sweeps. Every run's arithmetic is independent of the block (and chunk and
/// thread) it lands in, so a resumed or streamed sweep writes the same bytes as one
/// uninterrupted in-memory run.
///
/// ```swift
/// let sweep = try CSVSweep(model: model, samples: "x.csv", outputs: ["Innovation Capability"])
/// let plan = try sweep.prepare(CSVSweep.Options(out: "y.csv", modelFile: bytes), engine: BatchEngine())
/// let (outcome, report) = try plan.run(executor: BatchEngine())
/// ```
public struct CSVSweep {
    public let samplesPath: String
    public let compiled: CompiledModel
    public let outputs: [OutputSeries]
    private let source: CSVRows

    /// The parameters the samples set: their header.
    public var parameters: [String] { source.reader.header }
    /// The output columns, in order.
    public var columns: [String] { outputs.flatMap(\.columnNames) }

    /// Compiles `model` with the samples' columns as its per-run parameters.
    ///
    /// - Parameter outputs: `NAME` or `NAME@TIME` specs; none: every stock at the final time.
    /// - Throws: `CSVError` for an unreadable samples file or a column that is not a settable
    ///   constant (pointing at the header); the compiler's and `OutputSeries`' errors.
    public init(model: Model, samples: String, overrides: [String: Double] = [:], outputs: [String]) throws {
        let reader = try CSVRowReader(path: samples)
        let requested = outputs.isEmpty ? model.variables.compactMap { if case .stock = $0.kind { $0.name } else { nil } } : outputs
        let compiled: CompiledModel
        do {
            compiled = try Compiler.compile(model, parameters: reader.header, overrides: overrides,
                                            outputs: requested.map(OutputSeries.variableName))
        } catch let error as CompileError where error.kind == .badParameter {
            throw CSVError(.unknownName, location: SourceLocation(file: samples, line: 1), message: error.message)
        }
        self.samplesPath = samples
        self.compiled = compiled
        self.outputs = try requested.map { try OutputSeries.parse($0, in: compiled) }
        self.source = CSVRows(reader)
    }

    /// How to run it: where the results go, blocks, checkpoint, memory and shard.
    public struct Options: Sendable {
        public var out: String?
        /// A CSV listing every run with a NaN or infinite output.
        public var nonFiniteReport: String?
        /// Directory of finished blocks; nil: none kept.
        public var checkpoint: String?
        public var resume: Bool
        /// Hold one block at a time instead of every run.
        public var outOfCore: Bool
        /// Runs per block when streaming or checkpointing.
        public var block: Int
        /// Bytes the sweep may use; nil: `MemoryEstimate.available()`.
        public var memoryLimit: Int?
        /// Only this shard's rows, written to `out` as a `ShardFile`.
        public var shard: SweepShard?
        /// The model file's bytes and the text of the settings that change the numbers: what
        /// the fingerprint of a checkpoint or shard digests besides the samples.
        public var modelFile: Data
        public var settings: String

        public init(out: String? = nil, nonFiniteReport: String? = nil, checkpoint: String? = nil, resume: Bool = false,
                    outOfCore: Bool = false, block: Int = 65_536, memoryLimit: Int? = nil, shard: SweepShard? = nil,
                    modelFile: Data = Data(), settings: String = "") {
            self.out = out
            self.nonFiniteReport = nonFiniteReport
            self.checkpoint = checkpoint
            self.resume = resume
            self.outOfCore = outOfCore
            self.block = block
            self.memoryLimit = memoryLimit
            self.shard = shard
            self.modelFile = modelFile
            self.settings = settings
        }
    }

    /// Counts the samples' rows (and digests them when a checkpoint or shard needs it), moves
    /// to this shard's first row, refuses a sweep that will not fit in memory, and opens the
    /// checkpoint.
    ///
    /// - Parameter engine: the engine's threads and chunk size, for the memory estimate.
    /// - Throws: `ResourceError`, `CheckpointError`, `CSVError`.
    public func prepare(_ options: Options, engine: BatchEngine) throws -> Plan {
        precondition(options.block >= 1)
        let (allRuns, samplesHash) = try CSVRowReader.scan(path: samplesPath, hashing: options.checkpoint != nil || options.shard != nil)
        // A shard is a contiguous range of the samples' rows, split as MPI splits ranks.
        let rows = options.shard?.rows(ofRuns: allRuns) ?? 0..<allRuns
        try source.skip(rows.lowerBound)
        let fingerprint = SweepFingerprint(model: options.modelFile, settings: options.settings, samples: samplesHash,
                                           parameters: parameters, outputs: columns)
        // One block of every run unless streaming or checkpointing: the fastest, and what the
        // memory check is about.
        let blockRows = (options.outOfCore || options.checkpoint != nil) ? options.block : Swift.max(rows.count, 1)
        let estimate = MemoryEstimate(model: compiled, rowsHeld: Swift.min(blockRows, Swift.max(rows.count, 1)), parameters: 2 * parameters.count,
                                      outputColumns: columns.count, threads: engine.threads, chunkSize: engine.chunkSize)
        let n = columns.count
        let advice = options.outOfCore
            ? "use a smaller --block (now \(options.block)) or fewer --threads"
            : "use --out-of-core to stream samples and outputs through memory in blocks, or keep fewer outputs or saved times (\(n) column\(n == 1 ? "" : "s") now)"
        try ResourceError.check(estimate, runs: rows.count, available: options.memoryLimit, advice: advice)
        var stored = fingerprint
        stored.shard = options.shard?.description
        let store = try options.checkpoint.map { dir in
            try ChunkStore.open(directory: dir, fingerprint: stored, runs: rows.count, columns: columns, chunkSize: blockRows, resume: options.resume)
        }
        return Plan(sweep: self, options: options, allRuns: allRuns, rows: rows, fingerprint: fingerprint, blockRows: blockRows,
                    estimate: estimate, store: store)
    }

    /// A prepared sweep: its rows, blocks and checkpoint, ready to run.
    public struct Plan {
        public let sweep: CSVSweep
        public let options: Options
        /// Rows in the samples file.
        public let allRuns: Int
        /// The rows this sweep runs: all of them, or a shard's.
        public let rows: Range<Int>
        /// The fingerprint a shard's manifest carries.
        public let fingerprint: SweepFingerprint
        public let blockRows: Int
        public let estimate: MemoryEstimate
        public let store: ChunkStore?

        public var runs: Int { rows.count }

        /// Runs every block, writing the outputs (and the NaN/Inf report) if `writesResults`;
        /// a stopped sweep leaves no file under a final name.
        ///
        /// - Parameters:
        ///   - executor: where the runs happen; under MPI every rank calls this (each block is
        ///     collective) and only the one that `writesResults` writes.
        /// - Returns: how it ended, and the runs that produced NaN or ±∞.
        public func run(executor: any SweepExecutor, writesResults: Bool = true, progress: (@Sendable (Int) -> Void)? = nil,
                        shouldStop: (@Sendable () -> Bool)? = nil) throws -> (outcome: SweepOutcome, nonFinite: NonFiniteReport) {
            let writer = writesResults ? try makeWriter() : nil
            let report = try NonFiniteReport(path: writesResults ? options.nonFiniteReport : nil, parameters: sweep.parameters,
                                             outputs: sweep.columns, runs: runs)
            let blocks = BlockSweep(model: sweep.compiled, outputs: sweep.outputs, executor: executor, runs: runs, blockRows: blockRows,
                                    store: store, progress: progress, shouldStop: shouldStop)
            let outcome = try blocks.run(from: sweep.source, into: CSVSink(writer: writer, report: report, firstRun: rows.lowerBound))
            guard outcome == .finished else {
                writer?.abandon()
                report.abandon()
                return (outcome, report)
            }
            if options.shard != nil { try writer?.commit(trailer: { ShardFile.trailer($0) }) } else { try writer?.commit() }
            try report.commit()
            return (outcome, report)
        }

        private func makeWriter() throws -> CSVNumberWriter {
            guard let shard = options.shard, let out = options.out else { return try CSVNumberWriter(path: options.out, header: sweep.columns) }
            let manifest = ShardFile.Manifest(shard: shard.index, shards: shard.count, first: rows.lowerBound, count: runs,
                                              runs: allRuns, fingerprint: fingerprint)
            return try ShardFile.writer(path: out, manifest: manifest, header: sweep.columns)
        }
    }
}

/// Shard `index` of `count` of a sweep (`evaluate --shard I/N`): a contiguous range of the
/// samples' rows, split as MPI splits ranks (`RowPartition`).
public struct SweepShard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// - Precondition: 0 ≤ `index` < `count`.
    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count)
        self.index = index
        self.count = count
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }

    /// This shard's rows of a sweep of `runs` runs.
    public func rows(ofRuns runs: Int) -> Range<Int> { RowPartition(runs: runs, parts: count).range(of: index) }
}
