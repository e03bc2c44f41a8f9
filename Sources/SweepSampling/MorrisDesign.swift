import SweepNumerics

/// Morris elementary-effects screening: r random trajectories on a p-level grid, each of
/// k+1 points with one factor moving by ±Δ per step, Δ = p/(2(p−1)).
///
/// Each trajectory follows SALib's construction of B* (Morris 1991; `_compute_b_star`):
/// B* = (J·x* + (Δ/2)[(2B − J)D* + J])P*, with x* drawn per parameter from the levels
/// {0, 1/(p−1), …, 1 − Δ}, D* a random ±1 per parameter and P* a random order of the factors.
/// Built directly rather than by matrix products: row 0 starts each parameter at x* or x* + Δ
/// (by its sign), and at step s the factor P*(s) flips to the other value. With groups every
/// member of the group moves at that step (each in its own direction, as SALib does) and
/// trajectories have G+1 points.
///
/// **Optimised trajectories** (Campolongo, Cariboni & Saltelli 2007): draw M candidates and
/// keep the r that maximise the spread D = √(Σ_{pairs} d²_ml), d_ml the sum of Euclidean
/// distances between the points of trajectories m and l. The exact search over C(M, r) subsets
/// is exponential (SALib's brute force refuses r > 10), so this selects greedily — start with
/// the farthest pair, repeatedly add the candidate adding most to Σd² — then improves by
/// exchanges (swap a chosen trajectory for an unchosen one while Σd² grows), a local search in
/// the spirit of Ruano, Ribes, Sin & Gernaey (2012). It finds a local optimum, not necessarily
/// the global one. The chosen trajectories keep their candidate order.
///
/// Trajectory t of the candidates uses `SeededGenerator(seed: seed, stream: t)`.
///
/// **Unbounded distributions**: trajectories visit the levels 0 and 1, where a normal
/// distribution's quantile is infinite; `Distribution` clamps u to [2⁻⁵³, 1 − 2⁻⁵³], giving
/// about ±8.2 sd, and the design warns. Prefer truncated normals with Morris.
///
/// ```swift
/// let design = try Morris(levels: 4, candidates: 100).sample(space, trajectories: 10, seed: 1)
/// design.layout.rows   // 10·(k+1)
/// ```
///
/// References: M. D. Morris (1991), Technometrics 33(2):161–174; F. Campolongo, J. Cariboni &
/// A. Saltelli (2007), Environ. Model. Softw. 22:1509–1518; M. V. Ruano et al. (2012),
/// Environ. Model. Softw. 37:103–109.
public struct Morris: Sendable {
    /// Grid levels p (≥ 2; even values keep x* + Δ on the grid).
    public var levels: Int
    /// Number M of candidate trajectories for Campolongo's selection, or nil for plain random
    /// trajectories.
    public var candidates: Int?

    public init(levels: Int = 4, candidates: Int? = nil) {
        self.levels = levels
        self.candidates = candidates
    }

