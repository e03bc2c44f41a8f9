import SweepCompiler
import SweepEngine
import SweepNumerics

/// Runs a matrix of parameter sets through a compiled model: the one seam where *where* and
/// *how* the runs happen can change without the studies, commands or analyses knowing.
///
/// This process's `BatchEngine` (the interpreter) is one executor; `NativeEngine` runs the
/// same arithmetic as generated C; a distributed executor (the MPI one in `MPI/`,
/// `sdsweep-mpi`) runs only its share of the rows and gathers the rest. All return the same
/// matrix bit for bit: every run's arithmetic is independent of which engine, chunk, thread or
/// process it lands in.
///
/// ```swift
/// let executor: any SweepExecutor = BatchEngine(threads: 2)
/// let plan = try executor.plan(compiled, outputs: series, runs: matrix.rows)   // "interpreter"
/// let out = try executor.run(compiled, parameters: matrix, outputs: series)
/// ```
public protocol SweepExecutor: Sendable {
    /// Which engine a sweep of `runs` runs of `model` recording `outputs` will use, and why;
    /// what the progress line, `--explain` and `provenance.json` say. Does the work a choice
    /// needs up front (a native engine compiles here), so a failure surfaces before any run.
    func plan(_ model: CompiledModel, outputs: [OutputSeries], runs: Int) throws -> EnginePlan

    /// Runs one row of `parameters` per run and records `outputs`; the contract of
    /// `BatchEngine.run`: one output row per parameter row, in order, `isComplete` false if
    /// `shouldStop` stopped it early.
    /// - Throws: when the engine cannot run the model at all (`--engine native` and the C
    ///   compiler failed), never for what a run computes: NaN and Inf are values.
    func run(_ model: CompiledModel, parameters: Matrix, outputs: [OutputSeries],
             progress: (@Sendable (Int) -> Void)?, shouldStop: (@Sendable () -> Bool)?) throws -> OutputMatrix
}

extension SweepExecutor {
    /// `run` without a stop request (and, optionally, without progress).
    public func run(_ model: CompiledModel, parameters: Matrix, outputs: [OutputSeries],
                    progress: (@Sendable (Int) -> Void)? = nil) throws -> OutputMatrix {
        try run(model, parameters: parameters, outputs: outputs, progress: progress, shouldStop: nil)
    }
}

extension BatchEngine: SweepExecutor {
    public func plan(_ model: CompiledModel, outputs: [OutputSeries], runs: Int) -> EnginePlan {
        EnginePlan(engine: .interpreter, reason: "the interpreter was asked for")
    }
}

/// How a command or study asks for its sweeps to run (`--engine`, `engine:`).
public enum EngineChoice: String, CaseIterable, Sendable {
    /// Native code when a C compiler is found and the sweep is big enough for the compile to
    /// pay (or the library is already cached), else the interpreter.
    case auto
    /// Native code; no compiler or a failed compile is an error.
    case native
    /// The op-by-op interpreter (`BatchEngine`).
    case interpreter
}

/// The engine a sweep runs on and why: e.g. native, "compiled in 0.31 s"; interpreter,
/// "3.2e6 op evaluations are too few for a compile to pay".
public struct EnginePlan: Sendable, Equatable, CustomStringConvertible {
    public enum Engine: String, Sendable { case native, interpreter }
    public var engine: Engine
    public var reason: String
    /// Whether the user should hear of it even without `--explain`: native code was asked for
    /// (`auto`) but is unavailable, so the interpreter runs.
    public var isNotice: Bool

    public init(engine: Engine, reason: String, isNotice: Bool = false) {
        self.engine = engine
        self.reason = reason
        self.isNotice = isNotice
    }

    /// `native (compiled in 0.31 s)`.
    public var description: String { "\(engine.rawValue) (\(reason))" }
}
