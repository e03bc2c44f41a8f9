import SweepCompiler
import SweepModel

extension CGenerator {
    /// The C helpers of the lookup modes and vector functions the unit's ops use: C
    /// transcriptions of `LookupModes` and `VensimVectors`, each doing the Swift code's
    /// operations in its order. A vector function reads its operands at `x[j * s]`.
    static func helpers(for codes: Set<OpCode>) -> String {
        var out = ""
        if codes.contains(.quantum) {
            out += "static inline double sd_quantum(double x, double q) { return q < SD_ZERO ? x : q * __builtin_trunc(x / q); }\n"
        }
        let vectorLookup = codes.contains(.vectorLookup)
        if codes.contains(.lookupForward) || vectorLookup { out += lookupForward }
        if codes.contains(.lookupBackward) || vectorLookup { out += lookupBackward }
        if codes.contains(.lookupExtrapolate) || vectorLookup { out += lookupExtrapolate }
        if codes.contains(.lookupInvert) || vectorLookup { out += lookupInvert }
        if codes.contains(.lookupArea) || vectorLookup { out += lookupArea }
        let blocks = codes.filter(\.isBlock)
        if blocks.isEmpty { return out }
        out += "static long sd_index(double v, long n) { double r = round(v); return r >= 0 && r < (double)n ? (long)r : -1; }\n"
        if blocks.contains(.vectorSelect) { out += vectorSelect }
        if blocks.contains(.vectorElmMap) {
            out += "static double sd_v_elmmap(const double *x, long s, long count) { long i = sd_index(x[0], count - 1); return i < 0 ? NAN : x[(1 + i) * s]; }\n"
        }
        if blocks.contains(.vectorSortOrder) || blocks.contains(.vectorRank) { out += vectorOrder }
        if blocks.contains(.vectorReorder) { out += vectorReorder }
        if blocks.contains(.invertMatrix) { out += invertMatrix }
        if blocks.contains(.allocateByPriority) || blocks.contains(.allocateAvailable) { out += allocation }
        if vectorLookup { out += CGenerator.vectorLookup }
        return out
    }

    /// The C call of a table op over operands `x`, `y` and the table's points.
    static func tableCall(_ code: OpCode, _ x: String, _ y: String, xs: String, ys: String, n: String) -> String {
        switch code {
        case .lookup: "sd_lookup(\(x), \(xs), \(ys), \(n))"
        case .lookupForward: "sd_lookup_forward(\(x), \(xs), \(ys), \(n))"
        case .lookupBackward: "sd_lookup_backward(\(x), \(xs), \(ys), \(n))"
        case .lookupExtrapolate: "sd_lookup_extrapolate(\(x), \(xs), \(ys), \(n))"
        case .lookupInvert: "sd_lookup_invert(\(x), \(xs), \(ys), \(n))"
        case .lookupArea: "sd_lookup_area(\(x), \(y), \(xs), \(ys), \(n))"
        default: preconditionFailure("not a table op: \(code)")
        }
    }

    /// The C call of a block op whose operands are at `x[j * stride]`, j < `count`.
    static func blockCall(_ code: OpCode, _ x: String, stride: String, count: String) -> String {
        let name: String
        switch code {
        case .vectorSelect: name = "sd_v_select"
        case .vectorElmMap: name = "sd_v_elmmap"
        case .vectorSortOrder: name = "sd_v_sortorder"
        case .vectorRank: name = "sd_v_rank"
        case .vectorReorder: name = "sd_v_reorder"
        case .invertMatrix: name = "sd_v_invert"
        case .allocateByPriority: name = "sd_v_allocpriority"
        case .allocateAvailable: name = "sd_v_allocavailable"
        case .vectorLookup: name = "sd_v_lookup"
        default: preconditionFailure("not a block op: \(code)")
        }
        return "\(name)(\(x), \(stride), \(count))"
    }

