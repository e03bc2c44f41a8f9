import Foundation
import SweepAnalysis
import SweepNumerics
import SweepReports

/// The report's first section: the question the study asks, answered with the uncertainty of
/// the answer. A ranking study asks whether its ranking survives uncertainty in the parameters;
/// the answer is each factor's share of first places with a Wilson interval, the ties within the
/// stated tolerance, the Sobol' bootstrap ranks beside them, and one sentence per ranking that
/// says what those numbers support: a clear first, or a tie within Monte Carlo error.
extension StudyResults {
    /// Wilson intervals of rank shares are at this confidence.
    static let shareConfidence = 0.95

    func answerSection(figures: [HTMLReport.Block]) -> HTMLReport.Section? {
        if let r = robustness { return rankingAnswer(r, figures: figures) }
        if let s = sobol, let first = s.indices.first, let ranks = try? RankingRobustness().bootstrapRanks(of: first.indices) {
            return sobolAnswer(output: first.output, indices: first.indices, ranks: ranks, bootstrap: s.settings.bootstrap)
        }
        return nil
    }

    func rankingAnswer(_ r: RobustnessResult, figures: [HTMLReport.Block]) -> HTMLReport.Section {
        let f = r.frequencies
        let tolerance = percent(f.tieTolerance)
        var blocks: [HTMLReport.Block] = [.paragraph(
            "At each of \(f.points) points of a Latin hypercube of all \(study.space.parameters.count) parameters, "
                + "each factor was changed by +\(percent(r.settings.change)) alone and the factors were ranked by the change in \(r.output). "
                + "Shares are of the \(f.points) points, with \(percent(Self.shareConfidence)) Wilson intervals; two effects less than \(tolerance) apart "
                + "(relative to the larger) share a rank, and a shared first place counts for each factor that holds it.")]
        let tables = f.groups + [f.overall]
        for (t, table) in tables.enumerated() {
            let sobol = r.sobolRanksAmong.isEmpty ? nil : r.sobolRanksAmong[t == tables.count - 1 ? 0 : t + 1]
            let nominal = nominalRanks(of: table.names, change: r.settings.change, output: r.output, tolerance: f.tieTolerance)
            blocks.append(.paragraph(verdict(table, nominal: nominal, sobol: sobol)))
            blocks.append(.table(shareTable(table, nominal: nominal, sobol: sobol)))
        }
        return .init(heading: "Does the ranking survive uncertainty?", blocks: blocks + figures)
    }

    /// The share of first places of each factor with its Wilson interval, sorted by share.
    func shares(_ table: RankFrequencies.Table) -> [(factor: Int, count: Int, low: Double, high: Double)] {
        table.names.indices.map { j in
            let c = table.counts[j][0]
            let (lo, hi) = Statistics.wilsonInterval(successes: c, trials: table.points, confidence: Self.shareConfidence)
            return (j, c, lo, hi)
        }.sorted { $0.count > $1.count || ($0.count == $1.count && $0.factor < $1.factor) }
    }

    /// One sentence (or three) saying what the shares support.
    func verdict(_ table: RankFrequencies.Table, nominal: [Int]?, sobol: BootstrapRanks?) -> String {
        let ranked = shares(table)
        let among = table.group.map { " among \($0)" } ?? ""
        let n = table.points
        func share(_ s: (factor: Int, count: Int, low: Double, high: Double)) -> String {
            "\(oneDecimal(Double(s.count) / Double(n))), \(percent(Self.shareConfidence)) CI \(interval(s.low, s.high))"
        }
        let lead = ranked[0], leader = table.names[lead.factor]
        var text: String
        if ranked.count == 1 {
            text = "\(leader) is the only factor\(among)."
        } else {
            let next = ranked[1], runnerUp = table.names[next.factor]
            if lead.count == n && next.count == n {
                text = "\(leader) and \(runnerUp) share first place\(among) at every one of the \(n) points (their effects are within \(percent(tableTolerance)) of each other): the numbers do not separate them."
            } else if lead.count == n && table.firstTied[lead.factor] == 0 {
                text = "\(leader) ranks first\(among) at every one of the \(n) points: the ranking survives uncertainty in the parameters."
            } else if lead.low > next.high {
                text = "\(leader) ranks first\(among) at \(share(lead)) of the points, clearly ahead of \(runnerUp) (\(share(next))): the ranking survives uncertainty in the parameters."
            } else {
                text = "\(leader) (\(share(lead))) and \(runnerUp) (\(share(next))) rank first\(among) about equally often: the difference is within Monte Carlo error at \(n) points, so the numbers do not support a single first element."
            }
        }
        if let nominal, let top = nominal.indices.filter({ nominal[$0] == 1 }).first {
            let names = nominal.indices.filter { nominal[$0] == 1 }.map { table.names[$0] }
            let same = names.count == 1 && top == lead.factor
            text += " At the nominal point the +\(percent(changeOfTest)) test ranks \(names.joined(separator: " and ")) first\(same ? ", as over the space" : "")."
        }
        if let sobol, let bootstrap = self.sobol?.settings.bootstrap, let best = sobol.topRankProbability.indices.max(by: { sobol.topRankProbability[$0] < sobol.topRankProbability[$1] }) {
            text += " Sobol' ST (a share of the output's variance over the whole space, not the effect of one step) ranks \(sobol.names[best]) first\(among) in \(oneDecimal(sobol.topRankProbability[best])) of \(bootstrap) bootstrap resamples."
        }
        return text
    }

