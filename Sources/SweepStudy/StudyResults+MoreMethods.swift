import Foundation
import SweepAnalysis
import SweepReports

/// The report's view of eFAST, RBD-FAST, delta, PAWN and DGSM: a bar chart of each method's
/// measure, and one table that ranks the parameters by every method the study ran, side by
/// side — what a reviewer of a ranking wants to see agree or disagree.
extension StudyResults {
    /// How each method is named and what its bars show.
    static func measureLabel(_ method: Study.Method) -> (name: String, axis: String) {
        switch method {
        case .efast: ("eFAST", "Total-order index ST (eFAST)")
        case .rbdFast: ("RBD-FAST", "First-order index S1 (RBD-FAST)")
        case .delta: ("Borgonovo δ", "Moment-independent δ")
        case .pawn: ("PAWN", "Median KS distance (PAWN)")
        case .dgsm: ("DGSM", "DGSM bound ν·(b − a)²/(π²V)")
        default: (method.rawValue, method.rawValue)
        }
    }

    func moreMethodFigures() -> [Figure] {
        barFigures() + moreMethods.flatMap(overTimeFigures)
    }

    /// The measure of each parameter over time, as Sobol' indices over time are drawn.
    func overTimeFigures(_ stage: MethodStageResult) -> [Figure] {
        let label = Self.measureLabel(stage.method), slug = stage.method.stageName
        return stage.overTime.map { series in
            let names = stage.design.parameters
            let lines = names.indices.map { j in ChartSeries(name: names[j], x: series.times, y: series.times.indices.map { series.values[$0][j] }) }
            let bands = series.halfWidths.map { h in names.indices.map { j in series.times.indices.map { h[$0][j] } } }
            let peaks = names.indices.map { j in series.values.map { $0[j] }.filter(\.isFinite).max() ?? -.infinity }
            return Figure(file: "fig-\(slug)-over-time-\(Self.slug(series.variable)).svg",
                          caption: "\(label.name) of each parameter for \(series.variable) at every saved time\(bands == nil ? "" : ", with 95% bootstrap intervals"); times where \(series.variable) does not vary have none.",
                          chart: IndicesOverTimeChart(title: "\(label.name) of \(series.variable) over time", xLabel: timeAxis, yLabel: AxisLabel(label.axis),
                                                      series: lines, halfWidths: bands, intervalName: "95% confidence interval", ranking: peaks,
                                                      spansUnitInterval: stage.method != .dgsm))
        }
    }

    func barFigures() -> [Figure] {
        moreMethods.compactMap { stage in
            guard let (output, _, m) = stage.indices.first else { return nil }
            let label = Self.measureLabel(stage.method)
            let entries = m.names.indices.map { MeasureBarChart.Entry(name: m.names[$0], value: m.values[$0], halfWidth: m.halfWidths?[$0]) }
            let source = stage.reusedPRCCRuns ? "the PRCC stage's \(stage.design.runs) runs (no new runs)" : "\(stage.design.runs) runs"
            return Figure(file: "fig-\(stage.method.stageName).svg",
                          caption: "\(label.name) of \(titled(output)) from \(source)\(m.halfWidths == nil ? "" : ", with 95% bootstrap intervals").",
                          chart: MeasureBarChart(title: "\(label.name) of \(titled(output))", valueLabel: AxisLabel(label.axis),
                                                 entries: entries, intervalName: m.halfWidths == nil ? nil : "95% confidence interval"))
        }
    }

    /// Every method's ranking of the parameters on the primary output (1 = most influential).
    func rankingsByMethod() -> (output: String, names: [String], columns: [(method: String, ranks: [Int])])? {
        let names = study.space.names
        var columns: [(method: String, ranks: [Int])] = []
        func add(_ method: String, _ byName: [String], _ values: [Double]) {
            guard byName.count == values.count else { return }
            let v = names.map { n in byName.firstIndex(of: n).map { values[$0] } ?? .nan }
            guard v.contains(where: \.isFinite) else { return }
            columns.append((method: method, ranks: Ranking.descending(v.map { $0.isFinite ? $0 : -.infinity })))
        }
        if let s = sobol?.indices.first?.indices, !study.space.hasGroups { add("Sobol' ST", s.names, s.st) }
        if let m = morris, !study.space.hasGroups { add("Morris μ*", m.indices.names, m.indices.muStar) }
        if let p = prcc?.results.first {
            let magnitudes: [Double] = p.prcc.prcc.map { Swift.abs($0) }
            add("|PRCC|", p.prcc.names, magnitudes)
        }
        for stage in moreMethods {
            if let m = stage.indices.first?.measure { add(Self.measureLabel(stage.method).name, m.names, m.values) }
        }
        // Every stage's first output is the study's primary one, as the sweeps name it.
        guard columns.count >= 2, let output = prcc?.results.first?.output ?? sobol?.indices.first?.output ?? morris?.output
            ?? moreMethods.first?.indices.first?.output else { return nil }
        return (output, names, columns)
    }

    func moreMethodsSection(figures: [HTMLReport.Block]) -> HTMLReport.Section? {
        guard let ranked = rankingsByMethod() else {
            return moreMethods.isEmpty ? nil : .init(heading: "More methods", blocks: figures)
        }
        let mean = ranked.names.indices.map { i in Double(ranked.columns.reduce(0) { $0 + $1.ranks[i] }) / Double(ranked.columns.count) }
        let order = ranked.names.indices.sorted { mean[$0] != mean[$1] ? mean[$0] < mean[$1] : $0 < $1 }
        let agree = Set(ranked.columns.map { c in ranked.names.indices.first { c.ranks[$0] == 1 }! })
        let sentence = agree.count == 1
            ? "Every method ranks \(ranked.names[agree.first!]) first."
            : "The methods disagree on the first parameter: \(agree.sorted().map { ranked.names[$0] }.joined(separator: ", ")) each rank first by at least one."
        let table = HTMLTable(
            caption: "Rank of each parameter by each method on \(titled(ranked.output)) (1 = most influential; ties share a rank)",
            header: ["Parameter"] + ranked.columns.map(\.method) + ["Mean rank"],
            rows: order.map { i in [.text(ranked.names[i])] + ranked.columns.map { .numeric("\($0.ranks[i])") } + [.number(mean[i], decimals: 1)] })
        let heading = moreMethods.isEmpty ? "Rankings by method" : "More methods"
        return .init(heading: heading, blocks: [.paragraph(sentence), .table(table)] + figures)
    }
}
