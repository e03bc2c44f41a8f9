import Foundation
import SweepAnalysis
import SweepEngine
import SweepNumerics
import SweepReports
import SweepSampling

extension StudyResults {
    struct Figure {
        var file: String
        var caption: String
        var chart: any SVGChart
    }

    /// The figures, named by what they show, in the order of the stages: the baseline, the
    /// one-at-a-time runs, the Latin hypercube's fan and scatter plots, the Sobol' indices (with
    /// S2, convergence and time), Morris screening and ranking robustness. Every title names the
    /// output and its time.
    func figures() -> [Figure] {
        baselineFigures() + oatFigures() + prccFigures() + sobolFigures() + morrisFigures() + robustnessFigures() + moreMethodFigures()
    }

    /// A scalar output column as a title names it: "Innovation Capability at t = 20".
    func titled(_ column: String) -> String {
        if let at = column.lastIndex(of: "@") {
            return "\(column[..<at]) at t = \(column[column.index(after: at)...])"
        }
        return "\(column) at t = \(Self.time(study.model.time.final))"
    }

    static func time(_ t: Double) -> String {
        t == t.rounded() && abs(t) < 1e15 ? String(Int(t)) : "\(t)"
    }

    /// A signed coefficient with two decimals and a typographic minus: "−0.42".
    static func signed(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        let text = String(format: "%.2f", v)
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    func baselineFigures() -> [Figure] {
        let primary = study.primaryOutput.variable
        guard let b = baseline, let y = b.values(of: primary) else { return [] }
        return [Figure(file: "fig-baseline.svg", caption: "Baseline trajectory of \(primary): every parameter at its nominal value.",
                       chart: LineChart(title: "Baseline: \(primary)", xLabel: timeAxis, yLabel: axis(for: primary),
                                        series: [ChartSeries(name: "Baseline", x: b.times, y: y, style: .baseline)], includesZero: true))]
    }

    func oatFigures() -> [Figure] {
        guard let o = oat else { return [] }
        let groups = o.settings.groups.isEmpty ? [(name: "", members: o.names)] : o.settings.groups
        return groups.map { group in
            var series = [ChartSeries(name: "Baseline", x: o.times, y: o.baselineTrajectory, style: .baseline)]
            for t in o.trajectories where group.members.contains(t.name) {
                series.append(ChartSeries(name: "\(t.name) \(t.step > 0 ? "+" : "−")\(percent(abs(t.step)))", x: o.times, y: t.values))
            }
            let label = group.name.isEmpty ? "each parameter" : group.name
            let sentence = label.prefix(1).uppercased() + label.dropFirst()
            return Figure(
                file: "fig-oat-\(Self.slug(group.name.isEmpty ? "all" : group.name)).svg",
                caption: "\(sentence): \(o.variable) with one parameter changed by \(percent(o.settings.change)) at a time, against the baseline.",
                chart: LineChart(title: "\(o.variable): \(label) changed by \(percent(o.settings.change))", xLabel: timeAxis,
                                 yLabel: axis(for: o.variable), series: series, includesZero: true))
        }
    }

    func prccFigures() -> [Figure] {
        guard let p = prcc else { return [] }
        var out: [Figure] = []
        let primary = study.primaryOutput.variable
        if let (variable, m) = p.trajectories.first(where: { $0.variable == primary }) ?? p.trajectories.first {
            // Runs with a non-finite value anywhere are left out of every time.
            let finiteRuns = (0..<m.rows).filter { r in (0..<m.columns).allSatisfy { m[r, $0].isFinite } }
            if !finiteRuns.isEmpty {
                // The baseline keeps every saved time; the runs may keep fewer (`Sweep.trajectoryTimes`).
                let reference = baseline.flatMap { b in b.values(of: variable).map { ChartSeries(name: "Baseline", x: b.times, y: $0, style: .baseline) } }
                out.append(Figure(file: "fig-fan.svg",
                                  caption: "\(variable) over \(m.rows) runs of a Latin hypercube of the parameter space: median and 5–95% and 25–75% bands.",
                                  chart: FanChart(title: "\(variable) across the parameter space", xLabel: timeAxis, yLabel: axis(for: variable),
                                                  time: p.times, values: { t in finiteRuns.map { m[$0, t] } }, reference: reference)))
            }
        }
        if let (output, r, _) = p.results.first {
            let names = study.space.names
            let y = p.outputs.column(0)
            let order = r.names.indices.sorted { a, b in
                let (x, z) = (abs(r.prcc[a]).isFinite ? abs(r.prcc[a]) : -1, abs(r.prcc[b]).isFinite ? abs(r.prcc[b]) : -1)
                return x != z ? x > z : a < b
            }
            let panels = order.map { j in
                ScatterChart.Panel(title: "\(r.names[j]) — PRCC \(Self.signed(r.prcc[j]))", x: p.samples.column(names.firstIndex(of: r.names[j]) ?? j), y: y)
            }
            let shown = ScatterChart.sample(count: p.samples.rows, limit: Self.scatterPoints).count
            let variable = OutputSeries.variableName(output)
            out.append(Figure(
                file: "fig-scatter.svg",
                caption: "\(titled(output)) against each input over the Latin hypercube (\(shown == p.samples.rows ? "all \(shown) runs" : "\(shown) of \(p.samples.rows) runs, evenly spread")), panels by decreasing |PRCC|. A narrow, steep cloud is an input that drives the output; a curved or fanning one shows what the rank correlation leaves out.",
                chart: ScatterChart(title: "\(titled(output)) against each input", yLabel: axis(for: variable), panels: panels,
                                    maxPoints: Self.scatterPoints)))
        }
        return out
    }

    /// The most runs a scatter figure draws.
    static let scatterPoints = 1000

    func sobolFigures() -> [Figure] {
        guard let s = sobol, let (output, idx) = s.indices.first else { return [] }
        let level = percent(s.settings.confidence)
        let interval = "\(level) bootstrap interval (\(s.settings.bootstrap) resamples)"
        let intervals = "\(level) bootstrap intervals (\(s.settings.bootstrap) resamples)"
        let entries = idx.names.indices.map {
            SobolBarChart.Entry(name: idx.names[$0], firstOrder: idx.s1[$0], firstOrderConf: idx.s1Conf[$0],
                                totalOrder: idx.st[$0], totalOrderConf: idx.stConf[$0])
        }
        var out = [Figure(file: "fig-sobol.svg",
                          caption: "Sobol' first-order (S1) and total (ST) indices of \(titled(output)), N = \(s.baseRows) base rows (\(s.runs) runs), with \(intervals).",
                          chart: SobolBarChart(title: "Sobol' indices of \(titled(output))", entries: entries,
                                               intervalName: "\(level) confidence interval"))]
        if let s2 = idx.s2 {
            out.append(Figure(
                file: "fig-sobol-s2.svg",
                caption: "Second-order Sobol' indices S2 of \(titled(output)) for each pair of parameters, N = \(s.baseRows); values in bold have a \(interval) that leaves out zero.",
                chart: HeatmapChart(title: "Second-order Sobol' indices of \(titled(output))", names: idx.names, values: s2, halfWidths: idx.s2Conf)))
        }
        if let (convergenceOutput, c) = s.convergence {
            out.append(Figure(
                file: "fig-sobol-convergence.svg",
                caption: "Convergence of the Sobol' indices of \(titled(convergenceOutput)): S1 and ST recomputed on the first N base rows of the design, N = \(c.baseRows.map(String.init).joined(separator: ", ")), each with its \(interval). Flat lines and narrowing bands say N is large enough.",
                chart: ConvergenceChart(title: "Convergence of the Sobol' indices of \(titled(convergenceOutput))", names: c.names,
                                        baseRows: c.baseRows, s1: c.s1, s1Conf: c.s1Conf, st: c.st, stConf: c.stConf, intervalName: interval)))
        }
        for (variable, series) in s.overTime {
            out += overTimeFigures(variable, series, interval: interval, intervals: intervals)
        }
        return out
    }

    /// ST and S1 of `variable` at every saved time, each with its bands.
    func overTimeFigures(_ variable: String, _ series: SobolTimeSeries, interval: String, intervals: String) -> [Figure] {
        let kinds = [("fig-sobol-over-time-", "Total-order", "ST", series.st, series.stConf),
                     ("fig-sobol-s1-over-time-", "First-order", "S1", series.s1, series.s1Conf)]
        // Both charts draw the parameters with the largest ST at any time, in the same colours.
        let peaks = series.names.indices.map { j in series.st.map { $0[j] }.filter(\.isFinite).max() ?? -.infinity }
        return kinds.map { file, kind, symbol, values, conf in
            let lines = series.names.indices.map { j in ChartSeries(name: series.names[j], x: series.times, y: series.times.indices.map { values[$0][j] }) }
            let bands = series.names.indices.map { j in series.times.indices.map { conf[$0][j] } }
            return Figure(
                file: "\(file)\(Self.slug(variable)).svg",
                caption: "\(kind) Sobol' index \(symbol) of each parameter for \(variable) at every saved time, with \(intervals); times where \(variable) does not vary (\(series.undefinedTimes.count) of them) have no index.",
                chart: IndicesOverTimeChart(title: "\(kind) Sobol' indices of \(variable) over time", xLabel: timeAxis,
                                            yLabel: AxisLabel("\(kind) index \(symbol)"), series: lines, halfWidths: bands, intervalName: interval,
                                            ranking: peaks))
        }
    }

    func morrisFigures() -> [Figure] {
        guard let m = morris else { return [] }
        let idx = m.indices
        let factors = idx.names.indices.map {
            MorrisChart.Factor(name: idx.names[$0], muStar: idx.muStar[$0], sigma: idx.sigma[$0], muStarConf: idx.muStarConf[$0])
        }
        let bootstrap = MorrisAnalysis()
        let interval = "\(percent(bootstrap.confidence)) bootstrap interval of μ* (\(bootstrap.bootstrap) resamples)"
        return [Figure(file: "fig-morris.svg",
                       caption: "Morris screening of \(titled(m.output)): μ* against σ, \(m.settings.trajectories) trajectories, \(m.settings.levels) levels; horizontal bars are the \(interval). Points far right matter; points high up interact or act non-linearly.",
                       chart: MorrisChart(title: "Morris screening of \(titled(m.output))", factors: factors, referenceRatios: [0.1, 0.5, 1],
                                          intervalName: interval))]
    }

    func robustnessFigures() -> [Figure] {
        guard let r = robustness else { return [] }
        return (r.frequencies.groups + [r.frequencies.overall]).map { table in
            let factors = table.names.indices.map { RankingRobustnessChart.Factor(name: table.names[$0], shares: table.frequency[$0]) }
            let scope = table.group.map { " among \($0)" } ?? ""
            return Figure(file: "fig-robustness-\(Self.slug(table.group ?? "all")).svg",
                          caption: "How often each factor ranks first, second, …\(scope) under the \(percent(r.settings.change)) one-at-a-time test, over \(r.settings.n) points of a Latin hypercube of the whole parameter space.",
                          chart: RankingRobustnessChart(title: "Ranking robustness of \(titled(r.output))\(scope)", factors: factors))
        }
    }
}
