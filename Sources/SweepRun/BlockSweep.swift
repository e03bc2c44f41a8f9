import Foundation
import SweepCompiler
import SweepEngine
import SweepNumerics

/// A sweep of a compiled model over rows of parameters, block by block: the one loop behind
/// `evaluate` (rows streamed from a samples CSV) and every study stage (rows in memory).
///
/// Each block's rows come from a `SweepRowSource`, run through a `SweepExecutor` (this
/// process's `BatchEngine`, or MPI's), and go to a `SweepSink` (a CSV or shard writer, or a
/// matrix). With a `ChunkStore`, blocks already on disk are read back instead of run, and each
/// block run is stored as it finishes. A stop request (`shouldStop`, e.g. an `Interruption`)
/// is polled before each block and between the engine's chunks; the sweep then returns
/// `.stopped` with the finished blocks kept. Every run's arithmetic is independent of its
/// block, chunk and thread, so a resumed or streamed sweep gives the bits of one uninterrupted
/// in-memory run.
///
/// ```swift
/// let sweep = BlockSweep(model: compiled, outputs: series, executor: BatchEngine(threads: 2),
///                        runs: x.rows, blockRows: 4096, store: store)
/// let result = MatrixSink(runs: x.rows, columns: sweep.columns.count)
/// guard try sweep.run(from: MatrixRows(x), into: result) == .finished else { … }
/// ```
public struct BlockSweep: Sendable {
    public var model: CompiledModel
    public var outputs: [OutputSeries]
    public var executor: any SweepExecutor
    public var runs: Int
    /// Runs per block: the store's chunk size when there is a store.
    public var blockRows: Int
    /// Where finished blocks are kept; nil: nothing is kept.
    public var store: ChunkStore?
    /// Called (from worker threads) with the number of runs just finished or read back.
    public var progress: (@Sendable (Int) -> Void)?
    /// Polled before each block and between chunks; nil: the sweep never stops early.
    public var shouldStop: (@Sendable () -> Bool)?

    /// - Precondition: `blockRows` ≥ 1, and equal to the store's chunk size when there is a
    ///   store for `runs` runs.
    public init(model: CompiledModel, outputs: [OutputSeries], executor: any SweepExecutor, runs: Int, blockRows: Int,
                store: ChunkStore? = nil, progress: (@Sendable (Int) -> Void)? = nil, shouldStop: (@Sendable () -> Bool)? = nil) {
        precondition(blockRows >= 1 && runs >= 0)
        precondition(store.map { $0.chunkSize == blockRows && $0.runs == runs } ?? true, "the store's chunks are not this sweep's blocks")
        self.model = model
        self.outputs = outputs
        self.executor = executor
        self.runs = runs
        self.blockRows = blockRows
        self.store = store
        self.progress = progress
        self.shouldStop = shouldStop
    }

    /// The output columns, in order.
    public var columns: [String] { outputs.flatMap(\.columnNames) }

    public var blockCount: Int { (runs + blockRows - 1) / blockRows }

    /// The runs of block `b`.
    public func rows(ofBlock b: Int) -> Range<Int> { (b * blockRows)..<Swift.min(runs, (b + 1) * blockRows) }

    /// Runs every block in order, reading each block's parameters from `source` (blocks read
    /// back from the store too, so a streamed source stays in step) and handing each finished
    /// block to `sink`.
    ///
    /// - Returns: `.finished`, or `.stopped` when `shouldStop` asked for it: the blocks run
    ///   before are in the store, and the sink has had every block before the first unfinished one.
    /// - Throws: the source's, the store's or the sink's errors.
    public func run(from source: some SweepRowSource, into sink: some SweepSink) throws -> SweepOutcome {
        let done = store?.completedChunks ?? []
        for b in 0..<blockCount {
            let rows = rows(ofBlock: b)
            let parameters = try source.next(rows.count)
            let values: Matrix
            let nonFinite: [Int]
            if done.contains(b), let store {
                values = try store.read(chunk: b)
                nonFinite = NonFiniteScan.rows(in: values)
                progress?(rows.count)
            } else {
                if shouldStop?() == true { return stopped }
                let result = try executor.run(model, parameters: parameters, outputs: outputs, progress: progress, shouldStop: shouldStop)
                guard result.isComplete else { return stopped }
                try store?.write(chunk: b, rows: result.values)
                values = result.values
                nonFinite = result.nonFiniteRuns
            }
            try sink.accept(SweepBlock(index: b, runs: rows, parameters: parameters, values: values, nonFiniteRuns: nonFinite))
        }
        return .finished
    }

    private var stopped: SweepOutcome {
        .stopped(keptBlocks: store?.completedChunks.count ?? 0, of: blockCount)
    }
}

/// How a `BlockSweep` ended.
public enum SweepOutcome: Equatable, Sendable {
    /// Every block ran (or was read back) and went to the sink.
    case finished
    /// Stopped on request; `keptBlocks` of the sweep's blocks are in its store.
    case stopped(keptBlocks: Int, of: Int)
}

/// One finished block of a sweep.
public struct SweepBlock: Sendable {
    /// The block's index, from 0.
    public var index: Int
    /// Its runs, counted from the sweep's first.
    public var runs: Range<Int>
    /// Its parameter rows, `runs.count` × parameters.
    public var parameters: Matrix
    /// Its outputs, `runs.count` × output columns.
    public var values: Matrix
    /// Rows of the block (from 0, ascending) with a NaN or infinite output.
    public var nonFiniteRuns: [Int]
}

extension ChunkStore {
    /// One warning line per chunk file set aside when the store was opened.
    public var rejectionWarnings: [String] {
        rejected.map { "warning: \($0.file): \($0.reason); its runs will be computed again" }
    }
}
