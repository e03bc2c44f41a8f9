import Dispatch
import Foundation
import SweepCompiler
import SweepModel
import SweepNumerics

/// Integrates a compiled model for many parameter sets at once.
///
/// Runs are split into chunks of `chunkSize`; a chunk keeps every model variable as one
/// contiguous column (structure of arrays), so each op is a tight vectorised loop over the
/// chunk and the working set stays in cache. Chunks are spread over `threads` workers with
/// `DispatchQueue.concurrentPerform`; each writes a disjoint row range of the output, so there
/// are no locks in the time loop. Every run's arithmetic is independent of which chunk or
/// thread it lands in: the same inputs give the same bits at any thread count and chunk size.
///
/// Euler follows Vensim: values at a saved time are those of that time (auxiliaries from the
/// stocks at t), then stocks advance by dt · net flow. RK2 is Heun's method; RK4 the classical
/// scheme.
///
/// ```swift
/// let engine = BatchEngine(threads: 2)
/// let out = try engine.run(compiled, parameters: matrix, outputs: [series])
/// ```
public struct BatchEngine: Sendable {
    public var threads: Int
    public var chunkSize: Int
    public var update: StockUpdate

    /// How stocks advance: a fused element-wise loop per stock, or matrix products over the
    /// chunk (`dgemm`: linear maps of the stocks, or the stock–flow incidence); `auto` takes
    /// BLAS where the model's widest linear map reaches the measured crossover.
    public enum StockUpdate: String, Sendable, CaseIterable {
        case auto, fused, blas

        /// Whether `model`'s stocks advance by `dgemm` under this choice (`auto`: when the
        /// compiler found the maps wide and dense enough).
        public func usesBLAS(_ model: CompiledModel) -> Bool {
            self == .blas || (self == .auto && model.stockUpdate.prefersBLAS)
        }

        /// The derivative program this choice runs for `model`.
        public func derivative(of model: CompiledModel) -> DerivativeProgram {
            usesBLAS(model) ? model.stockUpdate.blas : model.stockUpdate.fused
        }
    }

    public static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

    public init(threads: Int = BatchEngine.defaultThreads, chunkSize: Int = 1024, update: StockUpdate = .auto) {
        precondition(threads >= 1 && chunkSize >= 1)
        self.threads = threads
        self.chunkSize = chunkSize
        self.update = update
    }

    /// Runs one row of `parameters` per run and records `outputs`.
    ///
    /// - Parameters:
    ///   - parameters: runs × `model.parameters.count`; column j is parameter j.
    ///   - progress: called (from worker threads) with the number of runs just finished.
    ///   - shouldStop: polled between chunks; when it returns true, no new chunk starts.
    /// - Returns: the output matrix, one row per run; rows of chunks not run are NaN and
    ///   `isComplete` is false. `nonFiniteRuns` lists, in order, the runs (of the chunks that
    ///   ran) with a NaN or infinite output: each chunk's rows are scanned once after the
    ///   chunk finishes, never inside the time loop.
    public func run(
        _ model: CompiledModel, parameters: Matrix, outputs: [OutputSeries],
        progress: (@Sendable (Int) -> Void)? = nil, shouldStop: (@Sendable () -> Bool)? = nil
    ) -> OutputMatrix {
        let kernel = ChunkKernel(model: model, outputs: outputs, update: update)
        let chunk = chunkSize, runs = parameters.rows
        return chunks(of: model, parameters: parameters, outputs: outputs, progress: progress, shouldStop: shouldStop,
                      workspace: { kernel.makeWorkspace(chunkSize: chunk) }) { start, n, p, o, workspace in
            kernel.run(start: start, count: n, totalRuns: runs, parameters: p, outputs: o, workspace: workspace)
        }
    }

    /// The chunk loop every engine shares: `parameters`' rows split into chunks of `chunkSize`,
    /// handed out in order to `threads` workers (`DispatchQueue.concurrentPerform`), each with
    /// one `workspace` of its own; `runChunk(start, count, parameters, outputs, workspace)`
    /// fills rows `start ..< start + count` of the column-major output matrix. After each chunk
    /// its rows are scanned for NaN/±∞ and `progress` is told; `shouldStop` is polled before each
    /// chunk. The interpreter (`run`) and the native engine differ only in `runChunk`.
    public func chunks<Workspace>(
        of model: CompiledModel, parameters: Matrix, outputs: [OutputSeries],
        progress: (@Sendable (Int) -> Void)?, shouldStop: (@Sendable () -> Bool)?,
        workspace: @Sendable () -> Workspace,
        runChunk: @Sendable (Int, Int, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Workspace) -> Void
    ) -> OutputMatrix {
        precondition(parameters.columns == model.parameters.count, "parameter matrix has \(parameters.columns) columns, model expects \(model.parameters.count)")
        let runs = parameters.rows
        let names = outputs.flatMap(\.columnNames)
        var values = Matrix(rows: runs, columns: names.count, repeating: .nan)
        let chunkCount = (runs + chunkSize - 1) / chunkSize
        let chunk = chunkSize
        let workers = Swift.max(1, Swift.min(threads, chunkCount))
        let next = ChunkCounter()
        let faults = NonFiniteCollector()
        let columns = names.count
        parameters.storage.withUnsafeBufferPointer { pbuf in
            values.storage.withUnsafeMutableBufferPointer { obuf in
                nonisolated(unsafe) let p = pbuf.baseAddress
                nonisolated(unsafe) let o = obuf.baseAddress
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    let w = workspace()
                    while true {
                        if shouldStop?() == true { return }
                        let c = next.take()
                        if c >= chunkCount { return }
                        let start = c * chunk
                        let n = Swift.min(chunk, runs - start)
                        runChunk(start, n, p, o, w)
                        faults.add(NonFiniteScan.rows(o, runs: runs, columns: columns, in: start..<(start + n)))
                        progress?(n)
                    }
                }
            }
        }
        let (finished, nonFinite) = faults.result()
        return OutputMatrix(columnNames: names, values: values, series: outputs,
                            nonFiniteRuns: nonFinite, isComplete: finished == chunkCount)
    }
}

/// Gathers, from the workers, the non-finite rows of each finished chunk.
final class NonFiniteCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks = 0
    private var rows: [Int] = []
    func add(_ found: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        chunks += 1
        rows += found
    }
    /// Chunks finished and their non-finite rows in run order (chunks finish in any order).
    func result() -> (chunks: Int, rows: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        return (chunks, rows.sorted())
    }
}

/// Hands out chunk indices in order to whichever worker asks first.
final class ChunkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }
}
