import SweepNumerics

/// Rankings of importance measures: 1 = most important. Shared by one-at-a-time effects and
/// ranking robustness so both count "first" the same way.
public enum Ranking {
    /// Competition ranks of `values`, largest first: tied values share the best rank
    /// (scipy's `rankdata(-values, method="min")`). NaN ranks last.
    public static func descending(_ values: [Double]) -> [Int] {
        descending(values, tolerance: 0)
    }

    /// Competition ranks, largest first, where a value within `tolerance` (relative to the
    /// larger) of another does not rank below it: value i's rank is one plus the number of
    /// values v with v − vᵢ > tolerance·|v|. With tolerance 0 this is ``descending(_:)``.
    /// A tie tolerance says how close two effects must be to count as equal: effects of 861.2
    /// and 859.4 share rank 1 at a tolerance of 0.01.
    public static func descending(_ values: [Double], tolerance: Double) -> [Int] {
        values.indices.map { i in
            guard !values[i].isNaN else { return values.count }
            return 1 + values.indices.filter { values[$0] - values[i] > tolerance * abs(values[$0]) }.count
        }
    }

    /// Average ranks, largest first (1 = largest; ties share the mean of their positions).
    public static func averageDescending(_ values: [Double]) -> [Double] {
        Statistics.averageRanks(values.map { -$0 })
    }

    /// Savage scores of `values`, largest first: position p of k gets Σ_{i=p}^{k} 1/i, and tied
    /// values share the mean of their positions' scores (Iman & Conover 1987; docs/gsa-notes.md §8).
    public static func savageScores(_ values: [Double]) -> [Double] {
        let k = values.count
        var tail = [Double](repeating: 0, count: k + 2)  // tail[p] = Σ_{i=p}^{k} 1/i
        for p in stride(from: k, through: 1, by: -1) { tail[p] = tail[p + 1] + 1 / Double(p) }
        let order = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var scores = [Double](repeating: 0, count: k)
        var i = 0
        while i < k {
            var j = i
            while j + 1 < k && values[order[j + 1]] == values[order[i]] { j += 1 }
            var s = 0.0
            for p in i...j { s += tail[p + 1] }
            for p in i...j { scores[order[p]] = s / Double(j - i + 1) }
            i = j + 1
        }
        return scores
    }

    /// The top-down correlation of two rankings of the same factors: Pearson's correlation of
    /// their Savage scores (Iman, R. L., Conover, W. J. (1987), Technometrics 29(3), 351–357).
    /// It weights agreement on the most important factors and shrugs off reshuffles at the bottom.
    public static func topDownCorrelation(_ a: [Double], _ b: [Double]) -> Double {
        Statistics.pearson(savageScores(a), savageScores(b))
    }

    /// Distinct labels in order of first appearance (as pandas' `unique`, which SALib uses for
    /// group names).
    static func uniqueInOrder(_ labels: [String]) -> [String] {
        var seen = Set<String>()
        return labels.filter { seen.insert($0).inserted }
    }
}
