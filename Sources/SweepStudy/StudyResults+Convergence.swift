import Foundation
import SweepAnalysis
import SweepReports

/// What the report says about a Sobol' stage's reliability: whether each index has converged
/// (its interval narrow enough, its rank unchanged over the last halvings of the design), and
/// which estimates fall outside [0, 1] — reported as estimated, never clipped.
extension StudyResults {
    /// ST half-widths below this count as converged.
    static let convergedHalfWidth = 0.05

    func convergenceBlocks(_ s: SobolResult) -> [HTMLReport.Block] {
        guard let (output, c) = s.convergence, let last = c.baseRows.indices.last else { return [] }
        let halvings = Swift.min(2, last)
        func ranks(_ p: Int) -> [Int] { Ranking.descending(c.st[p].map { $0.isFinite ? $0 : -.infinity }) }
        let finalRanks = ranks(last)
        let stable = c.names.indices.map { j in ((last - halvings)...last).allSatisfy { ranks($0)[j] == finalRanks[j] } }
        let converged = c.names.indices.map { c.stConf[last][$0] < Self.convergedHalfWidth }
        let order = c.names.indices.sorted { c.st[last][$0] > c.st[last][$1] }
        let table = HTMLTable(
            caption: "Convergence of ST of \(titled(output)): the interval at N = \(c.baseRows[last]) and the rank over the last \(halvings) halvings (N = \(c.baseRows[last - halvings])…\(c.baseRows[last]))",
            header: ["Parameter", "ST", "Half-width below \(Self.convergedHalfWidth)", "Rank", "Rank stable"],
            rows: order.map { j in
                [.text(c.names[j]), .estimate(c.st[last][j], halfWidth: c.stConf[last][j], decimals: 4),
                 .text(converged[j] ? "yes" : "no"), .numeric("\(finalRanks[j])"), .text(stable[j] ? "yes" : "no")]
            })
        let notConverged = order.filter { !converged[$0] }.map { c.names[$0] }, unstable = order.filter { !stable[$0] }.map { c.names[$0] }
        var sentence = notConverged.isEmpty
            ? "Every ST interval is narrower than ±\(Self.convergedHalfWidth) at N = \(c.baseRows[last])"
            : "ST has not converged to ±\(Self.convergedHalfWidth) for \(notConverged.joined(separator: ", ")) at N = \(c.baseRows[last]): a larger N would narrow it"
        sentence += unstable.isEmpty ? ", and no rank changed over the last \(halvings) halvings." : "; the rank of \(unstable.joined(separator: ", ")) still changed over the last \(halvings) halvings."
        return [.paragraph(sentence), .table(table)]
    }

    /// One sentence per estimate below 0 or above 1, saying whether its interval reaches back
    /// into [0, 1] (estimation noise) or not (a model or design problem worth a look).
    func outOfRangeBlocks(_ s: SobolResult) -> [HTMLReport.Block] {
        var lines: [String] = []
        for (output, idx) in s.indices {
            for j in idx.names.indices {
                for (key, v, h) in [("S1", idx.s1[j], idx.s1Conf[j]), ("ST", idx.st[j], idx.stConf[j])] where v.isFinite && (v < 0 || v > 1) {
                    let bound = v < 0 ? 0.0 : 1.0
                    let noise = h.isFinite && abs(v - bound) <= h
                    lines.append("\(key) of \(idx.names[j]) for \(titled(output)) is \(String(format: "%.4f ± %.4f", v, h)), \(v < 0 ? "below 0" : "above 1")"
                                 + (noise ? "; its interval reaches \(Int(bound)), so this is estimation noise." : "; its interval does not reach \(Int(bound)): check the model's outputs or use a larger N."))
                }
            }
        }
        guard !lines.isEmpty else { return [] }
        return [.paragraph("Estimates outside [0, 1], as estimated (not clipped): " + lines.joined(separator: " "))]
    }

    /// The estimator's formulas, in words.
    static func describe(_ estimator: SobolEstimator) -> String {
        switch estimator {
        case .saltelli2010: "S1 by Saltelli et al. (2010), ST by Jansen (1999)"
        case .jansen: "S1 and ST by Jansen (1999)"
        case .janon: "S1 and ST by Janon et al. (2014)"
        }
    }
}
