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
/// `choice` says when: `.native` always (no compiler or a failed compile throws, naming the
/// kept source), `.interpreter` never, `.auto` when a compiler is found, the stock update is
/// not BLAS (faster in the interpreter) and the library is already built or the sweep is big
/// enough for the compile to pay (`autoMinimumWork`). `plan` says which and why; `run`
/// follows the same decision.
///
/// ```swift
/// let engine = NativeEngine(threads: 2, choice: .auto)
/// print(try engine.plan(compiled, outputs: [series], runs: 1_000_000))   // native (compiled in 0.3 s)
/// let out = try engine.run(compiled, parameters: matrix, outputs: [series])
/// ```
public struct NativeEngine: SweepExecutor {
    public var threads: Int
    public var chunkSize: Int
    public var update: BatchEngine.StockUpdate
    public var choice: EngineChoice
    public var toolchain: NativeToolchain?

    /// The op evaluations (runs × steps × ops per step) from which `.auto` compiles a source
    /// of `bytes` bytes: where the interpreter's time passes the compile's. Measured here: the
    /// interpreter evaluates about 3×10⁹ ops/s on one core (SIR, 327,680 runs × 801 steps in
    /// 0.9 s); a cold compile takes about 0.1 s + 5 µs per byte of source (SIR's 9 KB in 0.12 s,
    /// the 30-cluster network's 590 KB in 3.2 s).
    public static func autoMinimumWork(sourceBytes bytes: Int) -> Double {
        3e9 * (0.1 + 5e-6 * Double(bytes))
    }

    public init(threads: Int = BatchEngine.defaultThreads, chunkSize: Int = 1024, update: BatchEngine.StockUpdate = .auto,
                choice: EngineChoice = .native, toolchain: NativeToolchain? = NativeToolchain.find()) {
        precondition(threads >= 1 && chunkSize >= 1)
        self.threads = threads
        self.chunkSize = chunkSize
        self.update = update
        self.choice = choice
        self.toolchain = toolchain
    }

    /// The same settings in the interpreter.
    public init(_ engine: BatchEngine, choice: EngineChoice, toolchain: NativeToolchain? = NativeToolchain.find()) {
        self.init(threads: engine.threads, chunkSize: engine.chunkSize, update: engine.update, choice: choice, toolchain: toolchain)
    }

    /// The interpreter with the same settings.
    public var interpreter: BatchEngine { BatchEngine(threads: threads, chunkSize: chunkSize, update: update) }

    /// The library for `model` and `outputs`, compiled or loaded as needed, or nil when the
    /// generator leaves the model to the interpreter.
    /// - Throws: `NativeError` when there is no compiler or the compile or load fails.
    public func library(for model: CompiledModel, outputs: [OutputSeries]) throws -> NativeLibrary? {
        guard case .success(let generator) = generator(for: model, outputs: outputs) else { return nil }
        return try library(source: try generator.source(), compile: true)
    }

    /// The generator of `model` and `outputs`, or why it leaves the model to the interpreter.
    func generator(for model: CompiledModel, outputs: [OutputSeries]) -> Result<CGenerator, CGenerator.Unsupported> {
        Result { try CGenerator(model: model, outputs: outputs, update: update) }.mapError { $0 as! CGenerator.Unsupported }
    }

    /// The library of `source`: this process's loaded copy, else the cache's, else (with
    /// `compile`) a new one; nil when it is not built and `compile` is false.
    func library(source: String, compile: Bool) throws -> NativeLibrary? {
        guard let toolchain else { throw NativeError("no C compiler found: set SDSWEEP_CC, or put clang or cc on PATH") }
        let key = toolchain.cacheDirectory.path + "/" + toolchain.key(for: source)
        if let loaded = LoadedLibraries.shared[key] { return loaded }
        guard let library = try compile ? toolchain.library(for: source) : toolchain.cachedLibrary(for: source) else { return nil }
        LoadedLibraries.shared[key] = library
        return library
    }

