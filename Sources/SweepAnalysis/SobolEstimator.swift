/// How S1 and ST are estimated from the Saltelli design's pairs, on outputs centred and scaled
/// over all rows; a = f(A), b = f(B), ab = f(AB^(j)) of one base row, V̂ the variance of
/// f(A) ∪ f(B), means over the N base rows.
///
/// - `saltelli2010` (SALib's, the default): S1 = mean[b·(ab − a)]/V̂ (Saltelli et al. 2010,
///   Table 2 (b)); ST = ½·mean[(a − ab)²]/V̂ (Jansen 1999, Table 2 (f)).
/// - `jansen`: S1 = 1 − ½·mean[(b − ab)²]/V̂, ST = ½·mean[(a − ab)²]/V̂ (Jansen 1999; Saltelli
///   et al. 2010, Table 2 (d) and (f)): both from squared differences, never from products of
///   large values.
/// - `janon`: S1 = (mean[b·ab] − m²)/(mean[(b² + ab²)/2] − m²) with m = mean[(b + ab)/2], and
///   ST = 1 − (mean[a·ab] − m′²)/(mean[(a² + ab²)/2] − m′²) with m′ = mean[(a + ab)/2]
///   (Janon, Klein, Lagnoux, Nodet & Prieur 2014, ESAIM: PS 18, 342–364): each pair normalised
///   by its own variance, asymptotically efficient for S1.
///
/// Every estimator is a function of sums over base rows, so the bootstrap recomputes it from
/// resampled sums like the default's; S2 keeps Saltelli (2002)'s formula with the estimator's S1.
public enum SobolEstimator: String, CaseIterable, Sendable, Hashable, Codable {
    case saltelli2010, jansen, janon

    /// Sums kept per factor.
    var perFactor: Int { self == .janon ? 6 : 2 }

    /// Factor j's quantities of one base row, at `row[j·perFactor …]`.
    @inline(__always)
    func quantities(a: Double, b: Double, ab: Double, j: Int, k: Int, into row: UnsafeMutablePointer<Double>) {
        switch self {
        case .saltelli2010:
            row[j] = b * (ab - a); row[k + j] = (a - ab) * (a - ab)
        case .jansen:
            row[j] = (b - ab) * (b - ab); row[k + j] = (a - ab) * (a - ab)
        case .janon:
            let q = row + 6 * j
            q[0] = b * ab; q[1] = b + ab; q[2] = b * b + ab * ab
            q[3] = a * ab; q[4] = a + ab; q[5] = a * a + ab * ab
        }
    }

    /// S1_j and ST_j from the sums of n rows.
    @inline(__always)
    func indices(sums: UnsafePointer<Double>, j: Int, k: Int, n: Double, variance v: Double,
                 into out: (s1: UnsafeMutablePointer<Double>, st: UnsafeMutablePointer<Double>)) {
        switch self {
        case .saltelli2010:
            out.s1.pointee = sums[j] / n / v
            out.st.pointee = 0.5 * (sums[k + j] / n) / v
        case .jansen:
            out.s1.pointee = 1 - 0.5 * (sums[j] / n) / v
            out.st.pointee = 0.5 * (sums[k + j] / n) / v
        case .janon:
            let q = sums + 6 * j
            func ratio(_ product: Double, _ sum: Double, _ squares: Double) -> Double {
                let m = sum / (2 * n)
                return (product / n - m * m) / (squares / (2 * n) - m * m)
            }
            out.s1.pointee = ratio(q[0], q[1], q[2])
            out.st.pointee = 1 - ratio(q[3], q[4], q[5])
        }
    }
}