    /// - Parameters:
    ///   - trajectories: r, the number of trajectories in the design.
    /// - Throws: `SamplingError` for levels < 2, r < 1, M < r, or an unresolved relative range.
    /// - Complexity: O(r·(G+1)·k) for random trajectories; with M candidates,
    ///   O(M²·(G+1)²·k) for the distances plus the selection.
    public func sample(_ space: ParameterSpace, trajectories r: Int, seed: UInt64 = 0) throws -> MorrisDesign {
        guard levels >= 2 else {
            throw SamplingError(.invalidOption, "Morris needs at least 2 levels, not \(levels)")
        }
        try DesignChecks.positive(r, "the number of trajectories")
        if let m = candidates, m < r {
            throw SamplingError(.invalidOption, "Morris selection needs at least as many candidates (\(m)) as trajectories (\(r))")
        }
        let distributions = try space.distributions()
        var warnings: [String] = []
        if levels % 2 == 1 {
            warnings.append("Morris with an odd number of levels (\(levels)) puts x* + Δ off the grid; use an even number")
        }
        if let unbounded = space.parameters.first(where: { !($0.distribution?.isBounded ?? true) }) {
            warnings.append("parameter '\(unbounded.name)' has an unbounded distribution: Morris levels 0 and 1 map to its clamped extremes (about ±8.2 sd)")
        }
        let pool = candidates ?? r
        let all = generate(space: space, count: pool, seed: seed)
        let chosen: [Int]
        if pool > r {
            chosen = Self.select(r, from: all.unit, factors: space.groupNames.count)
        } else {
            chosen = Array(0..<r)
        }
        let g = space.groupNames.count
        let layout = MorrisLayout(factors: g, trajectories: r, levels: levels)
        let unit: Matrix
        var moved: [Int]
        if pool > r {
            var u = Matrix(rows: layout.rows, columns: space.count)
            moved = []
            moved.reserveCapacity(r * g)
            for (slot, t) in chosen.enumerated() {
                for j in 0..<space.count {
                    for s in 0...g { u[slot * (g + 1) + s, j] = all.unit[t * (g + 1) + s, j] }
                }
                moved.append(contentsOf: all.moved[(t * g)..<((t + 1) * g)])
            }
            unit = u
        } else {
            unit = all.unit
            moved = all.moved
        }
        return MorrisDesign(
            space: space, layout: layout, unit: unit,
            samples: ParameterSpace.map(unit: unit, distributions: distributions),
            movedFactor: moved, candidateIndex: chosen, warnings: warnings)
    }

    /// `count` random trajectories in the unit cube, and the factor moved at each step.
    func generate(space: ParameterSpace, count: Int, seed: UInt64) -> (unit: Matrix, moved: [Int]) {
        let k = space.count, g = space.groupNames.count, p = levels
        let rows = count * (g + 1)
        let delta = Double(p) / (2 * Double(p - 1))
        let half = p / 2
        var unit = Matrix(rows: rows, columns: k)
        var moved = [Int](repeating: 0, count: count * g)
        var low = [Double](repeating: 0, count: k), high = [Double](repeating: 0, count: k)
        var startsHigh = [Bool](repeating: false, count: k)
        var order = [Int](repeating: 0, count: g)
        var stepOf = [Int](repeating: 0, count: g)
        let groupOf = space.groupIndex
        for t in 0..<count {
            var rng = SeededGenerator(seed: seed, stream: UInt64(t))
            for j in 0..<k {
                let level = rng.nextIndex(below: half)
                if p % 2 == 0 {
                    // Even p: x* and x* + Δ are exact grid levels l/(p−1) and (l + p/2)/(p−1).
                    low[j] = Double(level) / Double(p - 1)
                    high[j] = Double(level + half) / Double(p - 1)
                } else {
                    // Odd p: SALib's linspace(0, 1 − Δ, ⌊p/2⌋) and x* + Δ.
                    low[j] = half == 1 ? 0 : Double(level) * (1 - delta) / Double(half - 1)
                    high[j] = low[j] + delta
                }
                // D*_j = −1 starts the parameter at x* + Δ and moves it down by Δ.
                startsHigh[j] = rng.next() & 1 == 1
            }
            // P*: a uniformly random order of the factors (Fisher–Yates).
            for m in 0..<g { order[m] = m }
            var i = g - 1
            while i > 0 {
                order.swapAt(i, rng.nextIndex(below: i + 1))
                i -= 1
            }
            for s in 0..<g {
                stepOf[order[s]] = s + 1
                moved[t * g + s] = order[s]
            }
            let base = t * (g + 1)
            unit.storage.withUnsafeMutableBufferPointer { out in
                for j in 0..<k {
                    let col = j * rows + base
                    let step = stepOf[groupOf[j]]
                    let first = startsHigh[j] ? high[j] : low[j]
                    let second = startsHigh[j] ? low[j] : high[j]
                    for s in 0...g { out[col + s] = s < step ? first : second }
                }
            }
        }
        return (unit, moved)
    }

