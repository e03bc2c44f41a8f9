import Foundation
import Testing
import SweepAnalysis
import SweepNumerics

/// Ties within a tolerance, the counts of shared first places, Sobol' ranks among a subset of
/// factors, and the Wilson interval the report puts around a rank share.
struct RankTiesTests {
    @Test func aToleranceLetsCloseEffectsShareARank() {
        // The case: 861.2 against 859.4 differ by 0.21% of the larger.
        #expect(Ranking.descending([861.2, 859.4, 10]) == [1, 2, 3])
        #expect(Ranking.descending([861.2, 859.4, 10], tolerance: 0.01) == [1, 1, 3])
        #expect(Ranking.descending([861.2, 859.4, 10], tolerance: 0.001) == [1, 2, 3])
        // Tolerance 0 is the plain competition rank, NaN last either way.
        let values = [3.0, .nan, 3, 1, 7]
        #expect(Ranking.descending(values, tolerance: 0) == Ranking.descending(values))
        // Not transitive by design: each value is compared with those above it, so a chain of
        // small steps does not collapse into one rank. 100 ≈ 99.5 ≈ 99; 99 is 1% below 100.
        #expect(Ranking.descending([100, 99.5, 99], tolerance: 0.006) == [1, 1, 2])
    }

    @Test func sharedFirstPlacesAreCountedForEachHolder() throws {
        // Point 0: a and b within 1% (tie for first); point 1: a alone; point 2: c alone.
        let effects = Matrix(rowArrays: [[10, 9.95, 1], [10, 5, 1], [1, 2, 30]])
        let f = try RankingRobustness(tieTolerance: 0.01).rankFrequencies(effects: effects, names: ["a", "b", "c"])
        #expect(f.tieTolerance == 0.01)
        #expect(f.overall.counts.map { $0[0] } == [2, 1, 1])
        #expect(f.overall.firstTied == [1, 1, 0])
        let strict = try RankingRobustness().rankFrequencies(effects: effects, names: ["a", "b", "c"])
        #expect(strict.overall.counts.map { $0[0] } == [2, 0, 1] && strict.overall.firstTied == [0, 0, 0])
    }

    @Test func sobolRanksAmongASubsetRankOnlyThoseFactors() throws {
        // Three factors; the subset {b, c} ranks c first in resamples where c > b.
        let estimates = [0.9, 0.2, 0.3]
        let resamples = Matrix(rowArrays: [[0.9, 0.2, 0.3], [0.8, 0.35, 0.3], [0.95, 0.1, 0.4], [0.9, 0.25, 0.2]])
        let all = try RankingRobustness().bootstrapRanks(estimates: estimates, resamples: resamples, names: ["a", "b", "c"])
        #expect(all.topRankProbability == [1, 0, 0])
        let indices = SobolIndices(names: ["a", "b", "c"], s1: estimates, s1Conf: [0, 0, 0], st: estimates, stConf: [0, 0, 0],
                                   resampledS1: resamples, resampledST: resamples, baseRows: 8)
        let among = try RankingRobustness().bootstrapRanks(of: indices, among: ["c", "b"])
        #expect(among.names == ["c", "b"])
        #expect(among.rank == [1, 2])
        #expect(among.topRankProbability == [0.5, 0.5])
        #expect(throws: AnalysisError.self) { try RankingRobustness().bootstrapRanks(of: indices, among: ["d"]) }
    }

    @Test func wilsonIntervalMatchesStatsmodels() {
        // Reference: statsmodels 0.14 proportion_confint(count, nobs, alpha, method="wilson").
        // Tolerance 1e-12: a handful of operations on numbers of order 1, with the normal
        // quantile (Wichura's AS 241) good to ~1e-16.
        let cases: [(Int, Int, Double, Double, Double)] = [
            (461, 1000, 0.95, 0.430312716614063, 0.49198577054781),
            (0, 300, 0.95, 0, 0.012642971224546),
            (300, 300, 0.95, 0.987357028775454, 1),
            (7, 10, 0.90, 0.441699795869835, 0.873123416096802),
        ]
        for (c, n, conf, lo, hi) in cases {
            let w = Statistics.wilsonInterval(successes: c, trials: n, confidence: conf)
            #expect(abs(w.low - lo) < 1e-12 && abs(w.high - hi) < 1e-12, "\(c)/\(n): \(w)")
        }
        // The numbers: 46.1% and 45.1% of 1000 points overlap, so neither is first.
        let a = Statistics.wilsonInterval(successes: 461, trials: 1000), b = Statistics.wilsonInterval(successes: 451, trials: 1000)
        #expect(a.low < b.high)
    }
}
