import Foundation
import SweepAnalysis
import SweepEngine
import SweepNumerics
import SweepReports
import SweepSampling

extension StudyResults {
    var timeAxis: AxisLabel { AxisLabel("Time", unit: study.model.time.unit) }

    func axis(for variable: String) -> AxisLabel {
        AxisLabel(variable, unit: study.model.variable(named: variable)?.units)
    }

    func percent(_ x: Double) -> String {
        let p = x * 100
        return p == p.rounded() ? "\(Int(p))%" : String(format: "%.1f%%", p)
    }

    /// A distribution as a modeller writes it: "uniform 5 – 15", "triangular 3.5 / 4.6 / 5.7".
    static func describe(_ d: Distribution) -> String {
        func g(_ x: Double) -> String { String(format: "%.6g", x) }
        switch d {
        case .uniform(let a, let b): return "uniform \(g(a)) – \(g(b))"
        case .triangular(let a, let m, let b): return "triangular \(g(a)) / \(g(m)) / \(g(b))"
        case .normal(let mu, let sd): return "normal, mean \(g(mu)), sd \(g(sd))"
        case .truncatedNormal(let mu, let sd, let a, let b): return "normal, mean \(g(mu)), sd \(g(sd)), truncated to \(g(a)) – \(g(b))"
        case .lognormal(let mu, let sigma): return "lognormal, median \(g(exp(mu))), σ of log \(g(sigma))"
        case .discrete(let values, let weights):
            let equal = Set(weights).count <= 1
            return "one of " + values.enumerated().map { equal ? g($1) : "\(g($1)) (p \(g(weights[$0])))" }.joined(separator: ", ")
        }
    }

    /// "C at 20", "C at 5, 10, 15", "C over time".
    func describe(_ o: Study.OutputSpec) -> String {
        switch o.times {
        case .final: return "\(o.variable) at \(String(format: "%g", study.model.time.final))"
        case .at(let ts): return "\(o.variable) at " + ts.map { String(format: "%g", $0) }.joined(separator: ", ")
        case .saved: return "\(o.variable) over time"
        }
    }

    static func slug(_ s: String) -> String {
        let lowered = s.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(lowered).split(separator: "-").joined(separator: "-")
    }

    /// The self-contained page a reviewer opens.
    func report(files: [String]) -> HTMLReport {
        let figures = self.figures()
        func figure(_ prefix: String) -> [HTMLReport.Block] {
            figures.filter { $0.file.hasPrefix(prefix) }.map { .figure($0.chart, caption: $0.caption) }
        }
        var sections: [HTMLReport.Section] = []
        if let answer = answerSection(figures: figure("fig-robustness")) { sections.append(answer) }
        sections.append(studySection())
        if baseline != nil { sections.append(.init(heading: "Baseline", blocks: figure("fig-baseline"))) }
        if let o = oat, let section = oatSection(o, figures: figure("fig-oat")) { sections.append(section) }
        if let s = sobol { sections.append(sobolSection(s, figures: figure("fig-sobol"))) }
        if let m = morris {
            let idx = m.indices
            sections.append(.init(heading: "Morris screening", blocks: [
                .table(HTMLTable(caption: "Elementary effects of \(m.output) (\(m.runs) runs)", header: ["Parameter", "μ*", "μ", "σ"],
                                 rows: idx.names.indices.sorted { idx.muStar[$0] > idx.muStar[$1] }.map { j in
                                     [.text(idx.names[j]), .estimate(idx.muStar[j], halfWidth: idx.muStarConf[j], decimals: 4),
                                      .number(idx.mu[j], decimals: 4), .number(idx.sigma[j], decimals: 4)]
                                 })),
            ] + figure("fig-morris")))
        }
        if let p = prcc {
            var blocks: [HTMLReport.Block] = []
            for (output, r, src) in p.results {
                blocks.append(.table(HTMLTable(caption: "Partial rank correlation and standardised regression coefficients of \(output) (R² = \(String(format: "%.3f", src.r2)))",
                                               header: ["Parameter", "PRCC", "p-value", "SRC"],
                                               rows: r.names.indices.sorted { abs(r.prcc[$0]) > abs(r.prcc[$1]) }.map { j in
                                                   [.text(r.names[j]), .number(r.prcc[j], decimals: 4), .text(String(format: "%.2g", r.pValue[j])), .number(src.src[j], decimals: 4)]
                                               })))
            }
            sections.append(.init(heading: "Correlation over a Latin hypercube", blocks: blocks + figure("fig-fan") + figure("fig-scatter")))
        }
        if let r = robustness, let section = robustnessSection(r) { sections.append(section) }
        let extraFigures = Study.Method.beyondThePaper.flatMap { figure("fig-\($0.stageName)") }
        if let section = moreMethodsSection(figures: extraFigures) { sections.append(section) }
        sections.append(.init(heading: "Files", blocks: [.paragraph(files.sorted().joined(separator: ", "))]))
        return HTMLReport(title: study.title, sections: sections, provenance: provenanceRows())
    }