    /// Indices of r trajectories (in increasing order) with a large Campolongo spread:
    /// greedy forward selection, then exchange passes.
    static func select(_ r: Int, from unit: Matrix, factors g: Int) -> [Int] {
        let points = g + 1
        let m = unit.rows / points
        // A single trajectory has no pairs to spread; any candidate is as good.
        if r == 1 { return [0] }
        let k = unit.columns
        // Squared trajectory distances d²_ml; the objective is Σ over chosen pairs.
        var d2 = [Double](repeating: 0, count: m * m)
        var rowsFirst = [Double](repeating: 0, count: unit.rows * k)
        for j in 0..<k { for i in 0..<unit.rows { rowsFirst[i * k + j] = unit.storage[j * unit.rows + i] } }
        rowsFirst.withUnsafeBufferPointer { x in
            for a in 0..<m {
                for b in (a + 1)..<m {
                    var total = 0.0
                    for pa in 0..<points {
                        let ra = (a * points + pa) * k
                        for pb in 0..<points {
                            let rb = (b * points + pb) * k
                            var s = 0.0
                            for j in 0..<k { let t = x[ra + j] - x[rb + j]; s += t * t }
                            total += s.squareRoot()
                        }
                    }
                    d2[a * m + b] = total * total
                    d2[b * m + a] = total * total
                }
            }
        }
        // Greedy: the farthest pair, then the candidate adding most to Σd².
        var best = (0, 1)
        for a in 0..<m { for b in (a + 1)..<m where d2[a * m + b] > d2[best.0 * m + best.1] { best = (a, b) } }
        var chosen = [best.0, best.1]
        var inSet = [Bool](repeating: false, count: m)
        inSet[best.0] = true; inSet[best.1] = true
        // score[c] = Σ_{s chosen} d²(c, s)
        var score = [Double](repeating: 0, count: m)
        for c in 0..<m { score[c] = d2[c * m + best.0] + d2[c * m + best.1] }
        while chosen.count < r {
            var pick = -1
            for c in 0..<m where !inSet[c] && (pick < 0 || score[c] > score[pick]) { pick = c }
            chosen.append(pick)
            inSet[pick] = true
            for c in 0..<m { score[c] += d2[c * m + pick] }
        }
        // Exchange: replacing s by c changes Σd² by score[c] − d²(c,s) − score[s].
        var improved = true
        var passes = 0
        while improved && passes < 100 {
            improved = false
            passes += 1
            for slot in 0..<r {
                let s = chosen[slot]
                var bestGain = 0.0, bestC = -1
                for c in 0..<m where !inSet[c] {
                    let gain = score[c] - d2[c * m + s] - score[s]
                    // A relative threshold keeps rounding noise from cycling swaps.
                    if gain > bestGain && gain > 1e-12 * score[s] { bestGain = gain; bestC = c }
                }
                if bestC >= 0 {
                    chosen[slot] = bestC
                    inSet[s] = false; inSet[bestC] = true
                    for x in 0..<m { score[x] += d2[x * m + bestC] - d2[x * m + s] }
                    improved = true
                }
            }
        }
        return chosen.sorted()
    }
}

/// A Morris design: r trajectories of G+1 rows, G the number of factors (groups, or
/// parameters when there are none).
public struct MorrisDesign: SamplingDesign {
    public let space: ParameterSpace
    public let layout: MorrisLayout
    /// The trajectories on the unit-cube grid (values l/(p−1) for even p).
    public let unit: Matrix
    public let samples: Matrix
    /// `movedFactor[t·G + s]`: the factor (index into `space.groupNames`) that moves between
    /// rows s and s+1 of trajectory t.
    public let movedFactor: [Int]
    /// For each trajectory, its index among the candidates it was drawn from (0…r−1 without
    /// selection).
    public let candidateIndex: [Int]
    public let warnings: [String]

    /// The factor moved at step s (0-based) of trajectory t.
    public func factorMoved(trajectory t: Int, step s: Int) -> Int { movedFactor[t * layout.factors + s] }
}