    static let lookupForward = """
        static double sd_lookup_forward(double x, const double *xs, const double *ys, long n) {
            if (x != x) return x;
            for (long i = 0; i < n; i++) if (xs[i] >= x) return ys[i];
            return ys[n - 1];
        }

        """

    static let lookupBackward = """
        static double sd_lookup_backward(double x, const double *xs, const double *ys, long n) {
            if (x != x) return x;
            long i = n - 1;
            while (i > 0 && xs[i] > x) i--;
            return ys[i];
        }

        """

    static let lookupExtrapolate = """
        static double sd_lookup_extrapolate(double x, const double *xs, const double *ys, long n) {
            if (x != x || n < 2) return n < 2 && x == x ? ys[0] : x;
            if (x < xs[0]) return ys[0] + (x - xs[0]) * (ys[1] - ys[0]) / (xs[1] - xs[0]);
            if (x > xs[n - 1]) return ys[n - 1] + (x - xs[n - 1]) * (ys[n - 1] - ys[n - 2]) / (xs[n - 1] - xs[n - 2]);
            return sd_lookup(x, xs, ys, n);
        }

        """

    static let lookupInvert = """
        static double sd_lookup_invert(double y, const double *xs, const double *ys, long n) {
            if (y != y) return y;
            for (long i = 0; i < n - 1; i++) {
                double a = ys[i], b = ys[i + 1];
                if ((a <= y && y <= b) || (b <= y && y <= a)) return a == b ? xs[i] : xs[i] + (y - a) * (xs[i + 1] - xs[i]) / (b - a);
            }
            return __builtin_fabs(y - ys[0]) <= __builtin_fabs(y - ys[n - 1]) ? xs[0] : xs[n - 1];
        }

        """

    static let lookupArea = """
        static double sd_lookup_cumulative(double x, const double *xs, const double *ys, long n) {
            if (x <= xs[0]) return (x - xs[0]) * ys[0];
            double area = 0.0;
            for (long i = 0; i < n - 1; i++) {
                if (x <= xs[i + 1]) {
                    double y = ys[i] + (x - xs[i]) * (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]);
                    return area + (x - xs[i]) * (ys[i] + y) * 0.5;
                }
                area += (xs[i + 1] - xs[i]) * (ys[i] + ys[i + 1]) * 0.5;
            }
            return area + (x - xs[n - 1]) * ys[n - 1];
        }
        static double sd_lookup_area(double a, double b, const double *xs, const double *ys, long n) {
            return sd_lookup_cumulative(b, xs, ys, n) - sd_lookup_cumulative(a, xs, ys, n);
        }

        """

    static let vectorSelect = """
        static double sd_v_select(const double *x, long s, long count) {
            long m = (count - 3) / 2;
            double action = x[s];
            if (!(action >= 0 && action <= 10 && action == round(action))) return NAN;
            long a = (long)action, cnt = 0;
            double acc = 0.0;
            int selected = 0;
            for (long j = 0; j < m; j++) {
                double sv = x[(3 + j) * s], e = x[(3 + m + j) * s];
                if (sv == 0) continue;
                selected = 1;
                double v = a <= 4 ? sv * e : a == 5 ? pow(e, sv) : e;
                if (v != v) continue;
                switch (a) {
                case 1: case 5: case 7: acc = cnt == 0 ? v : acc * v; break;
                case 2: case 8: acc = cnt == 0 || v < acc ? v : acc; break;
                case 3: case 9: acc = cnt == 0 || v > acc ? v : acc; break;
                default: acc = cnt == 0 ? v : acc + v;
                }
                cnt++;
            }
            if (!selected) return x[0];
            if (cnt == 0) return NAN;
            return a == 4 || a == 10 ? acc / (double)cnt : acc;
        }

        """