    /// The model, its outputs and the uncertain parameters.
    func studySection() -> HTMLReport.Section {
        let model = study.model
        var overview: [HTMLReport.Block] = study.description.map { [.paragraph($0)] } ?? []
        overview += [
            .paragraph("Model: \(model.name) (\(displayPath(study.modelPath))), \(model.time.initial)–\(model.time.final) \(model.time.unit), TIME STEP \(model.time.step), \(model.time.method.rawValue.uppercased()). Outputs: \(study.outputs.map(describe).joined(separator: "; ")). Seed \(study.seed), \(threads) threads."),
        ]
        if let c = study.correlations {
            var pairs: [String] = []
            for i in c.names.indices { for j in (i + 1)..<c.names.count where c.matrix[i][j] != 0 { pairs.append("\(c.names[i]) – \(c.names[j]): \(c.matrix[i][j])") } }
            overview.append(.paragraph("Rank correlations imposed on the Latin-hypercube designs (Iman & Conover): \(pairs.joined(separator: "; "))."))
        }
        overview.append(.table(HTMLTable(caption: "Uncertain parameters", header: ["Parameter", "Distribution", "Nominal"],
                                         rows: study.space.parameters.map { p in
                                             [.text(p.name), .text(p.distribution.map(Self.describe) ?? "–"),
                                              .number(p.nominal ?? model.constantValue(named: p.name) ?? .nan, decimals: 4)]
                                         })))
        return .init(heading: "Study", blocks: overview)
    }

    /// The effects on the first output; nil when there is none.
    func oatSection(_ o: OATResult, figures: [HTMLReport.Block]) -> HTMLReport.Section? {
        guard let (output, e) = o.effects.first else { return nil }
        var rows: [[HTMLTable.Cell]] = []
        for (p, name) in e.names.enumerated() {
            for (s, step) in e.steps.enumerated() {
                rows.append([.text(name), .text(o.groups[p]), .text((step > 0 ? "+" : "−") + percent(abs(step))),
                             .number(e.outputs[p][s], decimals: 4), .number(e.relativeChange[p][s] * 100, decimals: 2),
                             .text("\(e.rank[p][s])"), .text(e.groupRank.map { "\($0[p][s])" } ?? "")])
            }
        }
        return .init(heading: "One-at-a-time test", blocks: [
            .paragraph("Each parameter changed by \(percent(o.settings.change)) alone; \(output) against its baseline \(String(format: "%.4g", e.baseline)). Rank 1 is the largest change."),
            .table(HTMLTable(caption: "Effects on \(output)", header: ["Parameter", "Group", "Change", output, "Relative change / %", "Rank", "Rank in group"], rows: rows)),
        ] + figures)
    }

