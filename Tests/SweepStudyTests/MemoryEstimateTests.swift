import Foundation
import Testing
import TestSupport
@testable import SweepStudy

/// `run` estimates its peak before the first run from each stage's design size and kept
/// outputs; the sizes must be the ones the stages then sample, and a limit below the estimate
/// stops the study before it runs anything.
struct MemoryEstimateTests {
    func study(_ methods: String, grouped: Bool = false) throws -> Study {
        let group = grouped ? ", group: speed" : ""
        return try Study.parse("""
        model: \(Repository.root)/configs/sir.yaml
        parameters:
          - {name: Contact Rate, lower: 4, upper: 8\(group)}
          - {name: Infectivity, lower: 0.03, upper: 0.07\(group)}
          - {name: Recovery Time, lower: 5, upper: 10}
        outputs:
          - Recovered
          - {name: Infected, times: all}
        methods:
        \(methods)
        """, file: "s.yaml")
    }

    /// Reference: the runs each stage made, as `provenance.json` records them.
    @Test func theStageSizesAreTheRunsTheStagesMake() throws {
        let s = try study("""
          oat: {change: 0.2, direction: both}
          sobol: {n: 64, bootstrap: 10}
          morris: {trajectories: 4}
          prcc: {n: 40}
          efast: {n: 70, bootstrap: 5}
          rbd_fast: {n: 50, bootstrap: 5}
          pawn: {}
          dgsm: {n: 16, bootstrap: 5}
          robustness: {n: 10}
        """)
        let runner = StudyRunner(study: s, threads: 2)
        let results = try runner.run(includeBaseline: false)
        let made = results.provenance(commandLine: []).runs
        let sizes = runner.stageSizes()
        #expect(Set(sizes.map(\.stage)) == Set(made.filter { $0.value > 0 }.keys))
        for size in sizes { #expect(made[size.stage] == size.runs, "\(size.stage)") }
        // Sobol' over three factors: N·(3 + 2); Recovered plus Infected at each of the 101 saved times.
        #expect(sizes.first { $0.stage == "sobol" }.map { ($0.runs, $0.columns) } ?? (0, 0) == (64 * 5, 102))
    }

    @Test func aLimitBelowTheEstimateStopsTheStudyBeforeItRuns() throws {
        // Two factors for Sobol': the group and Recovery Time, so N·(2 + 2) runs.
        let runner = StudyRunner(study: try study("  sobol: {n: 4096}", grouped: true), threads: 2)
        let (estimate, largest) = try #require(try runner.memoryEstimate())
        #expect(largest.stage == "sobol" && largest.runs == 4096 * 4)
        #expect(throws: (any Error).self) { try runner.checkMemory(available: estimate.total - 1) }
        try runner.checkMemory(available: estimate.total)
        do {
            try runner.checkMemory(available: 1 << 20)
        } catch {
            #expect("\(error)".contains("needs about \(estimate)") && "\(error)".contains("the largest stage is sobol (16384 runs"), "\(error)")
        }
    }
}