    static let vectorOrder = """
        static void sd_ascending(const double *x, long s, long base, long n, long *order) {
            for (long i = 0; i < n; i++) order[i] = i;
            for (long i = 1; i < n; i++) {
                long j = i;
                while (j > 0 && x[(base + order[j - 1]) * s] > x[(base + order[j]) * s]) {
                    long t = order[j - 1]; order[j - 1] = order[j]; order[j] = t;
                    j--;
                }
            }
        }
        static double sd_v_sortorder(const double *x, long s, long count) {
            long n = count - 2, k = sd_index(x[0], n);
            if (k < 0) return NAN;
            long order[n];
            sd_ascending(x, s, 2, n, order);
            return (double)(x[s] > 0 ? order[k] : order[n - 1 - k]);
        }
        static double sd_v_rank(const double *x, long s, long count) {
            long n = count - 2, k = sd_index(x[0], n);
            if (k < 0) return NAN;
            long order[n];
            sd_ascending(x, s, 2, n, order);
            long p = 0;
            while (order[p] != k) p++;
            return (double)(x[s] > 0 ? p + 1 : n - p);
        }

        """

    static let vectorReorder = """
        static double sd_v_reorder(const double *x, long s, long count) {
            long n = (count - 1) / 2, k = sd_index(x[0], n);
            if (k < 0) return NAN;
            long i = sd_index(x[(1 + n + k) * s], n);
            return i < 0 ? NAN : x[(1 + i) * s];
        }

        """

    static let invertMatrix = """
        static double sd_v_invert(const double *x, long s, long count) {
            long n = (long)round(__builtin_sqrt((double)(count - 2)));
            long i = sd_index(x[0], n), j = sd_index(x[s], n);
            if (i < 0 || j < 0) return NAN;
            long nn = n * n;
            double w[2 * nn];
            for (long r = 0; r < n; r++)
                for (long c = 0; c < n; c++) { w[r * n + c] = x[(2 + r * n + c) * s]; w[nn + r * n + c] = r == c ? 1.0 : 0.0; }
            for (long col = 0; col < n; col++) {
                long p = col;
                for (long r = col + 1; r < n; r++) if (__builtin_fabs(w[r * n + col]) > __builtin_fabs(w[p * n + col])) p = r;
                if (w[p * n + col] == 0) return NAN;
                if (p != col)
                    for (long c = 0; c < n; c++) {
                        double t = w[p * n + c]; w[p * n + c] = w[col * n + c]; w[col * n + c] = t;
                        t = w[nn + p * n + c]; w[nn + p * n + c] = w[nn + col * n + c]; w[nn + col * n + c] = t;
                    }
                double pivot = w[col * n + col];
                for (long c = 0; c < n; c++) { w[col * n + c] = w[col * n + c] / pivot; w[nn + col * n + c] = w[nn + col * n + c] / pivot; }
                for (long r = 0; r < n; r++) {
                    if (r == col) continue;
                    double f = w[r * n + col];
                    if (f == 0) continue;
                    for (long c = 0; c < n; c++) {
                        w[r * n + c] = w[r * n + c] - f * w[col * n + c];
                        w[nn + r * n + c] = w[nn + r * n + c] - f * w[nn + col * n + c];
                    }
                }
            }
            return w[nn + i * n + j];
        }

        """

