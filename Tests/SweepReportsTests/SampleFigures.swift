import Foundation
@testable import SweepReports

/// Figures built from the paper's model in closed form (`shared/paper-model.md`), plus stress
/// cases (long names, CJK text, negative indices, crowded points), shared by the chart tests and
/// the gallery that writes them out for viewing.
enum SampleFigures {
    static let internalElements = [
        ("Internal Resource Mining", 10.0), ("Internal Process Improvement", 4.0),
        ("Internal Knowledge Restructuring", 20.0), ("Internal Technology Upgrading", 1.0),
    ]
    static let externalElements = [
        ("External Resource Utilization", 20.0), ("External Process Integration", 1.0),
        ("External Knowledge Internalization", 10.0), ("External Technology Acquisition", 4.0),
    ]
    static let time = stride(from: 0.0, through: 20.0, by: 0.25).map { $0 }

    /// ∫₀ᵗ D for the triangle D rising from 0 to 4.6 at year 10 and back to 0 at year 20.
    static func integralOfD(_ t: Double) -> Double {
        t <= 10 ? 0.23 * t * t : 23 + 4.6 * (t - 10) - 0.23 * (t - 10) * (t - 10)
    }

    /// Innovation Capability when the coefficients sum to `coefficientSum` (70 at baseline).
    static func capability(coefficientSum: Double) -> [Double] {
        time.map { 0.0015 * coefficientSum * integralOfD($0) }
    }

    static let xLabel = AxisLabel("Time", unit: "Year")
    static let yLabel = AxisLabel("Innovation Capability", unit: "dmnl")

    static var baseline: LineChart {
        LineChart(title: "Figure 4. Innovation Capability, baseline run", xLabel: xLabel, yLabel: yLabel,
                  series: [ChartSeries(name: "Baseline", x: time, y: capability(coefficientSum: 70), style: .baseline)])
    }

    static func oneAtATime(_ elements: [(String, Double)], figure: Int, side: String) -> LineChart {
        var series = [ChartSeries(name: "Baseline", x: time, y: capability(coefficientSum: 70), style: .baseline)]
        for (name, c) in elements {
            series.append(ChartSeries(name: "\(name) +50%", x: time, y: capability(coefficientSum: 70 + 0.5 * c)))
        }
        return LineChart(title: "Figure \(figure). Raising each \(side) element by 50%", xLabel: xLabel, yLabel: yLabel,
                         series: series)
    }

    /// A Chinese-language version of Figure 4, to check CJK text end to end.
    static var chinese: LineChart {
        LineChart(title: "图4 制造业集群创新网络创新能力（基准情景）", xLabel: AxisLabel("时间", unit: "年"),
                  yLabel: AxisLabel("创新能力", unit: "无量纲"),
                  series: [
                    ChartSeries(name: "基准", x: time, y: capability(coefficientSum: 70), style: .baseline),
                    ChartSeries(name: "集群内部知识重构 +50%", x: time, y: capability(coefficientSum: 80)),
                  ])
    }

    /// Runs with all 8 coefficients scaled by deterministic factors in 0.5…1.5.
    static var fan: FanChart {
        var runs: [[Double]] = []
        for r in 0..<200 {
            // A fixed low-discrepancy-like sequence: no RNG needed for a picture.
            let u = (Double(r) * 0.6180339887498949).truncatingRemainder(dividingBy: 1)
            let v = (Double(r) * 0.7548776662466927).truncatingRemainder(dividingBy: 1)
            runs.append(capability(coefficientSum: 70 * (0.5 + u) * (0.8 + 0.4 * v)))
        }
        return FanChart(title: "Innovation Capability under ±50% uncertainty in the coefficients", xLabel: xLabel,
                        yLabel: yLabel, time: time, trajectories: runs,
                        reference: ChartSeries(name: "Baseline", x: time, y: capability(coefficientSum: 70), style: .baseline))
    }

    static let allElements = internalElements + externalElements

    /// Sobol' indices of C(20): S1 = ST = c²/Σc² (Σc² = 1034), with invented noise and CIs.
    static var sobolEntries: [SobolBarChart.Entry] {
        allElements.enumerated().map { i, element in
            let exact = element.1 * element.1 / 1034
            let noise = (Double(i % 3) - 1) * 0.006
            return SobolBarChart.Entry(name: element.0 + " Coefficient", firstOrder: exact + noise,
                                       firstOrderConf: 0.012 + 0.004 * Double(i % 2),
                                       totalOrder: exact + 0.004, totalOrderConf: 0.01)
        }
    }

