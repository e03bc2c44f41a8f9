import CMPI
import Foundation

/// The MPI world this process belongs to, with the few collectives a sweep needs; the only
/// Swift file that sees MPI's C API.
///
/// MPI is initialised with `MPI_THREAD_FUNNELED`: only the thread that called `initialize`
/// (the main thread, where the commands run) makes MPI calls. The engine's worker threads never
/// do — they fill this rank's rows, and the gather happens after they have all finished. Each
/// call checks that it is on that thread.
///
/// ```swift
/// let world = MPICommunicator.initialize()
/// defer { world.finalize() }
/// print(world.rank, world.size)
/// ```
public final class MPICommunicator: @unchecked Sendable {
    public let rank: Int
    public let size: Int
    private let thread: pthread_t

    private init(rank: Int, size: Int) {
        self.rank = rank
        self.size = size
        thread = pthread_self()
    }

    /// Initialises MPI (once per process); without `mpirun` this is a world of one rank.
    public static func initialize() -> MPICommunicator {
        var provided: Int32 = 0
        check(MPI_Init_thread(nil, nil, cmpi_thread_funneled(), &provided), "MPI_Init_thread")
        var rank: Int32 = 0, size: Int32 = 0
        check(MPI_Comm_rank(cmpi_comm_world(), &rank), "MPI_Comm_rank")
        check(MPI_Comm_size(cmpi_comm_world(), &size), "MPI_Comm_size")
        return MPICommunicator(rank: Int(rank), size: Int(size))
    }

    /// Ends MPI in this process; call once, after the last collective.
    public func finalize() {
        onMPIThread()
        MPI_Finalize()
    }

    /// Ends every rank's process with `status`: a rank that failed on its own must not leave
    /// the others waiting in a collective it will never enter.
    public func abort(_ status: Int32) -> Never {
        MPI_Abort(cmpi_comm_world(), status)
        exit(status)
    }

    /// True on every rank when `flag` is true on every rank.
    public func allTrue(_ flag: Bool) -> Bool {
        onMPIThread()
        var mine: Int32 = flag ? 1 : 0, all: Int32 = 0
        Self.check(MPI_Allreduce(&mine, &all, 1, cmpi_int(), cmpi_min(), cmpi_comm_world()), "MPI_Allreduce")
        return all == 1
    }

    /// Every rank's `counts[rank]` doubles at `local`, concatenated in rank order into
    /// `result` on every rank (`MPI_Allgatherv`); rank r's block starts at `offsets[r]`.
    public func allGather(_ local: UnsafePointer<Double>?, into result: UnsafeMutablePointer<Double>?,
                          counts: [Int], offsets: [Int]) {
        onMPIThread()
        precondition(counts.count == size && offsets.count == size)
        precondition((counts.last ?? 0) + (offsets.last ?? 0) <= Int(Int32.max), "a column of over 2³¹ runs needs a chunked gather")
        let c = counts.map { Int32($0) }, o = offsets.map { Int32($0) }
        // A rank with no rows still passes a valid (unused) pointer.
        var empty = 0.0
        let send = UnsafeRawPointer(local) ?? withUnsafePointer(to: &empty) { UnsafeRawPointer($0) }
        Self.check(MPI_Allgatherv(send, c[rank], cmpi_double(), result, c, o, cmpi_double(), cmpi_comm_world()), "MPI_Allgatherv")
    }

    private func onMPIThread() {
        precondition(pthread_equal(pthread_self(), thread) != 0, "MPI is called from the thread that initialised it only (MPI_THREAD_FUNNELED)")
    }

    private static func check(_ code: Int32, _ call: String) {
        // The default error handler aborts the job before a failure returns; this catches the rest.
        if code != cmpi_success() {
            FileHandle.standardError.write(Data("sdsweep-mpi: \(call) failed with MPI error \(code)\n".utf8))
            MPI_Abort(cmpi_comm_world(), 1)
        }
    }
}
