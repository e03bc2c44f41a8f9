import SweepNumerics

/// Latin hypercube sampling (McKay, Beckman & Conover 1979): each column's N values fall one
/// in each of the N equal strata of [0, 1), in an independent random order.
///
/// Variants:
/// - `.plain`: a uniformly random position within each stratum, u = (π(i) + U)/N (scipy's
///   `LatinHypercube()`, SALib's `latin.sample`).
/// - `.centered`: the stratum midpoints, u = (π(i) + ½)/N (scipy's `scramble=False`); still
///   random through the permutations.
/// - `.maximin(candidates:)`: the best of several plain hypercubes by the smallest pairwise
///   distance between points (Johnson, Moore & Ylvisaker 1990; Morris & Mitchell 1995), which
///   avoids the clumped designs a single draw can give.
///
/// Column j of candidate c uses `SeededGenerator(seed: seed, stream: c·2³² + j)`, so a design is
/// reproducible bit for bit from its seed.
///
/// ```swift
/// let design = try LatinHypercube(variant: .maximin(candidates: 10)).sample(space, n: 200, seed: 3)
/// ```
///
/// Reference: M. D. McKay, R. J. Beckman & W. J. Conover (1979), "A comparison of three methods
/// for selecting values of input variables in the analysis of output from a computer code",
/// Technometrics 21(2):239–245.
public struct LatinHypercube: Sendable {
    public enum Variant: Hashable, Sendable {
        case plain
        case centered
        case maximin(candidates: Int)
    }

    public var variant: Variant

    public init(variant: Variant = .plain) {
        self.variant = variant
    }

    /// - Throws: `SamplingError` for N < 1, fewer than one maximin candidate, or an unresolved
    ///   relative range.
    /// - Complexity: O(N·k) for `.plain` and `.centered`; O(c·N²·k) for `.maximin` with c
    ///   candidates (the pairwise distances), so keep maximin for designs of a few thousand runs.
    public func sample(_ space: ParameterSpace, n: Int, seed: UInt64 = 0) throws -> LHSDesign {
        try DesignChecks.positive(n, "N")
        let distributions = try space.distributions()
        let k = space.count
        var unit: Matrix
        var minimumDistance: Double?
        switch variant {
        case .plain:
            unit = Self.hypercube(n: n, k: k, seed: seed, candidate: 0, centered: false)
        case .centered:
            unit = Self.hypercube(n: n, k: k, seed: seed, candidate: 0, centered: true)
        case .maximin(let candidates):
            guard candidates >= 1 else {
                throw SamplingError(.invalidOption, "maximin needs at least 1 candidate, not \(candidates)")
            }
            unit = Self.hypercube(n: n, k: k, seed: seed, candidate: 0, centered: false)
            var best = Self.minimumSquaredDistance(unit)
            for c in 1..<candidates {
                let trial = Self.hypercube(n: n, k: k, seed: seed, candidate: c, centered: false)
                let d = Self.minimumSquaredDistance(trial)
                if d > best { best = d; unit = trial }
            }
            minimumDistance = best.squareRoot()
        }
        return LHSDesign(
            space: space, variant: variant, unit: unit,
            samples: ParameterSpace.map(unit: unit, distributions: distributions),
            seed: seed, minimumDistance: minimumDistance)
    }

    /// One Latin hypercube in the unit cube.
    static func hypercube(n: Int, k: Int, seed: UInt64, candidate: Int, centered: Bool) -> Matrix {
        var unit = Matrix(rows: n, columns: k)
        // Int32 halves the permutation's footprint: a million-row shuffle touches 4 MB, not 8.
        var perm = [Int32](repeating: 0, count: n)
        let scale = 1 / Double(n)
        let dn = Double(n)
        unit.storage.withUnsafeMutableBufferPointer { out in
            perm.withUnsafeMutableBufferPointer { p in
                for j in 0..<k {
                    var rng = SeededGenerator(seed: seed, stream: UInt64(candidate) << 32 | UInt64(j))
                    for i in 0..<n { p[i] = Int32(truncatingIfNeeded: i) }
                    // Fisher–Yates: π is a uniformly random permutation of the strata.
                    var i = n - 1
                    while i > 0 {
                        let r = rng.nextIndex(below: i + 1)
                        p.swapAt(i, r)
                        i -= 1
                    }
                    let col = j * n
                    for i in 0..<n {
                        let stratum = Double(p[i])
                        let offset = centered ? 0.5 : rng.nextUnit()
                        var u = (stratum + offset) * scale
                        // Rounding can carry u into the next stratum (or to 1) when the offset
                        // is within an ulp of 1; step back so ⌊N·u⌋ is exactly the stratum.
                        while u * dn >= stratum + 1 { u = u.nextDown }
                        while u * dn < stratum { u = u.nextUp }
                        out[col + i] = u
                    }
                }
            }
        }
        return unit
    }

    /// The smallest squared Euclidean distance between two rows.
    static func minimumSquaredDistance(_ m: Matrix) -> Double {
        let n = m.rows, k = m.columns
        if n < 2 { return .infinity }
        var best = Double.infinity
        // Row-major copy so the inner loop over coordinates is contiguous.
        var rowsFirst = [Double](repeating: 0, count: n * k)
        for j in 0..<k { for i in 0..<n { rowsFirst[i * k + j] = m.storage[j * n + i] } }
        rowsFirst.withUnsafeBufferPointer { x in
            for a in 0..<(n - 1) {
                for b in (a + 1)..<n {
                    var d = 0.0
                    for j in 0..<k {
                        let t = x[a * k + j] - x[b * k + j]
                        d += t * t
                    }
                    if d < best { best = d }
                }
            }
        }
        return best
    }
}

/// A Latin hypercube design.
public struct LHSDesign: SamplingDesign {
    public let space: ParameterSpace
    public let variant: LatinHypercube.Variant
    /// n × k points in [0, 1); column j hits each stratum [s/n, (s+1)/n) exactly once.
    public let unit: Matrix
    public let samples: Matrix
    public let seed: UInt64
    /// For `.maximin`: the smallest distance between two points of the chosen candidate.
    public let minimumDistance: Double?
    public var warnings: [String] { [] }
}
