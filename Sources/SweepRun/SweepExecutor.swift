import SweepCompiler
import SweepEngine
import SweepNumerics

/// Runs a matrix of parameter sets through a compiled model: the one seam where *where* the
/// runs happen can change without the studies, commands or analyses knowing.
///
/// The default is this process's `BatchEngine`. A distributed executor (the MPI one in
/// `MPI/`, `sdsweep-mpi`) runs only its share of the rows and gathers the rest, returning the
/// same matrix bit for bit: every run's arithmetic is independent of which chunk, thread or
/// process it lands in.
///
/// ```swift
/// let executor: any SweepExecutor = BatchEngine(threads: 2)
/// let out = executor.run(compiled, parameters: matrix, outputs: series)
/// ```
public protocol SweepExecutor: Sendable {
    /// Runs one row of `parameters` per run and records `outputs`; the contract of
    /// `BatchEngine.run`: one output row per parameter row, in order, `isComplete` false if
    /// `shouldStop` stopped it early.
    func run(_ model: CompiledModel, parameters: Matrix, outputs: [OutputSeries],
             progress: (@Sendable (Int) -> Void)?, shouldStop: (@Sendable () -> Bool)?) -> OutputMatrix
}

extension SweepExecutor {
    /// `run` without a stop request (and, optionally, without progress).
    public func run(_ model: CompiledModel, parameters: Matrix, outputs: [OutputSeries],
                    progress: (@Sendable (Int) -> Void)? = nil) -> OutputMatrix {
        run(model, parameters: parameters, outputs: outputs, progress: progress, shouldStop: nil)
    }
}

extension BatchEngine: SweepExecutor {}
