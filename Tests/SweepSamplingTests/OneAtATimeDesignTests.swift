import Foundation
import SweepNumerics
import Testing
@testable import SweepSampling

@Suite struct OneAtATimeDesignTests {
    static let space = try! ParameterSpace.parse(salibText: "a 0 4 1\nb 10 30\nc -2 0 -1\n", file: "p.txt")

    @Test func baselineThenEachParameterUpAndDown() throws {
        // Reference: nominal·(1 ± 0.5) (the paper's ±50% test), computed with the same
        // expression, so tolerance none. Nominals: a = 1 (given), b = 20 (midpoint), c = −1.
        let design = try OneAtATime(change: 0.5, directions: .both).sample(Self.space)
        #expect(design.samples.rows == 1 + 2 * 3)
        #expect(design.samples.row(0) == [1, 20, -1])
        #expect(design.runs[0].isBaseline)
        #expect(design.row(parameter: 1, direction: .up) == 3)
        #expect(design.row(parameter: 1, direction: .down) == 4)
        #expect(design.samples.row(3) == [1, 20 * 1.5, -1])
        #expect(design.samples.row(4) == [1, 20 * 0.5, -1])
        #expect(design.samples.row(5) == [1, 20, -1 * 1.5])  // c up: −1·1.5
    }

    @Test func upOnlyIsThePapersTest() throws {
        let design = try OneAtATime(change: 0.5, directions: .up).sample(Self.space)
        #expect(design.samples.rows == 4)
        #expect(design.row(parameter: 2, direction: .up) == 3)
        #expect(design.row(parameter: 2, direction: .down) == nil)
    }

    @Test func needsNominalValues() throws {
        let study = try ParameterSpace.parse(yaml: "parameters:\n  - {name: X, lower: 0, upper: 1}\n", file: "s.yaml")
        do {
            _ = try OneAtATime().sample(study)
            Issue.record("expected an error")
        } catch let e as SamplingError {
            #expect(e.kind == .missingValue)
            #expect(e.description.hasPrefix("s.yaml:2:12: error: parameter 'X'"))
        }
        #expect(try OneAtATime().sample(study.resolve { _ in 2 }).samples.row(1) == [3])
        #expect(throws: SamplingError.self) { try OneAtATime(change: 0).sample(Self.space) }
    }
}

@Suite struct GridDesignTests {
    @Test func lexicographicWithBoundsIncluded() throws {
        let space = try ParameterSpace([
            Parameter(name: "a", distribution: .uniform(lower: 0, upper: 2)),
            Parameter(name: "b", distribution: .discrete(values: [1, 2, 5], weights: [1, 1, 1])),
        ])
        let design = try Grid(levels: 3).sample(space)
        // Reference: itertools.product([0, 1, 2], [1, 2, 5]); tolerance none (u = l/2 is
        // exact and u·2 + 0 is exact).
        let expected: [[Double]] = [[0, 1], [0, 2], [0, 5], [1, 1], [1, 2], [1, 5], [2, 1], [2, 2], [2, 5]]
        #expect((0..<9).map { design.samples.row($0) } == expected)
    }

    @Test func unboundedDistributionsUseStratumMidpoints() throws {
        let space = try ParameterSpace([Parameter(name: "n", distribution: .normal(mean: 0, sd: 1))])
        let design = try Grid(levels: 4).sample(space)
        #expect(design.unit.column(0) == [0.125, 0.375, 0.625, 0.875])
        #expect(design.samples.storage.allSatisfy { $0.isFinite })
        // A single level is the median: u = ½ ⇒ Φ⁻¹(½) = 0 exactly (Wichura's central branch).
        #expect(try Grid(levels: 1).sample(space).samples.storage == [0])
    }

    @Test func refusesHugeGrids() {
        #expect(throws: SamplingError.self) { try Grid(levels: 10).sample(.unitCube(8)) }
        #expect(throws: SamplingError.self) { try Grid(levels: 0).sample(.unitCube(2)) }
    }
}
