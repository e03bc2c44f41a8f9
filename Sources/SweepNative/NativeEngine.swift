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
        let width = Swift.max(1, model.columnCount * chunkSize)
        let entry = library.chunk
        let runs = parameters.rows
        return interpreter.chunks(of: model, parameters: parameters, outputs: outputs, progress: progress, shouldStop: shouldStop,
                                  workspace: { NativeWorkspace(count: width) }) { start, n, p, o, workspace in
            entry(n, runs, start, p, o, workspace.values)
        }
    }
}

/// One worker's scratch columns for `sd_chunk`, zeroed, freed with the worker.
final class NativeWorkspace {
    let values: UnsafeMutablePointer<Double>
    init(count: Int) {
        values = .allocate(capacity: count)
        values.initialize(repeating: 0, count: count)
    }
    deinit { values.deallocate() }
}
