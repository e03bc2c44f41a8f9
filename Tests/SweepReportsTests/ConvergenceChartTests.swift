import Foundation
import Testing
@testable import SweepReports

@Suite struct ConvergenceChartTests {
    /// Four parameters settling as N grows from 64 to 1024; intervals shrink like 1/√N.
    static var sir: ConvergenceChart {
        let n = [64, 128, 256, 512, 1024]
        let names = ["Contact Rate", "Infectivity", "Recovery Time", "Initial Infected"]
        let truth = [0.45, 0.42, 0.1, 0.01]
        func values(_ offset: Double) -> [[Double]] {
            n.enumerated().map { p, size in truth.enumerated().map { j, t in t + offset + 0.2 * sin(Double(3 * p + j)) / Double(size).squareRoot() } }
        }
        let conf = n.map { size in truth.map { _ in 1.2 / Double(size).squareRoot() } }
        return ConvergenceChart(title: "Convergence of the Sobol' indices of Recovered at t = 100", names: names, baseRows: n,
                                s1: values(-0.01), s1Conf: conf, st: values(0.02), stConf: conf,
                                intervalName: "95% bootstrap interval (300 resamples)", maxSeries: 3)
    }

    @Test func twoPanelsOnALogAxisWithBands() throws {
        let svg = Self.sir.svg()
        let texts = try SVGCheck.texts(svg)
        #expect(texts.contains("First order S1") && texts.contains("Total order ST"))
        for label in ["64", "128", "256", "512", "1024"] { #expect(texts.filter { $0 == label }.count == 2) }
        #expect(texts.contains("Base rows N (log scale)"))
        #expect(svg.components(separatedBy: "<!-- band: ").count - 1 == 6)
        let text = texts.joined(separator: " ")
        #expect(text.contains("Not shown: Initial Infected."))
        #expect(Self.sir.kept == [1, 0, 2] || Self.sir.kept == [0, 1, 2])
    }

    @Test func ticksAreThePowersOfTwoAroundTheSizes() {
        var chart = Self.sir
        chart.baseRows = [1000, 500, 250, 125].reversed()
        #expect(chart.xTicks.labels == ["64", "128", "256", "512", "1024"])
        chart = ConvergenceChart(title: "One size", names: ["a"], baseRows: [40], s1: [[0.5]], s1Conf: [[0.1]], st: [[0.6]], stConf: [[0.1]])
        #expect(chart.xTicks.labels == ["32", "64"])
        #expect(throws: Never.self) { _ = try SVGCheck.texts(chart.svg()) }
    }
}
