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

    /// The figures, named by what they show; the paper's Figures 4–6 first.
    func figures() -> [Figure] {
        var out: [Figure] = []
        let primary = study.primaryOutput.variable
        if let b = baseline, let y = b.values(of: primary) {
            out.append(Figure(file: "fig-baseline.svg", caption: "Baseline trajectory of \(primary) (the paper's Figure 4).",
                              chart: LineChart(title: "Baseline: \(primary)", xLabel: timeAxis, yLabel: axis(for: primary),
                                               series: [ChartSeries(name: "Baseline", x: b.times, y: y, style: .baseline)], includesZero: true)))
        }
        if let o = oat {
            let groups = o.settings.groups.isEmpty ? [(name: "", members: o.names)] : o.settings.groups
            for (g, group) in groups.enumerated() {
                var series = [ChartSeries(name: "Baseline", x: o.times, y: o.baselineTrajectory, style: .baseline)]
                for t in o.trajectories where group.members.contains(t.name) {
                    series.append(ChartSeries(name: "\(t.name) \(t.step > 0 ? "+" : "−")\(percent(abs(t.step)))", x: o.times, y: t.values))
                }
                let label = group.name.isEmpty ? "each parameter" : group.name
                out.append(Figure(
                    file: "fig-oat-\(Self.slug(group.name.isEmpty ? "all" : group.name)).svg",
                    caption: "\(label): \(o.variable) with one parameter changed by \(percent(o.settings.change)) at a time, against the baseline\(g < 2 && groups.count == 2 ? " (the paper's Figure \(5 + g))" : "").",
                    chart: LineChart(title: "\(o.variable): \(label) changed by \(percent(o.settings.change))", xLabel: timeAxis,
                                     yLabel: axis(for: o.variable), series: series, includesZero: true)))
            }
        }
        if let p = prcc, let (variable, m) = p.trajectories.first(where: { $0.variable == primary }) ?? p.trajectories.first {
            let runs = (0..<m.rows).map { m.row($0) }.filter { $0.allSatisfy(\.isFinite) }
            if !runs.isEmpty {
                let reference = baseline?.values(of: variable).map { ChartSeries(name: "Baseline", x: p.times, y: $0, style: .baseline) }
                out.append(Figure(file: "fig-fan.svg",
                                  caption: "\(variable) over \(m.rows) runs of a Latin hypercube of the parameter space: median and 5–95% and 25–75% bands.",
                                  chart: FanChart(title: "\(variable) across the parameter space", xLabel: timeAxis, yLabel: axis(for: variable),
                                                  time: p.times, trajectories: runs, reference: reference)))
            }
        }
        if let s = sobol, let (output, idx) = s.indices.first {
            let entries = idx.names.indices.map {
                SobolBarChart.Entry(name: idx.names[$0], firstOrder: idx.s1[$0], firstOrderConf: idx.s1Conf[$0],
                                    totalOrder: idx.st[$0], totalOrderConf: idx.stConf[$0])
            }
            out.append(Figure(file: "fig-sobol.svg",
                              caption: "Sobol' first-order (S1) and total (ST) indices of \(output), N = \(s.baseRows) base rows (\(s.runs) runs), with \(percent(s.settings.confidence)) bootstrap intervals (\(s.settings.bootstrap) resamples).",
                              chart: SobolBarChart(title: "Sobol' indices of \(output)", entries: entries,
                                                   intervalName: "\(percent(s.settings.confidence)) confidence interval")))
            for (variable, series) in s.overTime {
                let lines = series.names.indices.map { j in
                    ChartSeries(name: series.names[j], x: series.times, y: series.times.indices.map { series.st[$0][j] })
                }
                out.append(Figure(file: "fig-sobol-over-time-\(Self.slug(variable)).svg",
                                  caption: "Total-order Sobol' index of each parameter for \(variable) at every saved time; times where \(variable) does not vary (\(series.undefinedTimes.count) of them) have no index.",
                                  chart: IndicesOverTimeChart(title: "ST of \(variable) over time", xLabel: timeAxis,
                                                              yLabel: "Total-order index ST", series: lines)))
            }
        }
        if let m = morris {
            let factors = m.indices.names.indices.map { MorrisChart.Factor(name: m.indices.names[$0], muStar: m.indices.muStar[$0], sigma: m.indices.sigma[$0]) }
            out.append(Figure(file: "fig-morris.svg",
                              caption: "Morris screening of \(m.output): μ* against σ, \(m.settings.trajectories) trajectories, \(m.settings.levels) levels. Points far right matter; points high up interact or act non-linearly.",
                              chart: MorrisChart(title: "Morris screening of \(m.output)", factors: factors, referenceRatios: [0.1, 0.5, 1])))
        }
        if let r = robustness {
            let tables = r.frequencies.groups + [r.frequencies.overall]
            for table in tables {
                let factors = table.names.indices.map { RankingRobustnessChart.Factor(name: table.names[$0], shares: table.frequency[$0]) }
                let scope = table.group.map { " among \($0)" } ?? ""
                out.append(Figure(file: "fig-robustness-\(Self.slug(table.group ?? "all")).svg",
                                  caption: "How often each factor ranks first, second, …\(scope) under the \(percent(r.settings.change)) one-at-a-time test, over \(r.settings.n) points of a Latin hypercube of the whole parameter space.",
                                  chart: RankingRobustnessChart(title: "Ranking robustness\(scope)", factors: factors)))
            }
        }
        return out
    }
}
