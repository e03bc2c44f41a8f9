import Foundation
import Testing
@testable import SweepReports

@Suite struct ScatterChartTests {
    /// SIR-like: the output rises with the first input, ignores the second; 3000 runs.
    static var sir: ScatterChart {
        let n = 3000
        let u = (0..<n).map { (Double($0) * 0.6180339887498949).truncatingRemainder(dividingBy: 1) }
        let v = (0..<n).map { (Double($0) * 0.7548776662466927).truncatingRemainder(dividingBy: 1) }
        let y = zip(u, v).map { 4 + 4 * $0 + 0.4 * sin(9 * $1) }
        return ScatterChart(title: "Recovered at t = 100 against each input", yLabel: AxisLabel("Recovered", unit: "Person"), panels: [
            .init(title: "Contact Rate — PRCC 0.97", x: u.map { 4 + 4 * $0 }, y: y),
            .init(title: "Infectivity — PRCC 0.05", x: v.map { 0.03 + 0.04 * $0 }, y: y),
            .init(title: "Recovery Time — PRCC 0.01", x: v.map { 5 + 5 * $0 }, y: y),
        ])
    }

    @Test func panelsAreTitledAndPointsDownsampled() throws {
        let svg = Self.sir.svg()
        let texts = try SVGCheck.texts(svg)
        #expect(texts.contains("Contact Rate — PRCC 0.97") && texts.contains("Recovery Time — PRCC 0.01"))
        #expect(texts.contains("Recovered / Person"))
        // One path of dots per panel, at most 1000 dots each.
        let paths = svg.matches(of: /<path d="([^"]*)"/).map { $0.1.matches(of: /h0/).count }
        #expect(paths == [1000, 1000, 1000])
        #expect(svg.utf8.count < 80_000)
    }

    @Test func theSampleIsEvenAndDeterministic() {
        #expect(ScatterChart.sample(count: 10, limit: 4) == [0, 2, 5, 7])
        #expect(ScatterChart.sample(count: 3, limit: 4) == [0, 1, 2])
        #expect(ScatterChart.sample(count: 3000, limit: 1000).count == 1000)
        #expect(Self.sir.svg() == Self.sir.svg())
    }

    @Test func nonFiniteRunsAreLeftOut() throws {
        let chart = ScatterChart(title: "Gaps", yLabel: "y", panels: [.init(title: "x", x: [0, 1, .nan, 3], y: [1, .infinity, 2, 3])])
        let svg = chart.svg()
        _ = try SVGCheck.texts(svg)
        let dots = try #require(svg.firstMatch(of: /<path d="([^"]*)"/)).1.matches(of: /h0/).count
        #expect(dots == 2)
    }
}

extension ScatterChartTests {
    @Test func anInputAxisFitsItsValues() {
        let axis = Self.sir.xAxis([0.00075, 0.0015, 0.00225], maxTicks: 3)
        #expect(axis.lower < 0.00075 && axis.lower > 0.0006 && axis.upper > 0.00225 && axis.upper < 0.0024)
        #expect(axis.ticks.count <= 3 && axis.ticks.allSatisfy { $0.0 >= axis.lower && $0.0 <= axis.upper })
        #expect(axis.ticks.map(\.1) == ["0.0010", "0.0015", "0.0020"])
    }
}
