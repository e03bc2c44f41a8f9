import SweepNumerics

/// One-at-a-time effects: each parameter moved by ±x% of nominal alone, the output compared with
/// the baseline run — the paper's analysis (Zuo & Peng, Figures 5 and 6: each coefficient
/// raised by 50%).
///
/// For every parameter and step: the change y − y₀, the relative change (y − y₀)/y₀, and the
/// rank of |change| among all parameters (1 = largest), and within its group when groups are
/// given (e.g. internal vs external elements). Tied effects share the best rank (competition
/// ranking, scipy's `rankdata(method="min")`), so two equal effects are both "first".
///
/// OAT explores one point's neighbourhood only: it misses interactions and says nothing about
/// other points of the space (see ``RankingRobustness`` for how stable its ranks are).
///
/// ```swift
/// let oat = try OneAtATimeAnalysis(groups: ["internal elements", "internal elements", …])
///     .analyze(baseline: 4.83, names: names, outputs: Matrix(rows: 8, columns: 1, storage: c20), steps: [0.5])
/// print(oat.rank)   // [[2], [3], [1], [4], …]
/// ```
public struct OneAtATimeAnalysis: Sendable, Hashable {
    /// The group label of each parameter, or nil to rank all together.
    public var groups: [String]?

    public init(groups: [String]? = nil) {
        self.groups = groups
    }

    /// - Parameters:
    ///   - baseline: the output at nominal values.
    ///   - names: the parameters, one per row of `outputs`.
    ///   - outputs: parameters × steps: the output with that parameter alone moved by that step.
    ///   - steps: the relative perturbations, e.g. `[-0.5, 0.5]` for ±50%.
    /// - Throws: ``AnalysisError`` for shape mismatches or non-finite outputs.
    public func analyze(baseline: Double, names: [String], outputs: Matrix, steps: [Double]) throws -> OneAtATimeEffects {
        let p = names.count
        guard outputs.rows == p, outputs.columns == steps.count, p >= 1, !steps.isEmpty else {
            throw AnalysisError(.shapeMismatch, "one-at-a-time outputs are \(outputs.rows)×\(outputs.columns) but there are \(p) parameters and \(steps.count) steps")
        }
        if let groups, groups.count != p {
            throw AnalysisError(.shapeMismatch, "\(groups.count) group labels for \(p) parameters")
        }
        guard baseline.isFinite else { throw AnalysisError(.nonFiniteValues, "the baseline output is not finite") }
        let bad = (0..<p).filter { i in (0..<steps.count).contains { !outputs[i, $0].isFinite } }
        guard bad.isEmpty else {
            throw AnalysisError(.nonFiniteValues, "non-finite outputs for \(bad.count) parameters, first '\(names[bad[0]])'", rows: bad)
        }
        let change = (0..<p).map { i in (0..<steps.count).map { outputs[i, $0] - baseline } }
        // Relative change is undefined at a zero baseline: NaN, not ±inf.
        let relative = change.map { row in row.map { baseline == 0 ? Double.nan : $0 / baseline } }
        var rank = [[Int]](repeating: [Int](repeating: 0, count: steps.count), count: p)
        var groupRank: [[Int]]? = groups.map { _ in rank }
        for s in 0..<steps.count {
            let magnitude = change.map { abs($0[s]) }
            let overall = Ranking.descending(magnitude)
            for i in 0..<p { rank[i][s] = overall[i] }
            if let groups {
                for label in Ranking.uniqueInOrder(groups) {
                    let members = (0..<p).filter { groups[$0] == label }
                    let within = Ranking.descending(members.map { magnitude[$0] })
                    for (m, i) in members.enumerated() { groupRank![i][s] = within[m] }
                }
            }
        }
        return OneAtATimeEffects(
            names: names, steps: steps, baseline: baseline,
            outputs: (0..<p).map { outputs.row($0) }, change: change, relativeChange: relative,
            rank: rank, groups: groups, groupRank: groupRank)
    }

    /// The single-step form: `outputs[i]` is the output with parameter i alone moved by `step`.
    public func analyze(baseline: Double, names: [String], outputs: [Double], step: Double) throws -> OneAtATimeEffects {
        try analyze(baseline: baseline, names: names, outputs: Matrix(rows: outputs.count, columns: 1, storage: outputs), steps: [step])
    }
}

/// One-at-a-time effects, `[parameter][step]` throughout.
public struct OneAtATimeEffects: Sendable, Codable, Equatable {
    public var names: [String]
    public var steps: [Double]
    public var baseline: Double
    public var outputs: [[Double]]
    public var change: [[Double]]
    /// NaN when the baseline is 0.
    @NaNAsNull public var relativeChange: [[Double]]
    /// 1 = largest |change| among all parameters, for that step.
    public var rank: [[Int]]
    public var groups: [String]?
    /// 1 = largest |change| within the parameter's group.
    public var groupRank: [[Int]]?

    enum CodingKeys: String, CodingKey {
        case names, steps, baseline, outputs, change, relativeChange = "relative_change", rank, groups
        case groupRank = "group_rank"
    }

    public init(
        names: [String], steps: [Double], baseline: Double, outputs: [[Double]], change: [[Double]],
        relativeChange: [[Double]], rank: [[Int]], groups: [String]?, groupRank: [[Int]]?
    ) {
        self.names = names
        self.steps = steps
        self.baseline = baseline
        self.outputs = outputs
        self.change = change
        self.relativeChange = relativeChange
        self.rank = rank
        self.groups = groups
        self.groupRank = groupRank
    }
}
