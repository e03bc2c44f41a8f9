import Foundation
import SweepNumerics

/// How robust a ranking of factors is: over an uncertain space (rank frequencies of effects
/// computed at many points), and under the bootstrap (ranks of the resampled Sobol' indices).
///
/// (a) Given one-at-a-time effects at each of many points of the uncertain space (an LHS, say),
/// ``rankFrequencies(effects:names:)`` counts how often each factor ranks first, second, …,
/// overall and within groups, and says it in words: "Internal Knowledge Restructuring ranks
/// first among internal elements in 97.3% of the space". Ranks are competition ranks of |effect|
/// (ties share the best rank), as in ``OneAtATimeAnalysis``; with a ``tieTolerance``, effects
/// within that fraction of the larger one tie (``Ranking/descending(_:tolerance:)``), so two
/// elements whose effects differ by 0.2% share first place instead of one "winning" it.
///
/// (b) Given bootstrap resamples of an index (``SobolIndices/resampledST``),
/// ``bootstrapRanks(estimates:resamples:names:)`` reports per factor the probability of ranking
/// first, the mean rank, the 2.5–97.5% range of its rank, and per resample the top-down
/// correlation (Iman & Conover 1987) of the resample's ranking with the full-sample ranking
/// (docs/gsa-notes.md §8; Sarrazin, Pianosi & Wagener 2016, Environ. Model. Softw. 79, 135–152).
///
/// ```swift
/// let robust = RankingRobustness(groups: groupOfEach)
/// let freq = try robust.rankFrequencies(effects: effectsAtLHSPoints, names: names)
/// print(freq.summary.joined(separator: "\n"))
/// let ranks = try robust.bootstrapRanks(of: sobolIndices)
/// print(ranks.topRankProbability, ranks.topDownCorrelation.min()!)
/// ```
public struct RankingRobustness: Sendable, Hashable {
    /// The group label of each factor (e.g. "internal elements"); nil for no groups.
    public var groups: [String]?
    /// Rank effects by magnitude (|effect|), as for one-at-a-time changes; false ranks the
    /// signed values.
    public var byMagnitude: Bool
    /// Relative difference below which two effects share a rank (0: only equal effects tie).
    public var tieTolerance: Double

    public init(groups: [String]? = nil, byMagnitude: Bool = true, tieTolerance: Double = 0) {
        precondition(tieTolerance >= 0 && tieTolerance < 1, "a tie tolerance is a fraction in [0, 1)")
        self.groups = groups
        self.byMagnitude = byMagnitude
        self.tieTolerance = tieTolerance
    }

    /// Rank frequencies of factors over the points of an uncertain space.
    /// - Parameters:
    ///   - effects: points × factors, the effect of each factor at each point.
    ///   - names: factor names.
    /// - Throws: ``AnalysisError`` for shape mismatches or non-finite effects.
    /// - Complexity: O(points·k²).
    public func rankFrequencies(effects: Matrix, names: [String]) throws -> RankFrequencies {
        let k = names.count
        guard effects.columns == k, effects.rows >= 1 else {
            throw AnalysisError(.shapeMismatch, "effects are \(effects.rows)×\(effects.columns) for \(k) factors")
        }
        if let groups, groups.count != k {
            throw AnalysisError(.shapeMismatch, "\(groups.count) group labels for \(k) factors")
        }
        let bad = (0..<effects.rows).filter { i in (0..<k).contains { !effects[i, $0].isFinite } }
        guard bad.isEmpty else {
            throw AnalysisError(.nonFiniteValues, "\(bad.count) points have non-finite effects; first at rows \(AnalysisError.list(bad)) (0-based)", rows: bad)
        }
        let sets: [(String?, [Int])] = [(nil, Array(0..<k))]
            + (groups.map { g in Ranking.uniqueInOrder(g).map { label in (label, (0..<k).filter { g[$0] == label }) } } ?? [])
        var tables: [RankFrequencies.Table] = []
        for (label, members) in sets {
            var counts = [[Int]](repeating: [Int](repeating: 0, count: members.count), count: members.count)
            var firstTied = [Int](repeating: 0, count: members.count)
            for i in 0..<effects.rows {
                let values = members.map { byMagnitude ? abs(effects[i, $0]) : effects[i, $0] }
                let ranks = Ranking.descending(values, tolerance: tieTolerance)
                for (m, r) in ranks.enumerated() { counts[m][r - 1] += 1 }
                if ranks.lazy.filter({ $0 == 1 }).count > 1 {
                    for (m, r) in ranks.enumerated() where r == 1 { firstTied[m] += 1 }
                }
            }
            tables.append(RankFrequencies.Table(group: label, names: members.map { names[$0] }, counts: counts,
                                                firstTied: firstTied, points: effects.rows))
        }
        return RankFrequencies(points: effects.rows, tieTolerance: tieTolerance, overall: tables[0], groups: Array(tables.dropFirst()))
    }

