import Dispatch
import Foundation
import SweepCompiler
import SweepEngine
import SweepNumerics
import SweepRun

/// Runs a compiled model as generated C (`CGenerator`), compiled once and cached
/// (`NativeToolchain`), with `BatchEngine`'s chunking, threads, progress, stop polling and
/// non-finite scan, so its `OutputMatrix` equals `BatchEngine`'s bit for bit.
///
/// Models whose chosen stock update is BLAS run in the interpreter (`BatchEngine`), and so
/// does everything when no compiler is found or the compile fails: `run` never fails;
/// `runNative` throws instead.
///
/// ```swift
/// let engine = NativeEngine(threads: 2)
/// let out = try engine.runNative(compiled, parameters: matrix, outputs: [series])
/// ```
public struct NativeEngine: SweepExecutor {
    public var threads: Int
    public var chunkSize: Int
    public var update: BatchEngine.StockUpdate
    public var toolchain: NativeToolchain?

    public init(threads: Int = BatchEngine.defaultThreads, chunkSize: Int = 1024, update: BatchEngine.StockUpdate = .auto,
                toolchain: NativeToolchain? = NativeToolchain.find()) {
        precondition(threads >= 1 && chunkSize >= 1)
        self.threads = threads
        self.chunkSize = chunkSize
        self.update = update
        self.toolchain = toolchain
    }

    var interpreter: BatchEngine { BatchEngine(threads: threads, chunkSize: chunkSize, update: update) }

    /// The library for `model` and `outputs`, or nil when the interpreter runs it (a BLAS
    /// update).
    /// - Throws: `NativeError` when there is no compiler or the compile or load fails.
    public func library(for model: CompiledModel, outputs: [OutputSeries]) throws -> NativeLibrary? {
        let generator: CGenerator
        do { generator = try CGenerator(model: model, outputs: outputs, update: update) } catch is CGenerator.Unsupported { return nil }
        guard let toolchain else { throw NativeError("no C compiler found (set SDSWEEP_CC, or put clang or cc on PATH)") }
        return try toolchain.library(for: try generator.source())
    }

    public func run(_ model: CompiledModel, parameters: Matrix, outputs: [OutputSeries],
                    progress: (@Sendable (Int) -> Void)?, shouldStop: (@Sendable () -> Bool)?) -> OutputMatrix {
        guard let library = try? library(for: model, outputs: outputs) else {
            return interpreter.run(model, parameters: parameters, outputs: outputs, progress: progress, shouldStop: shouldStop)
        }
        return run(library, model, parameters: parameters, outputs: outputs, progress: progress, shouldStop: shouldStop)
    }

    /// `run`, but a compile failure throws instead of falling back to the interpreter.
    public func runNative(_ model: CompiledModel, parameters: Matrix, outputs: [OutputSeries],
                          progress: (@Sendable (Int) -> Void)? = nil, shouldStop: (@Sendable () -> Bool)? = nil) throws -> OutputMatrix {
        guard let library = try library(for: model, outputs: outputs) else {
            return interpreter.run(model, parameters: parameters, outputs: outputs, progress: progress, shouldStop: shouldStop)
        }
        return run(library, model, parameters: parameters, outputs: outputs, progress: progress, shouldStop: shouldStop)
    }

    /// The chunks of `BatchEngine.run`, each one call of the library's `sd_chunk`.
    func run(_ library: NativeLibrary, _ model: CompiledModel, parameters: Matrix, outputs: [OutputSeries],
             progress: (@Sendable (Int) -> Void)?, shouldStop: (@Sendable () -> Bool)?) -> OutputMatrix {
        precondition(parameters.columns == model.parameters.count, "parameter matrix has \(parameters.columns) columns, model expects \(model.parameters.count)")
        let runs = parameters.rows
        let names = outputs.flatMap(\.columnNames)
        var values = Matrix(rows: runs, columns: names.count, repeating: .nan)
        let chunk = chunkSize
        let chunkCount = (runs + chunk - 1) / chunk
        let workers = Swift.max(1, Swift.min(threads, chunkCount))
        let ledger = ChunkLedger()
        let columns = names.count, width = Swift.max(1, model.columnCount * chunk)
        let entry = library.chunk
        parameters.storage.withUnsafeBufferPointer { pbuf in
            values.storage.withUnsafeMutableBufferPointer { obuf in
                nonisolated(unsafe) let p = pbuf.baseAddress
                nonisolated(unsafe) let o = obuf.baseAddress
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    let workspace = UnsafeMutablePointer<Double>.allocate(capacity: width)
                    workspace.initialize(repeating: 0, count: width)
                    defer { workspace.deallocate() }
                    while true {
                        if shouldStop?() == true { return }
                        let c = ledger.take()
                        if c >= chunkCount { return }
                        let start = c * chunk
                        let n = Swift.min(chunk, runs - start)
                        entry(n, runs, start, p, o, workspace)
                        ledger.finish(NonFiniteScan.rows(o, runs: runs, columns: columns, in: start..<(start + n)))
                        progress?(n)
                    }
                }
            }
        }
        let (finished, nonFinite) = ledger.result()
        return OutputMatrix(columnNames: names, values: values, series: outputs,
                            nonFiniteRuns: nonFinite, isComplete: finished == chunkCount)
    }
}

/// Hands out chunk indices in order and gathers the non-finite rows of each finished chunk.
final class ChunkLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var finished = 0
    private var rows: [Int] = []

    func take() -> Int {
        lock.lock()
        defer { lock.unlock() }
        next += 1
        return next - 1
    }

    func finish(_ found: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        finished += 1
        rows += found
    }

    /// Chunks finished and their non-finite rows in run order.
    func result() -> (chunks: Int, rows: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        return (finished, rows.sorted())
    }
}
