import SweepCompiler
import SweepModel

extension CGenerator {
    /// The helpers every generated unit starts with: C transcriptions of `VensimMath` and of
    /// `Lookup.interpolate`, each doing the Swift code's operations in its order. libm is
    /// called for exp, log, pow and the trigonometric functions (the unit is compiled with
    /// `-fno-builtin`, so the C compiler never folds or rewrites them); fabs, sqrt and trunc
    /// are exact and stay builtins. malloc, free and `cblas_dgemm` (OpenBLAS's, with `int`
    /// arguments and the CBLAS enumerations as their integer values) are declared here, so
    /// the unit needs no header but math.h.
    static var prelude: String {
        """
        #include <math.h>
        void *malloc(unsigned long size);
        void free(void *p);
        void cblas_dgemm(int order, int ta, int tb, int m, int n, int k, double alpha, const double *a, int lda,
                         const double *b, int ldb, double beta, double *c, int ldc);
        typedef union { unsigned long long u; double d; } sd_pun;
        static inline double sd_bits(unsigned long long u) { sd_pun p; p.u = u; return p.d; }
        static const double SD_ZERO = \(CLiteral.double(VensimMath.zeroDivisorThreshold));
        static inline double sd_min(double x, double y) { return y < x ? y : x; }
        static inline double sd_max(double x, double y) { return y >= x ? y : x; }
        static inline double sd_truth(int b) { return b ? 1.0 : 0.0; }
        static inline double sd_not(double x) { return sd_truth(x == 0); }
        static inline double sd_and(double x, double y) { return sd_truth(x != 0 && y != 0); }
        static inline double sd_or(double x, double y) { return sd_truth(x != 0 || y != 0); }
        static inline double sd_logb(double x, double b) { return log(x) / log(b); }
        static inline double sd_zidz(double a, double b) { return __builtin_fabs(b) < SD_ZERO ? 0.0 : a / b; }
        static inline double sd_xidz(double a, double b, double x) { return __builtin_fabs(b) < SD_ZERO ? x : a / b; }
        static double sd_lookup(double x, const double *xs, const double *ys, long n) {
            if (x != x) return x;
            if (x <= xs[0]) return ys[0];
            if (x >= xs[n - 1]) return ys[n - 1];
            long lo = 0, hi = n - 1;
            while (hi - lo > 1) {
                long mid = (lo + hi) >> 1;
                if (xs[mid] <= x) lo = mid; else hi = mid;
            }
            return ys[lo] + (x - xs[lo]) * (ys[hi] - ys[lo]) / (xs[hi] - xs[lo]);
        }

        """
    }

    /// The C expression of `op` over operands already spelled in C.
    func expression(_ op: Op, _ a: String, _ b: String, _ c: String) -> String {
        switch op.code {
        case .copy: a
        case .neg: "(-\(a))"
        case .not: "sd_not(\(a))"
        case .add: "(\(a) + \(b))"
        case .sub: "(\(a) - \(b))"
        case .mul: "(\(a) * \(b))"
        case .div: "(\(a) / \(b))"
        case .pow: "pow(\(a), \(b))"
        case .min: "sd_min(\(a), \(b))"
        case .max: "sd_max(\(a), \(b))"
        case .modulo: "fmod(\(a), \(b))"
        case .zidz: "sd_zidz(\(a), \(b))"
        case .log: "sd_logb(\(a), \(b))"
        case .lt: "sd_truth(\(a) < \(b))"
        case .le: "sd_truth(\(a) <= \(b))"
        case .gt: "sd_truth(\(a) > \(b))"
        case .ge: "sd_truth(\(a) >= \(b))"
        case .eq: "sd_truth(\(a) == \(b))"
        case .ne: "sd_truth(\(a) != \(b))"
        case .and: "sd_and(\(a), \(b))"
        case .or: "sd_or(\(a), \(b))"
        case .abs: "__builtin_fabs(\(a))"
        case .exp: "exp(\(a))"
        case .ln: "log(\(a))"
        case .sqrt: "__builtin_sqrt(\(a))"
        case .sin: "sin(\(a))"
        case .cos: "cos(\(a))"
        case .tan: "tan(\(a))"
        case .asin: "asin(\(a))"
        case .acos: "acos(\(a))"
        case .atan: "atan(\(a))"
        case .integer: "__builtin_trunc(\(a))"
        case .select: "(\(a) != 0 ? \(b) : \(c))"
        case .xidz: "sd_xidz(\(a), \(b), \(c))"
        case .muladd: "(\(a) + \(b) * \(c))"
        case .cosh: "cosh(\(a))"
        case .sinh: "sinh(\(a))"
        case .tanh: "tanh(\(a))"
        case .gammaln: "lgamma(\(a))"
        case .quantum: "sd_quantum(\(a), \(b))"
        case .lookup, .lookupForward, .lookupBackward, .lookupExtrapolate, .lookupInvert, .lookupArea:
            CGenerator.tableCall(op.code, a, b, xs: "sd_x\(op.table)", ys: "sd_y\(op.table)", n: CLiteral.int(tableSizes[op.table]))
        case .vectorSelect, .vectorElmMap, .vectorSortOrder, .vectorRank, .vectorReorder, .invertMatrix,
             .allocateByPriority, .allocateAvailable, .vectorLookup:
            // `a` spells the operands' array and `b` their stride (`operands`).
            CGenerator.blockCall(op.code, a, stride: b, count: CLiteral.int(op.table))
        }
    }

    /// The C operands of `op` for `expression`, each spelled by `spell`: a block op's as an
    /// array literal of its slots with stride 1, the others padded to three.
    func operands(_ op: Op, _ spell: (Ref) throws -> String) rethrows -> [String] {
        if op.code.isBlock {
            let slots = try (0..<op.table).map { try spell(op.a.advanced(by: $0)) }
            return ["(const double[]){\(slots.joined(separator: ", "))}", "1", "0.0"]
        }
        let spelled = try [op.a, op.b, op.c].prefix(op.code.arity).map(spell)
        return spelled + Array(repeating: "0.0", count: 3 - spelled.count)
    }
}
