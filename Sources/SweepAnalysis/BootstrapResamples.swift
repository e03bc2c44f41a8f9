import SweepNumerics

/// The bootstrap index matrix r (size × count) that every index of one analysis shares
/// (SALib's `r = rng.integers(N, size=(N, R))`, docs/gsa-notes.md §3): resample b is n indices drawn
/// uniformly with replacement.
///
/// Column b of r is drawn from `SeededGenerator(seed: seed, stream: b)`: r is a pure function of
/// the seed, so the same seed gives the same bits, while workers on different cores can draw
/// their own columns without storing the whole N×B matrix (64 MB for N = 2^14, B = 1000).
///
/// ```swift
/// let r = BootstrapResamples(seed: 1, size: 4096, count: 100)
/// let rows = r.indices(0)   // 4096 row indices in 0..<4096
/// ```
public struct BootstrapResamples: Sendable, Hashable {
    public let seed: UInt64
    /// n: how many items each resample draws from (and draws).
    public let size: Int
    /// B: the number of resamples.
    public let count: Int

    public init(seed: UInt64, size: Int, count: Int) {
        precondition(size >= 1 && count >= 1)
        self.seed = seed
        self.size = size
        self.count = count
    }

    /// Column b of r: the drawn indices, in draw order.
    public func indices(_ b: Int) -> [Int] {
        precondition(b >= 0 && b < count)
        var rng = SeededGenerator(seed: seed, stream: UInt64(b))
        return (0..<size).map { _ in rng.nextIndex(below: size) }
    }

    /// How often each item occurs in resample b, written into `counts[0..<size]`.
    ///
    /// A resampled sum Σ_t f(r_tb) equals Σ_i counts_i·f(i); summing over i in order makes the
    /// result independent of draw order and lets the summation stream through memory.
    func fillCounts(_ b: Int, into counts: UnsafeMutablePointer<Int32>) {
        counts.update(repeating: 0, count: size)
        var rng = SeededGenerator(seed: seed, stream: UInt64(b))
        for _ in 0..<size { counts[rng.nextIndex(below: size)] &+= 1 }
    }

    /// z = Φ⁻¹(0.5 + conf/2), the multiplier of SALib's normal-approximation half-width.
    static func z(confidence: Double) -> Double { Normal.quantile(0.5 + confidence / 2) }

    /// z·sd (ddof 1) of `values`: SALib's reported confidence half-width.
    static func halfWidth(_ values: some Collection<Double>, z: Double) -> Double {
        z * Statistics.standardDeviation(values, ddof: 1)
    }
}
