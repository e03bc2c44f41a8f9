import Testing
@testable import SweepReports

@Suite struct LineChartTests {
    @Test func figure5ShowsEveryNameAndBothAxisTitles() throws {
        let chart = SampleFigures.oneAtATime(SampleFigures.internalElements, figure: 5, side: "internal")
        let text = try SVGCheck.joinedText(chart.svg())
        #expect(text.contains("Time / Year"))
        #expect(text.contains("Innovation Capability / dmnl"))
        #expect(text.contains("Baseline"))
        // Legend names may wrap: check their words in order rather than on one line.
        for (name, _) in SampleFigures.internalElements {
            #expect(text.contains(name) || text.contains(name.split(separator: " ").joined(separator: " ")),
                    "legend lacks \(name)")
        }
    }

    @Test func baselineIsBlackThickAndDrawnLast() {
        let svg = SampleFigures.oneAtATime(SampleFigures.externalElements, figure: 6, side: "external").svg()
        let polylines = svg.split(separator: "\n").filter { $0.hasPrefix("<polyline") }
        #expect(polylines.count == 5)
        #expect(polylines.last?.contains("stroke=\"#000000\" stroke-width=\"2.75\"") == true)
        #expect(polylines.dropLast().allSatisfy { !$0.contains("#000000") })
    }

    @Test func nonFiniteValuesBreakTheLineInsteadOfReachingTheFile() throws {
        let chart = LineChart(title: "Run with a blow-up", xLabel: "Time", yLabel: "Stock",
                              series: [ChartSeries(name: "Run 1", x: [0, 1, 2, 3, 4], y: [1, 2, .nan, .infinity, 3]),
                                       ChartSeries(name: "Run 2", x: [0, 4], y: [0, 5])])
        let svg = chart.svg()
        _ = try SVGCheck.texts(svg)
        // Run 1 keeps two pieces: 0…1 as a line and the lone point at 4 as a dot.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.contains("<circle"))
    }

    @Test func emptyAndDegenerateInputStillMakeAValidFigure() throws {
        for series in [[], [ChartSeries(name: "Flat", x: [0, 10], y: [4.83, 4.83])],
                       [ChartSeries(name: "Nothing finite", x: [0, 1], y: [.nan, .nan])]] {
            let chart = LineChart(title: "Degenerate", xLabel: AxisLabel("Time", unit: "Year"), yLabel: "Value", series: series)
            _ = try SVGCheck.texts(chart.svg())
        }
    }

    @Test func chineseTextSurvivesEscapingAndParsing() throws {
        let text = try SVGCheck.joinedText(SampleFigures.chinese.svg())
        #expect(text.contains("时间/年"))
        #expect(text.contains("创新能力/无量纲"))
        #expect(text.contains("基准"))
    }

    @Test func sameInputGivesSameBytes() {
        #expect(SampleFigures.oneAtATime(SampleFigures.internalElements, figure: 5, side: "internal").svg()
                == SampleFigures.oneAtATime(SampleFigures.internalElements, figure: 5, side: "internal").svg())
    }

    @Test func longLegendNamesStayInsideTheCanvas() throws {
        let long = "Internal Knowledge Restructuring Coefficient under the saturating extension of the model"
        let chart = LineChart(title: "Long", xLabel: "Time", yLabel: "C",
                              series: [ChartSeries(name: "Baseline", x: [0, 1], y: [0, 1], style: .baseline),
                                       ChartSeries(name: long, x: [0, 1], y: [0, 2])])
        let svg = chart.svg()
        // Every text starts inside the 720-wide canvas and, by the conservative width
        // estimate, ends inside it too.
        for line in svg.split(separator: "\n") where line.hasPrefix("<text") && !line.contains("text-anchor") && !line.contains("rotate") {
            let x = Double(line.split(separator: "\"")[1])!
            let content = line.split(separator: ">")[1].split(separator: "<")[0]
            #expect(x >= 0 && x + TextMetrics.width(String(content), size: 12) <= 720, "\(line)")
        }
    }
}