    static var sobol: SobolBarChart {
        SobolBarChart(title: "Sobol' indices of Innovation Capability at year 20 (N = 4096)", entries: sobolEntries)
    }

    /// Indices over time for 16 parameters (8 coefficients + 8 weights), most of them tiny.
    static var indicesOverTime: IndicesOverTimeChart {
        let names = allElements.map { $0.0 + " Coefficient" } + allElements.map { $0.0 + " Weight" }
        let series = names.enumerated().map { i, name -> ChartSeries in
            let base = i < 8 ? allElements[i].1 * allElements[i].1 / 1034 : 0.004 * Double(i - 7) / 8
            let y = time.map { t in base * (0.6 + 0.4 * sin(t / 20 * .pi)) + (i == 2 ? 0.1 * t / 20 : 0) }
            return ChartSeries(name: name, x: time, y: y)
        }
        return IndicesOverTimeChart(title: "Total-order indices of Innovation Capability over time", xLabel: xLabel,
                                    yLabel: "Total-order index ST", series: series, maxSeries: 5)
    }

    static var morris: MorrisChart {
        let factors = allElements.map { e in
            MorrisChart.Factor(name: e.0 + " Coefficient", muStar: 0.0015 * 0.5 * e.1 * 46 * 1.0,
                               sigma: 0.0015 * 0.05 * e.1 * 46 * (e.1 > 5 ? 1.2 : 0.6))
        } + [
            MorrisChart.Factor(name: "Peak Year", muStar: 0.9, sigma: 0.55),
            MorrisChart.Factor(name: "Peak Height", muStar: 1.05, sigma: 0.12),
        ]
        return MorrisChart(title: "Morris screening of Innovation Capability at year 20 (r = 20, p = 4)",
                           factors: factors, referenceRatios: [0.1, 0.5, 1])
    }

    static var ranking: RankingRobustnessChart {
        RankingRobustnessChart(title: "How often each internal element ranks 1st, 2nd, … under the +50% test", factors: [
            .init(name: "Internal Resource Mining", shares: [0.21, 0.64, 0.13, 0.02]),
            .init(name: "Internal Knowledge Restructuring", shares: [0.74, 0.2, 0.05, 0.01]),
            .init(name: "Internal Process Improvement", shares: [0.04, 0.12, 0.71, 0.13]),
            .init(name: "Internal Technology Upgrading", shares: [0.01, 0.04, 0.11, 0.84]),
        ], note: "Shares of 10 000 Latin-hypercube points in which the element's +50% run gives the highest C(20).")
    }

    /// 16 factors with 16 ranks, to check pooling of late ranks and a tall chart.
    static var rankingMany: RankingRobustnessChart {
        let names = allElements.map { $0.0 + " Coefficient" } + allElements.map { $0.0 + " Weight" }
        let factors = names.enumerated().map { i, name in
            RankingRobustnessChart.Factor(name: name, shares: (0..<16).map { r in 1 / (1 + abs(Double(r - i))) })
        }
        return RankingRobustnessChart(title: "Bootstrap rank distribution of ST (1000 resamples)", factors: factors)
    }

    static var all: [(file: String, chart: any SVGChart)] {
        [
            ("figure4-baseline.svg", baseline),
            ("figure5-internal.svg", oneAtATime(internalElements, figure: 5, side: "internal")),
            ("figure6-external.svg", oneAtATime(externalElements, figure: 6, side: "external")),
            ("chinese.svg", chinese),
            ("fan.svg", fan),
            ("sobol.svg", sobol),
            ("indices-over-time.svg", indicesOverTime),
            ("morris.svg", morris),
            ("morris-few.svg", LabelPlacerTests.sir),
            ("s2-small.svg", HeatmapChartTests.small),
            ("s2-large.svg", HeatmapChartTests.large),
            ("scatter.svg", ScatterChartTests.sir),
            ("indices-over-time-bands.svg", IndicesOverTimeBandTests.withBands),
            ("convergence.svg", ConvergenceChartTests.sir),
            ("ranking.svg", ranking),
            ("ranking-many.svg", rankingMany),
        ]
    }
}
