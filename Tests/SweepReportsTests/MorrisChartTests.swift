import Testing
@testable import SweepReports

@Suite struct MorrisChartTests {
    @Test func everyFactorIsLabelledOrNamedInTheNote() throws {
        let chart = SampleFigures.morris
        let text = try SVGCheck.joinedText(chart.svg())
        for factor in chart.factors {
            #expect(text.contains(factor.name) || factor.name.split(separator: " ").allSatisfy { text.contains($0) },
                    "\(factor.name) is neither labelled nor listed")
        }
        #expect(text.contains("σ/μ* = 0.5"))
    }

    @Test func labelsDoNotOverlapEachOtherOrLeaveThePlot() {
        let chart = SampleFigures.morris
        let frame = chart.makeFrame(note: nil)
        let placement = chart.placeLabels(chart.factors, in: frame)
        #expect(placement.labels.count >= 4)
        for (i, a) in placement.labels.enumerated() {
            #expect(frame.plot.contains(a.box))
            for b in placement.labels[(i + 1)...] {
                #expect(!a.box.intersects(b.box), "\(a.lines) overlaps \(b.lines)")
            }
        }
    }

    @Test func coincidentPointsShareOneLabel() {
        let chart = MorrisChart(title: "Ties", factors: [
            .init(name: "Internal Knowledge Restructuring Coefficient", muStar: 1, sigma: 0.1),
            .init(name: "External Resource Utilization Coefficient", muStar: 1, sigma: 0.1),
            .init(name: "Peak Year", muStar: 0.2, sigma: 0.5),
        ])
        let placement = chart.placeLabels(chart.factors, in: chart.makeFrame(note: nil))
        #expect(placement.unlabelled.isEmpty)
        #expect(placement.labels.count == 2)
        #expect(placement.labels.contains { $0.lines == ["Internal Knowledge Restructuring Coefficient",
                                                         "External Resource Utilization Coefficient"] })
    }

    @Test func nonFiniteMeasuresAreSkipped() throws {
        let chart = MorrisChart(title: "Skipping", factors: [.init(name: "Broken", muStar: .nan, sigma: 1),
                                                        .init(name: "Fine", muStar: 1, sigma: 1)])
        let texts = try SVGCheck.texts(chart.svg())
        #expect(texts.contains("Fine") && !texts.contains("Broken"))
    }
}