    static let allocation = """
        static double sd_alloc_profile(double q, double type, double p, double w, double level) {
            if (q <= 0) return 0.0;
            double h = w * 0.5;
            if (type == 1) {
                if (level <= p - h) return q;
                if (level < p + h) return q * (1 - (level - p + h) / w);
                return 0.0;
            }
            if (type == 2) {
                if (level <= p - h) return q;
                if (level < p) { double d = level - p + h; return q * (1 - 2 * d * d / (w * w)); }
                if (level < p + h) { double d = p + h - level; return 2 * q * d * d / (w * w); }
                return 0.0;
            }
            if (type == 3) return q * 0.5 * (2 - erfc((p - level) / (1.4142135623730951 * w)));
            if (type == 4) {
                if (level < p) return q * (1 - 0.5 * exp((level - p) / w));
                return q * 0.5 * exp((p - level) / w);
            }
            return NAN;
        }
        /* Requests at x[(rb + i) * s]; profile i at x[(pb + i) * s] (priority, of type 1 and width `width`) when
           `rect`, else at x[(pb + 4i + 0…2) * s] (type, priority, width). */
        static void sd_alloc_pp(const double *x, long s, long pb, int rect, double width, long i, double *t, double *p, double *w) {
            if (rect) { *t = 1; *p = x[(pb + i) * s]; *w = width; }
            else { *t = x[(pb + 4 * i) * s]; *p = x[(pb + 4 * i + 1) * s]; *w = x[(pb + 4 * i + 2) * s]; }
        }
        static double sd_alloc_sum(const double *x, long s, long n, long rb, long pb, int rect, double width, double level) {
            double sum = 0.0, t, p, w;
            for (long i = 0; i < n; i++) {
                sd_alloc_pp(x, s, pb, rect, width, i, &t, &p, &w);
                sum += sd_alloc_profile(x[(rb + i) * s], t, p, w, level);
            }
            return sum;
        }
        static double sd_allocate(long k, long n, double supply, const double *x, long s, long rb, long pb, int rect, double width) {
            double total = 0.0, t, p, w;
            for (long i = 0; i < n; i++) total += x[(rb + i) * s];
            if (supply >= total) return x[(rb + k) * s];
            if (supply <= 0) return 0.0;
            double lo = __builtin_inf(), hi = -__builtin_inf();
            for (long i = 0; i < n; i++) {
                if (!(x[(rb + i) * s] > 0)) continue;
                sd_alloc_pp(x, s, pb, rect, width, i, &t, &p, &w);
                if (!(w > 0)) return NAN;
                lo = sd_min(lo, p - 40 * w);
                hi = sd_max(hi, p + 40 * w);
            }
            for (int it = 0; it < 200; it++) {
                double mid = lo + (hi - lo) * 0.5;
                if (!(mid > lo && mid < hi)) break;
                if (sd_alloc_sum(x, s, n, rb, pb, rect, width, mid) > supply) lo = mid; else hi = mid;
            }
            sd_alloc_pp(x, s, pb, rect, width, k, &t, &p, &w);
            return sd_alloc_profile(x[(rb + k) * s], t, p, w, hi);
        }
        static double sd_v_allocpriority(const double *x, long s, long count) {
            long n = (count - 3) / 2, k = sd_index(x[0], n);
            if (k < 0) return NAN;
            return sd_allocate(k, n, x[2 * s], x, s, 3, 3 + n, 1, x[s]);
        }
        static double sd_v_allocavailable(const double *x, long s, long count) {
            long n = (count - 2) / 5, k = sd_index(x[0], n);
            if (k < 0) return NAN;
            return sd_allocate(k, n, x[s], x, s, 2, 2 + n, 0, 0.0);
        }

        """

    static let vectorLookup = """
        static double sd_v_lookup(const double *x, long s, long count) {
            long n = count - 4;
            double xmin = x[s], xmax = x[2 * s], mode = x[3 * s];
            if (!(n >= 2 && mode >= 0 && mode <= 5 && mode == round(mode))) return NAN;
            double xs[n], ys[n];
            for (long i = 0; i < n; i++) { xs[i] = xmin + (double)i * (xmax - xmin) / (double)(n - 1); ys[i] = x[(4 + i) * s]; }
            switch ((long)mode) {
            case 0: return sd_lookup(x[0], xs, ys, n);
            case 1: return sd_lookup_cumulative(x[0], xs, ys, n);
            case 2: return sd_lookup_backward(x[0], xs, ys, n);
            case 3: return sd_lookup_extrapolate(x[0], xs, ys, n);
            case 4: return sd_lookup_forward(x[0], xs, ys, n);
            default: return sd_lookup_invert(x[0], xs, ys, n);
            }
        }

        """
}
