import Testing
@testable import SweepReports

@Suite struct RankingRobustnessChartTests {
    @Test func ordinalsFollowEnglishRules() {
        let expected = [1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th",
                        21: "21st", 22: "22nd", 101: "101st", 111: "111th"]
        for (n, text) in expected {
            #expect(RankingRobustnessChart.ordinal(n) == text)
        }
    }

    @Test func countsAreNormalisedAndFactorsSortedByFirstPlaces() {
        let chart = RankingRobustnessChart(title: "t", factors: [
            .init(name: "Second", shares: [30, 70]),
            .init(name: "First", shares: [70, 30]),
            .init(name: "Tie-broken by mean rank", shares: [30, 20, 50]),
        ])
        #expect(chart.sortedFactors.map(\.name) == ["First", "Second", "Tie-broken by mean rank"])
        #expect(chart.factors[0].normalised == [0.3, 0.7])
    }

    @Test func sampleShowsPercentagesLegendAndNames() throws {
        let chart = SampleFigures.ranking
        let text = try SVGCheck.joinedText(chart.svg())
        for part in ["74%", "84%", "Ranked 1st", "2nd", "4th", "Share of cases / %", "Internal Knowledge Restructuring"] {
            #expect(text.contains(part))
        }
    }

    @Test func lateRanksArePooled() throws {
        let texts = try SVGCheck.texts(SampleFigures.rankingMany.svg())
        #expect(texts.contains("7th–16th"))
        #expect(!texts.contains("8th"))
    }
}