    var tableTolerance: Double { robustness?.frequencies.tieTolerance ?? 0 }
    var changeOfTest: Double { robustness?.settings.change ?? 0 }

    func shareTable(_ table: RankFrequencies.Table, nominal: [Int]?, sobol: BootstrapRanks?) -> HTMLTable {
        let scope = table.group.map { " among \($0)" } ?? " among all factors"
        var header = ["Factor", "First in", "\(percent(Self.shareConfidence)) interval", "Tied first in"]
        if nominal != nil { header.append("Rank at nominal") }
        if sobol != nil { header += ["Sobol' ST: P(first)", "ST rank (95% range)"] }
        let rows: [[HTMLTable.Cell]] = shares(table).map { s in
            var row: [HTMLTable.Cell] = [.text(table.names[s.factor]), .numeric(oneDecimal(Double(s.count) / Double(table.points))),
                                         .numeric(interval(s.low, s.high)),
                                         .numeric(oneDecimal(Double(table.firstTied[s.factor]) / Double(table.points)))]
            if let nominal { row.append(.numeric("\(nominal[s.factor])")) }
            if let sobol, let j = sobol.names.firstIndex(of: table.names[s.factor]) {
                row += [.number(sobol.topRankProbability[j], decimals: 3), .numeric("\(rankText(sobol.rank[j])) (\(rankText(sobol.rankLow[j]))–\(rankText(sobol.rankHigh[j])))")]
            }
            return row
        }
        return HTMLTable(caption: "Share of the \(table.points) points where each factor ranks first\(scope)", header: header, rows: rows)
    }

    /// The ranks of `names` under the study's own one-at-a-time test at the nominal point, when
    /// that test made the same step on the same output; nil otherwise.
    func nominalRanks(of names: [String], change: Double, output: String, tolerance: Double) -> [Int]? {
        guard let o = oat, o.settings.change == change, let e = o.effects.first(where: { $0.output == output })?.effects,
              let s = e.steps.firstIndex(where: { $0 > 0 }) else { return nil }
        let effects = names.compactMap { n in e.names.firstIndex(of: n).map { abs(e.outputs[$0][s] - e.baseline) } }
        guard effects.count == names.count else { return nil }
        return Ranking.descending(effects, tolerance: tolerance)
    }

    /// Without a ranking stage: which parameter drives the output, from the Sobol' bootstrap.
    func sobolAnswer(output: String, indices: SobolIndices, ranks: BootstrapRanks, bootstrap: Int) -> HTMLReport.Section {
        let order = indices.names.indices.sorted { indices.st[$0] > indices.st[$1] }
        let top = order[0]
        var text = "Which parameter drives \(output)? \(indices.names[top]) has the largest total-order index (ST = \(String(format: "%.3f ± %.3f", indices.st[top], indices.stConf[top]))) and ranks first in \(oneDecimal(ranks.topRankProbability[top])) of \(bootstrap) bootstrap resamples"
        if order.count > 1 {
            let next = order[1]
            let separated = ranks.rankHigh[top] < ranks.rankLow[next] || ranks.topRankProbability[top] >= 0.95
            text += separated ? "; the ranking is clear." : "; \(indices.names[next]) (ST = \(String(format: "%.3f ± %.3f", indices.st[next], indices.stConf[next]))) is within the bootstrap's uncertainty of it."
        } else {
            text += "."
        }
        return .init(heading: "Which parameter matters most?", blocks: [.paragraph(text)])
    }

    func oneDecimal(_ p: Double) -> String { String(format: "%.1f%%", 100 * p) }

    /// "43.7–49.9%".
    func interval(_ low: Double, _ high: Double) -> String { String(format: "%.1f–%.1f%%", 100 * low, 100 * high) }

    func rankText(_ r: Double) -> String { r == r.rounded() ? "\(Int(r))" : String(format: "%.1f", r) }
}
