/// Small, exact-order statistics shared by the analyses. Every sum runs in index order, so the
/// same data give the same bits whatever thread produced them.
public enum Statistics {
    // mean, variance and standardDeviation are inlinable so that a caller in another module
    // gets them specialised for its collection: unspecialised, each element costs a witness
    // call and a metadata check, which made Sobol' bootstrap intervals over time the slowest
    // part of a study.
    @inlinable
    public static func mean(_ x: some Collection<Double>) -> Double {
        var s = 0.0
        for v in x { s += v }
        return s / Double(x.count)
    }

    /// Variance with `ddof` delta degrees of freedom (numpy's convention: ddof 0 divides by n).
    @inlinable
    public static func variance(_ x: some Collection<Double>, ddof: Int = 0) -> Double {
        let m = mean(x)
        var s = 0.0
        for v in x { let d = v - m; s += d * d }
        return s / Double(x.count - ddof)
    }

    @inlinable
    public static func standardDeviation(_ x: some Collection<Double>, ddof: Int = 0) -> Double {
        variance(x, ddof: ddof).squareRoot()
    }

    /// Pearson's correlation of two equal-length series (NaN when either is constant).
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count)
        let mx = mean(x), my = mean(y)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
            syy += (y[i] - my) * (y[i] - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Ranks 1…n with ties given the average of the positions they share (scipy's `rankdata`
    /// default, the convention PRCC needs).
    public static func averageRanks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            let r = Double(i + j) / 2 + 1
            for t in i...j { ranks[order[t]] = r }
            i = j + 1
        }
        return ranks
    }

    /// The q-quantile of sorted data with linear interpolation between order statistics
    /// (numpy's default, Hyndman & Fan type 7).
    public static func quantile(sorted x: [Double], _ q: Double) -> Double {
        precondition(!x.isEmpty && q >= 0 && q <= 1)
        let h = Double(x.count - 1) * q
        let lo = Int(h.rounded(.down))
        let hi = Swift.min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }

    /// The Wilson score interval of a binomial proportion: `successes` of `trials` at the given
    /// two-sided confidence (Wilson 1927, JASA 22, 209–212; Brown, Cai & DasGupta 2001 recommend
    /// it over the Wald interval, which collapses to a point at 0% and 100%). It stays inside
    /// [0, 1] and is sensible for small counts.
    ///
    /// ```swift
    /// Statistics.wilsonInterval(successes: 461, trials: 1000)   // (0.4302, 0.4920)
    /// ```
    public static func wilsonInterval(successes: Int, trials: Int, confidence: Double = 0.95) -> (low: Double, high: Double) {
        precondition(trials > 0 && successes >= 0 && successes <= trials && confidence > 0 && confidence < 1)
        let n = Double(trials), p = Double(successes) / n
        let z = Normal.quantile(0.5 + confidence / 2)
        let z2n = z * z / n
        let centre = (p + z2n / 2) / (1 + z2n)
        let half = z / (1 + z2n) * (p * (1 - p) / n + z2n / (4 * n)).squareRoot()
        return (Swift.max(0, centre - half), Swift.min(1, centre + half))
    }
}