    /// Bootstrap distribution of the ranks of an index.
    /// - Parameters:
    ///   - estimates: the full-sample index values, one per factor.
    ///   - resamples: B × factors, one resample per row (``SobolIndices/resampledST``).
    /// - Throws: ``AnalysisError`` for a shape mismatch, or when no resample is complete.
    ///   Resamples with a NaN value are left out and counted in ``BootstrapRanks/skippedResamples``.
    public func bootstrapRanks(estimates: [Double], resamples: Matrix, names: [String]) throws -> BootstrapRanks {
        let k = names.count
        guard estimates.count == k, resamples.columns == k else {
            throw AnalysisError(.shapeMismatch, "\(estimates.count) estimates and \(resamples.columns) resampled columns for \(k) factors")
        }
        guard estimates.allSatisfy(\.isFinite) else {
            throw AnalysisError(.nonFiniteValues, "the full-sample estimates contain a non-finite value")
        }
        let reference = Ranking.averageDescending(estimates)
        var ranks: [[Double]] = []   // per kept resample
        var tdcc: [Double] = []
        var skipped = 0
        for b in 0..<resamples.rows {
            let values = resamples.row(b)
            guard values.allSatisfy(\.isFinite) else { skipped += 1; continue }
            ranks.append(Ranking.averageDescending(values))
            tdcc.append(Ranking.topDownCorrelation(estimates, values))
        }
        guard !ranks.isEmpty else { throw AnalysisError(.nonFiniteValues, "no bootstrap resample has finite values for every factor") }
        let m = Double(ranks.count)
        var top = [Double](), meanRank = [Double](), low = [Double](), high = [Double]()
        for j in 0..<k {
            let rj = ranks.map { $0[j] }.sorted()
            top.append(Double(rj.filter { $0 == 1 }.count) / m)
            meanRank.append(Statistics.mean(rj))
            low.append(Statistics.quantile(sorted: rj, 0.025))
            high.append(Statistics.quantile(sorted: rj, 0.975))
        }
        return BootstrapRanks(
            names: names, rank: reference, topRankProbability: top, meanRank: meanRank, rankLow: low, rankHigh: high,
            topDownCorrelation: tdcc, skippedResamples: skipped)
    }

    /// ``bootstrapRanks(estimates:resamples:names:)`` of ST (or S1) from a Sobol' result,
    /// among `factors` only (all of its parameters when nil), so the ranks compare with a
    /// ranking of those factors alone: "first among the internal elements".
    /// - Throws: ``AnalysisError`` for a factor the indices do not have.
    public func bootstrapRanks(of indices: SobolIndices, firstOrder: Bool = false, among factors: [String]? = nil) throws -> BootstrapRanks {
        let estimates = firstOrder ? indices.s1 : indices.st
        let resamples = firstOrder ? indices.resampledS1 : indices.resampledST
        guard let factors else { return try bootstrapRanks(estimates: estimates, resamples: resamples, names: indices.names) }
        let columns = try factors.map { f in
            guard let c = indices.names.firstIndex(of: f) else { throw AnalysisError(.shapeMismatch, "the Sobol' indices have no parameter '\(f)'") }
            return c
        }
        var picked = Matrix(rows: resamples.rows, columns: columns.count)
        for b in 0..<resamples.rows { for (j, c) in columns.enumerated() { picked[b, j] = resamples[b, c] } }
        return try bootstrapRanks(estimates: columns.map { estimates[$0] }, resamples: picked, names: factors)
    }
}

/// How often each factor takes each rank over the points of a space.
public struct RankFrequencies: Sendable, Codable, Equatable {
    /// Rank counts among one set of factors (all, or one group).
    public struct Table: Sendable, Codable, Equatable {
        /// The group label, nil for all factors together.
        public var group: String?
        public var names: [String]
        /// `counts[f][r]`: points where factor f has rank r + 1. With ties, a point counts for
        /// every tied factor, so a column may sum to more than the number of points.
        public var counts: [[Int]]
        /// `firstTied[f]`: points where factor f ranks first together with another factor.
        public var firstTied: [Int]
        public var points: Int

        enum CodingKeys: String, CodingKey {
            case group, names, counts, firstTied = "first_tied", points
        }

        /// `frequency[f][r]` = counts / points.
        public var frequency: [[Double]] { counts.map { $0.map { Double($0) / Double(points) } } }

        /// The factor most often first, and how often.
        public var mostOftenFirst: (name: String, frequency: Double) {
            let f = counts.indices.max { counts[$0][0] < counts[$1][0] }!
            return (names[f], Double(counts[f][0]) / Double(points))
        }

        /// "X ranks first in 97.3% of the space" (or "… among G in …").
        public var sentence: String {
            let (name, share) = mostOftenFirst
            let among = group.map { " among \($0)" } ?? ""
            return "\(name) ranks first\(among) in \(String(format: "%.1f", 100 * share))% of the space"
        }
    }

    public var points: Int
    /// The relative difference below which two effects shared a rank.
    public var tieTolerance: Double
    public var overall: Table
    /// One table per group, in order of first appearance; empty without groups.
    public var groups: [Table]

    /// One sentence per table, overall first.
    public var summary: [String] { ([overall] + groups).map(\.sentence) }

    enum CodingKeys: String, CodingKey {
        case points, tieTolerance = "tie_tolerance", overall, groups
    }
}

/// The bootstrap distribution of factor ranks (1 = most important).
public struct BootstrapRanks: Sendable, Codable, Equatable {
    public var names: [String]
    /// The full-sample ranks (average ranks, 1 = largest).
    public var rank: [Double]
    /// P(rank = 1) over the resamples.
    public var topRankProbability: [Double]
    public var meanRank: [Double]
    /// 2.5% and 97.5% quantiles of the rank (linear interpolation, numpy's default).
    public var rankLow: [Double]
    public var rankHigh: [Double]
    /// Per kept resample, the top-down correlation of its ranking with the full-sample ranking.
    public var topDownCorrelation: [Double]
    /// Resamples left out because an index was NaN there.
    public var skippedResamples: Int

    enum CodingKeys: String, CodingKey {
        case names, rank, topRankProbability = "top_rank_probability", meanRank = "mean_rank"
        case rankLow = "rank_low", rankHigh = "rank_high", topDownCorrelation = "top_down_correlation"
        case skippedResamples = "skipped_resamples"
    }
}