    public func plan(_ model: CompiledModel, outputs: [OutputSeries], runs: Int) throws -> EnginePlan {
        try decide(model, outputs: outputs, runs: runs).plan
    }

    /// The plan and, when native, the library.
    func decide(_ model: CompiledModel, outputs: [OutputSeries], runs: Int) throws -> (plan: EnginePlan, library: NativeLibrary?) {
        if choice == .interpreter { return (EnginePlan(engine: .interpreter, reason: "--engine interpreter"), nil) }
        if choice == .auto && update.usesBLAS(model) {
            // The dgemm calls are the interpreter's; its element-wise loops between them,
            // blocked by chunk, beat the generated ones (native 0.4–0.6× on the networks).
            return (EnginePlan(engine: .interpreter, reason: "the BLAS stock update is faster in the interpreter"), nil)
        }
        let generator: CGenerator
        switch self.generator(for: model, outputs: outputs) {
        case .success(let g): generator = g
        case .failure(let unsupported): return (EnginePlan(engine: .interpreter, reason: unsupported.description), nil)
        }
        let source = try generator.source()
        // Runs × (evaluated steps × ops per step, every RK stage counted, + the per-run ops).
        let work = Double(runs) * (Double(model.time.stepCount + 1) * Double(StepPlan(generator: generator).stepOps) + Double(model.perRun.count))
        let pays = work >= NativeEngine.autoMinimumWork(sourceBytes: source.utf8.count)
        let small = EnginePlan(engine: .interpreter, reason: String(format: "%.1e op evaluations are too few for a compile to pay", work))
        if toolchain == nil && choice == .auto {
            if !pays { return (small, nil) }
            return (EnginePlan(engine: .interpreter, reason: "no C compiler found: set SDSWEEP_CC, or put clang or cc on PATH", isNotice: true), nil)
        }
        do {
            if let ready = try library(source: source, compile: false) {
                return (EnginePlan(engine: .native, reason: ready.origin == .cached ? "from the cache" : "built by this process"), ready)
            }
            if choice == .auto && !pays { return (small, nil) }
            let start = DispatchTime.now().uptimeNanoseconds
            let built = try library(source: source, compile: true)!
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            return (EnginePlan(engine: .native, reason: String(format: "compiled in %.2f s", seconds)), built)
        } catch let error as NativeError where choice == .auto {
            return (EnginePlan(engine: .interpreter, reason: "native code failed (a bug worth reporting): \(error)", isNotice: true), nil)
        }
    }

    public func run(_ model: CompiledModel, parameters: Matrix, outputs: [OutputSeries],
                    progress: (@Sendable (Int) -> Void)?, shouldStop: (@Sendable () -> Bool)?) throws -> OutputMatrix {
        guard let library = try decide(model, outputs: outputs, runs: parameters.rows).library else {
            return interpreter.run(model, parameters: parameters, outputs: outputs, progress: progress, shouldStop: shouldStop)
        }
        return run(library, model, parameters: parameters, outputs: outputs, progress: progress, shouldStop: shouldStop)
    }

    /// `run` with native code whatever `choice` says (the interpreter only for a model the
    /// generator does not cover); a compile failure throws.
    public func runNative(_ model: CompiledModel, parameters: Matrix, outputs: [OutputSeries],
                          progress: (@Sendable (Int) -> Void)? = nil, shouldStop: (@Sendable () -> Bool)? = nil) throws -> OutputMatrix {
        var forced = self
        forced.choice = .native
        return try forced.run(model, parameters: parameters, outputs: outputs, progress: progress, shouldStop: shouldStop)
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

/// The libraries this process has loaded, by cache directory and key: a sweep's blocks and a
/// study's stages load each library once. A library stays loaded for the process's life.
final class LoadedLibraries: @unchecked Sendable {
    static let shared = LoadedLibraries()
    private let lock = NSLock()
    private var libraries: [String: NativeLibrary] = [:]

    subscript(key: String) -> NativeLibrary? {
        get { lock.withLock { libraries[key] } }
        set { lock.withLock { libraries[key] = newValue } }
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
