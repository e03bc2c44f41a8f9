import Foundation
import FoundationXML
import Testing
import TestSupport
import SweepAnalysis
@testable import SweepStudy

/// The report's figures from a small SIR study that asks for everything: S2, convergence,
/// scatter plots, indices over time with bands, Morris intervals.
@Suite struct StudyFiguresTests {
    static let yaml = """
    study: SIR figures
    model: \(Repository.root)/configs/sir.yaml
    seed: 5
    engine: interpreter
    parameters:
      - {name: Contact Rate, lower: 4, upper: 8}
      - {name: Infectivity, lower: 0.03, upper: 0.07}
      - {name: Recovery Time, lower: 5, upper: 10}
    outputs:
      - Recovered
      - {name: Infected, times: all}
    methods:
      sobol: {n: 256, bootstrap: 40, second_order: true}
      morris: {trajectories: 10, levels: 4}
      prcc: {n: 60}
    """

    static func run(threads: Int) throws -> StudyResults {
        try StudyRunner(study: try Study.parse(yaml, file: "figures-study.yaml"), threads: threads).run()
    }

    @Test func everyNewFigureIsWrittenAndTitledWithItsOutput() throws {
        let results = try Self.run(threads: 2)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("figures-\(UUID().uuidString)").path
        let files = try results.write(to: dir, commandLine: ["test"])
        for f in ["fig-sobol-s2.svg", "fig-sobol-convergence.svg", "fig-scatter.svg", "fig-sobol-over-time-infected.svg",
                  "fig-sobol-s1-over-time-infected.svg", "fig-morris.svg", "sobol-convergence.csv"] {
            #expect(files.contains(f), "\(f) missing")
        }
        let figures = results.figures()
        #expect(!figures.contains { $0.caption.contains("paper") })
        for file in ["fig-sobol.svg", "fig-sobol-s2.svg", "fig-sobol-convergence.svg", "fig-morris.svg", "fig-scatter.svg"] {
            let svg = try String(contentsOfFile: "\(dir)/\(file)", encoding: .utf8)
            #expect(svg.contains("Recovered at t = 100"), "\(file) does not say which output")
            _ = try XMLDocument(xmlString: svg, options: [])
        }
        let scatter = try String(contentsOfFile: "\(dir)/fig-scatter.svg", encoding: .utf8)
        let r = try #require(results.prcc?.results.first?.prcc)
        #expect(scatter.contains("\(r.names[0]) — PRCC \(String(format: "%.2f", r.prcc[0]))"))
        let csv = try String(contentsOfFile: "\(dir)/sobol-convergence.csv", encoding: .utf8)
        #expect(csv.hasPrefix("output,N,parameter,S1,S1_conf,ST,ST_conf\nRecovered,64,Contact Rate,"))
        #expect(csv.split(separator: "\n").count == 1 + 3 * 3)   // N = 64, 128, 256; 3 parameters
    }

    @Test func convergenceEndsAtTheStageIndicesAndIgnoresTheThreadCount() throws {
        let one = try Self.run(threads: 1), two = try Self.run(threads: 2)
        let c1 = try #require(one.sobol?.convergence), c2 = try #require(two.sobol?.convergence)
        let full = try #require(one.sobol?.indices.first?.indices)
        #expect(c1.output == "Recovered" && c1.values.baseRows == [64, 128, 256])
        // The last prefix is the whole design: the stage's numbers, bit for bit.
        #expect(c1.values.s1.last!.map(\.bitPattern) == full.s1.map(\.bitPattern))
        #expect(c1.values.st.last!.map(\.bitPattern) == full.st.map(\.bitPattern))
        #expect(c1.values.stConf.last!.map(\.bitPattern) == full.stConf.map(\.bitPattern))
        for (a, b) in [(c1.values.s1, c2.values.s1), (c1.values.s1Conf, c2.values.s1Conf), (c1.values.st, c2.values.st), (c1.values.stConf, c2.values.stConf)] {
            #expect(a.map { $0.map(\.bitPattern) } == b.map { $0.map(\.bitPattern) })
        }
        #expect(one.sobol?.convergenceCSV == two.sobol?.convergenceCSV)
        #expect(full.s2 != nil)
    }
}
