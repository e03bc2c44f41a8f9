import Foundation
import SweepCLI
import SweepMPI

// `mpirun -np P sdsweep-mpi COMMAND …`: every rank runs the same command; each sweep is split
// over the ranks and gathered (MPIExecutor); rank 0 alone writes files and prints.
let world = MPICommunicator.initialize()

// The other ranks print nothing: not the results, not progress, not the same diagnostic P
// times. SDSWEEP_MPI_ALL_OUTPUT=1 keeps their stderr, to debug a rank that fails on its own.
if world.rank != 0 {
    let null = open("/dev/null", O_WRONLY)
    dup2(null, STDOUT_FILENO)
    if ProcessInfo.processInfo.environment["SDSWEEP_MPI_ALL_OUTPUT"] != "1" { dup2(null, STDERR_FILENO) }
}

let host = SweepHost(executor: { MPIExecutor(local: $0, world: world) },
                     writesResults: world.rank == 0, isDistributed: world.size > 1)
let status = SDSweepCommand.execute(host: host)
// A rank that failed may leave the others inside a collective it never enters: end the job.
// Rank 0 aborts it (its diagnostic is already printed); another rank just exits unfinalised,
// which mpirun also treats as the end of the job, so P ranks failing alike make one report.
if status != 0 && world.size > 1 {
    if world.rank == 0 { world.abort(status) } else { exit(status) }
}
world.finalize()
exit(status)
