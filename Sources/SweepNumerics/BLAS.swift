import COpenBLAS
import Foundation

/// The BLAS and LAPACK calls SDSweep uses, with Swift types only; nothing above this module
/// imports C.
public enum BLAS {
    /// Makes OpenBLAS run single-threaded: SDSweep's parallelism is over chunks of runs, and
    /// OpenBLAS's own pool would busy-spin and compete with it. Call once at start-up.
    ///
    /// OpenBLAS starts its pool when it loads, and the idle workers spin on `sched_yield` for a
    /// while before they sleep (2,110 calls in a 0.3 s `sdsweep sobol`), taking a core from the
    /// runs; with one thread they are never used, so the pool is shut down too. The pthread
    /// build exports `blas_thread_shutdown_`; a build without a pool has nothing to stop.
    public static func useSingleThread() {
        openblas_set_num_threads(1)
        typealias Shutdown = @convention(c) () -> Int32
        if let symbol = dlsym(dlopen(nil, RTLD_NOW), "blas_thread_shutdown_") {
            _ = unsafeBitCast(symbol, to: Shutdown.self)()
        }
    }

    /// C ← α·A·B + β·C for column-major A (m×k, leading dimension lda), B (k×n, ldb), C (m×n, ldc).
    @inlinable
    public static func gemm(
        m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int,
        transposeA: Bool = false, transposeB: Bool = false
    ) {
        cblas_dgemm(
            CblasColMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

/// LAPACK routines through LAPACKE.
public enum LAPACK {
    public struct Failure: Error, CustomStringConvertible {
        public let routine: String
        public let info: Int
        public var description: String { "\(routine) failed with info \(info)" }
    }

    /// Least-squares solution of A·X = B for a full-rank column-major A (m×n, m ≥ n) by QR
    /// (`dgels`). Returns X (n×nrhs).
    ///
    /// `dgels` does not detect rank deficiency (an all-zero A gives X = 0 with info 0), so the
    /// caller checks that its design has full column rank.
    public static func leastSquares(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        precondition(a.rows == b.rows && a.rows >= a.columns)
        var aa = a.storage
        var bb = b.storage
        let info = LAPACKE_dgels(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(a.rows), Int32(a.columns), Int32(b.columns),
            &aa, Int32(a.rows), &bb, Int32(b.rows))
        guard info == 0 else { throw Failure(routine: "dgels", info: Int(info)) }
        var x = Matrix(rows: a.columns, columns: b.columns)
        for c in 0..<b.columns {
            for r in 0..<a.columns { x[r, c] = bb[r + c * b.rows] }
        }
        return x
    }
}
