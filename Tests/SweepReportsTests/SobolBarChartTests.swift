import Testing
@testable import SweepReports

@Suite struct SobolBarChartTests {
    @Test func rowsAreSortedByTotalOrderWithNaNLast() {
        let chart = SobolBarChart(title: "t", entries: [
            .init(name: "a", firstOrder: 0.1, firstOrderConf: 0, totalOrder: 0.2, totalOrderConf: 0),
            .init(name: "b", firstOrder: 0.1, firstOrderConf: 0, totalOrder: .nan, totalOrderConf: 0),
            .init(name: "c", firstOrder: 0.5, firstOrderConf: 0, totalOrder: 0.6, totalOrderConf: 0),
            .init(name: "d", firstOrder: 0.1, firstOrderConf: 0, totalOrder: 0.2, totalOrderConf: 0),
        ])
        #expect(chart.sortedEntries.map(\.name) == ["c", "a", "d", "b"])
    }

    @Test func negativeIndicesAndWhiskersAcrossZeroGetANegativeAxis() throws {
        let chart = SobolBarChart(title: "Negative S1", entries: [
            .init(name: "Internal Technology Upgrading Coefficient", firstOrder: -0.03, firstOrderConf: 0.05,
                  totalOrder: 0.01, totalOrderConf: 0.02),
            .init(name: "Internal Knowledge Restructuring Coefficient", firstOrder: 0.38, firstOrderConf: 0.02,
                  totalOrder: 0.39, totalOrderConf: 0.03),
        ])
        let svg = chart.svg()
        let text = try SVGCheck.joinedText(svg)
        // −0.03 − 0.05 = −0.08 needs a tick at −0.1, drawn with a minus sign.
        #expect(text.contains("\u{2212}0.1"))
        #expect(!svg.contains("width=\"-"))
        for name in ["First order (S1)", "Total order (ST)", "95% confidence interval", "Sobol' index"] {
            #expect(text.contains(name))
        }
    }

    @Test func sampleHasEveryParameterName() throws {
        let chart = SampleFigures.sobol
        let text = try SVGCheck.joinedText(chart.svg())
        for entry in chart.entries {
            // Names wrap in the name column, at spaces only.
            #expect(text.contains(entry.name) || entry.name.split(separator: " ").allSatisfy { text.contains($0) })
        }
    }

    @Test func manyParametersGrowTheCanvasInsteadOfSquashingRows() {
        let entries = (1...30).map { SobolBarChart.Entry(name: "Parameter \($0)", firstOrder: 0.01, firstOrderConf: 0.01,
                                                         totalOrder: 0.02, totalOrderConf: 0.01) }
        let svg = SobolBarChart(title: "Thirty", entries: entries).svg()
        let height = Double(svg.split(separator: "\"")[3])!
        #expect(height > 440)
    }
}