    func sobolSection(_ s: SobolResult, figures: [HTMLReport.Block]) -> HTMLReport.Section {
        var blocks: [HTMLReport.Block] = []
        for (output, idx) in s.indices {
            blocks.append(.table(HTMLTable(caption: "Sobol' indices of \(output) (± half-width of the \(percent(s.settings.confidence)) interval)",
                                           header: ["Parameter", "S1", "ST"],
                                           rows: idx.names.indices.sorted { idx.st[$0] > idx.st[$1] }.map { j in
                                               [.text(idx.names[j]), .estimate(idx.s1[j], halfWidth: idx.s1Conf[j], decimals: 4),
                                                .estimate(idx.st[j], halfWidth: idx.stConf[j], decimals: 4)]
                                           })))
        }
        return .init(heading: "Sobol' indices", blocks: [
            .paragraph("Saltelli design from a scrambled Sobol' sequence, N = \(s.baseRows) base rows, \(s.runs) runs; \(Self.describe(s.settings.estimator)); bootstrap of \(s.settings.bootstrap) resamples."),
        ] + blocks + outOfRangeBlocks(s) + convergenceBlocks(s) + figures)
    }

    /// The Sobol' bootstrap ranks over all parameters (the rank shares open the report).
    func robustnessSection(_ r: RobustnessResult) -> HTMLReport.Section? {
        var blocks: [HTMLReport.Block] = []
        if let b = r.sobolRanks {
            let tdcc = b.topDownCorrelation.sorted()
            blocks.append(.paragraph("Over \(tdcc.count) bootstrap resamples of the Sobol' stage, the ranking of all \(b.names.count) parameters by ST agrees with the full-sample ranking with a median top-down correlation of \(String(format: "%.3f", Statistics.quantile(sorted: tdcc, 0.5))) (5% quantile \(String(format: "%.3f", Statistics.quantile(sorted: tdcc, 0.05)))); 1 means the same order."))
            blocks.append(.table(HTMLTable(caption: "Bootstrap ranks of the total-order Sobol' index", header: ["Parameter", "P(rank 1)", "Mean rank", "95% rank range"],
                                           rows: b.names.indices.sorted { b.meanRank[$0] < b.meanRank[$1] }.map { j in
                                               [.text(b.names[j]), .number(b.topRankProbability[j], decimals: 3), .number(b.meanRank[j], decimals: 2),
                                                .text("\(Int(b.rankLow[j]))–\(Int(b.rankHigh[j]))")]
                                           })))
        }
        return blocks.isEmpty ? nil : .init(heading: "Sobol' ranks under the bootstrap", blocks: blocks)
    }

    /// The provenance table: versions, file hashes, seed, threads and each stage's time and runs.
    func provenanceRows() -> [(key: String, value: String)] {
        let prov = provenance(commandLine: CommandLine.arguments)
        var rows: [(key: String, value: String)] = [
            ("SDSweep", prov.sdsweep), ("Study", "\(displayPath(prov.study.path)) (sha256 \(prov.study.sha256.prefix(16))…)"),
            ("Model", "\(displayPath(prov.model.path)) (sha256 \(prov.model.sha256.prefix(16))…)"), ("Seed", "\(prov.seed)"), ("Threads", "\(prov.threads)"),
        ]
        for (stage, seconds) in stageSeconds { rows.append(("\(stage)", String(format: "%.2f s, %d runs", seconds, prov.runs[stage] ?? 0))) }
        let used = engines.map { "\($0.sweep): \($0.plan)" }.joined(separator: "; ")
        rows.append(("Engine", "\(prov.engine.requested)" + (used.isEmpty ? "" : " — " + used)))
        for w in warnings { rows.append(("Warning", w)) }
        return rows
    }

    /// A file as the report names it: relative to the study file's folder (the study file by its
    /// name), so a report says nothing about the machine it was made on.
    func displayPath(_ path: String) -> String {
        let base = URL(fileURLWithPath: study.file).standardizedFileURL.deletingLastPathComponent().pathComponents
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let shared = zip(base, target).prefix { $0 == $1 }.count
        guard shared > 1 || base.count <= 1 else { return target.last ?? path }   // only "/" in common
        return (Array(repeating: "..", count: base.count - shared) + target.dropFirst(shared)).joined(separator: "/")
    }
}
