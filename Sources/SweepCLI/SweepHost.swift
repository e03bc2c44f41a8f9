import SweepEngine
import SweepRun
import SweepStudy

/// Where the commands' sweeps run and whether this process writes their results: what lets
/// `sdsweep-mpi` (the `MPI/` package) reuse every command unchanged.
///
/// `sdsweep` runs on `.local`. Under `mpirun`, every rank runs the same command line; each
/// wraps its engine in an executor that runs the rank's share of the rows and gathers the
/// rest, so every rank sees the same outputs and takes the same path through the command.
/// Only the rank with `writesResults` writes files and prints results.
///
/// ```swift
/// let host = SweepHost(executor: { engine in MyExecutor(local: engine) }, writesResults: rank == 0, isDistributed: true)
/// exit(SDSweepCommand.execute(host: host))
/// ```
public struct SweepHost: Sendable {
    /// Wraps the engine a command configured (`--engine`, `--threads`, `--chunk-size`,
    /// `--update`) in the executor its sweeps go through.
    public var executor: @Sendable (any SweepExecutor) -> any SweepExecutor
    /// False on every MPI rank but 0: such a process runs its share of the sweeps but writes
    /// no file and prints no result.
    public var writesResults: Bool
    /// True when other processes share the sweeps. A checkpoint directory belongs to one
    /// process, so `--checkpoint` is refused then.
    public var isDistributed: Bool

    public init(executor: @escaping @Sendable (any SweepExecutor) -> any SweepExecutor, writesResults: Bool, isDistributed: Bool) {
        self.executor = executor
        self.writesResults = writesResults
        self.isDistributed = isDistributed
    }

    /// One process, the engine as configured.
    public static let local = SweepHost(executor: { $0 }, writesResults: true, isDistributed: false)

    /// The host of the command running now (set by `SDSweepCommand.execute`).
    @TaskLocal static var current: SweepHost = .local

    /// The executor for a study's sweeps: the runner's engine settings, wrapped.
    func executor(for runner: StudyRunner) -> any SweepExecutor {
        executor(runner.localEngine)
    }
}
