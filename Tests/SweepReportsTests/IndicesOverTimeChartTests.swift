import Foundation
import Testing
@testable import SweepReports

@Suite struct IndicesOverTimeChartTests {
    @Test func keepsTheTopKByPeakAndNamesTheRestInANote() throws {
        let t = [0.0, 1, 2]
        let chart = IndicesOverTimeChart(title: "ST over time", xLabel: AxisLabel("Time", unit: "Year"), series: [
            ChartSeries(name: "Steady", x: t, y: [0.3, 0.3, 0.3]),
            ChartSeries(name: "Brief Peak", x: t, y: [0.0, 0.6, 0.0]),
            ChartSeries(name: "Tiny", x: t, y: [0.01, 0.02, 0.01]),
            ChartSeries(name: "Small", x: t, y: [0.05, 0.04, .nan]),
        ], maxSeries: 2)
        let selection = chart.selection
        #expect(selection.kept.map(\.name) == ["Brief Peak", "Steady"])
        #expect(selection.dropped == ["Small", "Tiny"])
        #expect(selection.droppedPeak == 0.05)
        let text = try SVGCheck.joinedText(chart.svg())
        #expect(text.contains("Not shown: 2 other parameters (Small, Tiny), each with index ≤ 0.050 at every time."))
        #expect(text.contains("Sobol' index") && text.contains("Time / Year"))
    }

    @Test func theYAxisSpansZeroToOne() throws {
        let chart = IndicesOverTimeChart(title: "One", xLabel: "Time",
                                         series: [ChartSeries(name: "Only Parameter", x: [0, 1], y: [0.1, 0.2])])
        let texts = try SVGCheck.texts(chart.svg())
        #expect(texts.contains("0.0") && texts.contains("1.0"))
        // A single parameter still gets its name in a legend.
        #expect(texts.contains("Only Parameter"))
    }

    @Test func sampleIsWellFormed() throws {
        let text = try SVGCheck.joinedText(SampleFigures.indicesOverTime.svg())
        #expect(text.contains("Total-order index ST"))
        #expect(text.contains("and 5 more"))
    }
}

@Suite struct IndicesOverTimeBandTests {
    static var withBands: IndicesOverTimeChart {
        let t = stride(from: 0.0, through: 100, by: 2).map { $0 }
        let names = ["Contact Rate", "Infectivity", "Recovery Time", "Initial Infected"]
        let series = names.enumerated().map { j, name in
            ChartSeries(name: name, x: t, y: t.map { j == 3 && $0 == 0 ? .nan : (0.4 - 0.1 * Double(j)) * (1 + sin($0 / 30)) / 2 })
        }
        let conf = names.indices.map { j in t.map { 0.02 + 0.01 * Double(j) + 0.0004 * $0 } }
        return IndicesOverTimeChart(title: "S1 of Infected over time", xLabel: AxisLabel("Time", unit: "Day"),
                                    yLabel: "First-order index S1", series: series, halfWidths: conf,
                                    intervalName: "95% bootstrap interval (300 resamples)", maxSeries: 3)
    }

    @Test func keptSeriesGetTheirBands() throws {
        let svg = Self.withBands.svg()
        let text = try SVGCheck.joinedText(svg)
        #expect(text.contains("Bands: 95% bootstrap interval (300 resamples)."))
        #expect(text.contains("Not shown: 1 other parameter (Initial Infected)"))
        // One band per kept series, named like its line.
        #expect(svg.components(separatedBy: "<!-- band: ").count - 1 == 3)
        #expect(svg.contains("<!-- band: Contact Rate -->") && !svg.contains("<!-- band: Initial Infected -->"))
    }
}

extension IndicesOverTimeBandTests {
    @Test func aRankingPicksTheSameParametersAsAnotherChart() {
        var chart = Self.withBands
        chart.ranking = [0.1, 0.2, 0.3, 0.4]
        #expect(chart.selection.kept.map(\.name) == ["Initial Infected", "Recovery Time", "Infectivity"])
        #expect(chart.selection.dropped == ["Contact Rate"])
    }
}
