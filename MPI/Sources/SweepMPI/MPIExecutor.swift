import SweepCompiler
import SweepEngine
import SweepNumerics
import SweepRun

/// Runs a sweep across MPI ranks: each rank runs its contiguous block of rows
/// (`RowPartition`, the same split as `evaluate --shard`) through its own `BatchEngine` (with
/// `--threads` workers), then the rows are gathered in rank order.
///
/// Every rank gets the whole output matrix (`MPI_Allgatherv`), not only rank 0: every rank
/// then takes the same path through the command that called it — the same stages, the same
/// collectives in the same order — which is what keeps a multi-stage study free of deadlocks.
/// The analyses that follow are deterministic, so rank 0's results are what one process
/// computes; the others' copies cost wall time nothing (those ranks would otherwise wait) and
/// only rank 0 writes them (`SweepHost.writesResults`).
///
/// Bit-identical to one process: a run's arithmetic does not depend on the chunk, thread or
/// rank it lands in, and the gather only moves bytes.
///
/// ```swift
/// let executor = MPIExecutor(local: BatchEngine(threads: 1), world: world)
/// let out = executor.run(compiled, parameters: x, outputs: series)   // the same on every rank
/// ```
public struct MPIExecutor: SweepExecutor {
    public let local: any SweepExecutor
    public let world: MPICommunicator

    public init(local: any SweepExecutor, world: MPICommunicator) {
        self.local = local
        self.world = world
    }

    /// This rank's engine's plan (every rank decides alike: the same model, the same cache).
    public func plan(_ model: CompiledModel, outputs: [OutputSeries], runs: Int) throws -> EnginePlan {
        try local.plan(model, outputs: outputs, runs: runs)
    }

    /// Collective: every rank must call it with the same `parameters` and `outputs`.
    ///
    /// - Parameters:
    ///   - progress: called with this rank's runs as they finish, then once with the other
    ///     ranks' runs after the gather, so a bar reaches its total.
    ///   - shouldStop: this rank's stop request; if any rank stopped, every rank's result has
    ///     `isComplete` false.
    /// - Complexity: one `MPI_Allgatherv` per output column, plus one `MPI_Allreduce`.
    public func run(_ model: CompiledModel, parameters: Matrix, outputs: [OutputSeries],
                    progress: (@Sendable (Int) -> Void)?, shouldStop: (@Sendable () -> Bool)?) throws -> OutputMatrix {
        let runs = parameters.rows
        let split = RowPartition(runs: runs, parts: world.size)
        let mine = split.range(of: world.rank)
        let part = try local.run(model, parameters: Self.rows(mine, of: parameters), outputs: outputs,
                             progress: progress, shouldStop: shouldStop)
        let complete = world.allTrue(part.isComplete)
        let columns = part.values.columns
        let ranges = (0..<world.size).map { split.range(of: $0) }
        var values = Matrix(rows: runs, columns: columns, repeating: .nan)
        part.values.storage.withUnsafeBufferPointer { local in
            values.storage.withUnsafeMutableBufferPointer { all in
                // Column-major on both sides: each column's rows are contiguous, so one gather
                // per column lands every rank's rows in place, with no reordering pass.
                for c in 0..<columns {
                    world.allGather(local.baseAddress.map { $0 + c * mine.count }, into: all.baseAddress.map { $0 + c * runs },
                                    counts: ranges.map(\.count), offsets: ranges.map(\.lowerBound))
                }
            }
        }
        progress?(runs - mine.count)
        return OutputMatrix(columnNames: part.columnNames, values: values, series: part.series,
                            nonFiniteRuns: NonFiniteScan.rows(in: values), isComplete: complete)
    }

    /// Rows `range` of a column-major matrix.
    static func rows(_ range: Range<Int>, of m: Matrix) -> Matrix {
        var out = Matrix(rows: range.count, columns: m.columns)
        for c in 0..<m.columns {
            for (i, r) in range.enumerated() { out.storage[i + c * range.count] = m.storage[r + c * m.rows] }
        }
        return out
    }
}
