import Foundation
import Testing
@testable import SweepReports

@Suite struct HeatmapChartTests {
    static let names = ["Contact Rate", "Infectivity", "Recovery Time", "Initial Infected"]

    /// S2 for 4 parameters: one clear interaction, one negative estimate whose interval covers 0.
    static var small: HeatmapChart {
        let nan = Double.nan
        let s2: [[Double]] = [[nan, 0.12, 0.03, -0.004], [nan, nan, 0.025, 0.001], [nan, nan, nan, 0.0], [nan, nan, nan, nan]]
        let conf: [[Double]] = [[nan, 0.02, 0.01, 0.006], [nan, nan, 0.01, 0.004], [nan, nan, nan, 0.003], [nan, nan, nan, nan]]
        return HeatmapChart(title: "Second-order Sobol' indices of Recovered at t = 100", names: names, values: s2, halfWidths: conf)
    }

    /// 18 parameters with long names: values no longer fit in the cells.
    static var large: HeatmapChart {
        let names = SampleFigures.allElements.map { $0.0 + " Coefficient" } + SampleFigures.allElements.map { $0.0 + " Weight" }
            + ["Peak Height", "Peak Year"]
        let k = names.count
        var s2 = [[Double]](repeating: [Double](repeating: .nan, count: k), count: k)
        for j in 0..<k { for i in (j + 1)..<k { s2[j][i] = 0.01 * sin(Double(7 * j + 3 * i)) } }
        return HeatmapChart(title: "Second-order Sobol' indices of Innovation Capability at t = 20", names: names, values: s2)
    }

    @Test func smallTriangleNamesBothAxesAndPrintsValues() throws {
        let texts = try SVGCheck.texts(Self.small.svg())
        // Rows: every name but the first; columns: every name but the last.
        for name in Self.names { #expect(texts.contains(name)) }
        #expect(texts.filter { $0 == "Infectivity" }.count == 2)
        #expect(texts.contains("0.120") && texts.contains("\u{2212}0.004"))
        #expect(texts.contains("S2"))
        // 3 + 2 + 1 cells.
        #expect(texts.filter { $0.hasPrefix("0.") || $0.hasPrefix("\u{2212}0.") }.count >= 6)
    }

    @Test func largeTriangleDropsTheValuesButKeepsTheNames() throws {
        let chart = Self.large
        let svg = chart.svg()
        let texts = try SVGCheck.texts(svg)
        for name in chart.names.dropFirst() { #expect(texts.contains { $0.contains(name.split(separator: " ").last!) }) }
        #expect(!texts.contains { $0.hasPrefix("0.00") && $0.count > 4 && !chart.limit.labels.contains($0) })
        // Two-line names need cells 28 px tall: the canvas widens to hold 17 of them and the scale.
        let match = try #require(svg.firstMatch(of: /width="([0-9.]+)"/))
        let width = try #require(Double(match.1))
        #expect(width > chart.width)
        let layout = chart.layout(frame: ChartFrame(width: chart.width, height: 200, title: chart.title, footnote: nil))
        #expect(layout.bar.maxX + 40 <= width)
    }

    @Test func theColourScaleIsCentredOnZero() {
        #expect(Palette.diverging(0) == "#F7F7F7")
        #expect(Palette.diverging(1) == "#B2182B")
        #expect(Palette.diverging(-1) == "#2166AC")
        #expect(Palette.diverging(5) == Palette.diverging(1))
        let scale = Self.small.limit
        #expect(scale.lower == -scale.upper && scale.upper >= 0.12)
        let cell = Self.small.cell(3, 0)
        #expect(cell.value == -0.004 && !cell.distinct)
        #expect(Self.small.cell(1, 0).distinct)
    }
}
