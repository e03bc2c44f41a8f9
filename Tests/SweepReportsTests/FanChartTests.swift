import Testing
@testable import SweepReports

@Suite struct FanChartTests {
    @Test func quantilesFollowNumpyType7() {
        // Runs with constant values 1…101: at every time the 5% quantile is element 5·(101−1)/100
        // = index 5 → 6, the median 51, the 95% quantile 96 (exact: the positions are integers).
        let time = [0.0, 1, 2]
        let runs = (1...101).map { v in time.map { _ in Double(v) } }
        let chart = FanChart(title: "t", xLabel: "Time", yLabel: "y", time: time, trajectories: runs.reversed())
        #expect(chart.median == [51, 51, 51])
        #expect(chart.bands.map(\.name) == ["5–95%", "25–75%"])
        #expect(chart.bands[0].lower == [6, 6, 6] && chart.bands[0].upper == [96, 96, 96])
        #expect(chart.bands[1].lower == [26, 26, 26] && chart.bands[1].upper == [76, 76, 76])
    }

    @Test func sampleFanIsWellFormedWithLegendAndTitles() throws {
        let svg = SampleFigures.fan.svg()
        let text = try SVGCheck.joinedText(svg)
        for name in ["Median", "5–95%", "25–75%", "Baseline", "Time / Year", "Innovation Capability / dmnl"] {
            #expect(text.contains(name))
        }
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 2)
    }

    @Test func timesWithoutFiniteRunsLeaveGaps() throws {
        let time = [0.0, 1, 2, 3]
        let runs = [[0, 1, .nan, 3], [0, 2, .nan, 4], [0, 3, .nan, 5]]
        let chart = FanChart(title: "gap", xLabel: "Time", yLabel: "y", time: time, trajectories: runs)
        #expect(chart.median[2].isNaN)
        let svg = chart.svg()
        _ = try SVGCheck.texts(svg)
        // Each band covers only times 0…1 (times 3 alone is a single point, not a polygon).
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 2)
    }
}
