import Foundation
import SweepNumerics
import Testing
@testable import SweepSampling

@Suite struct MorrisDesignTests {
    @Test(arguments: [2, 4, 6, 8])
    func eachStepMovesOneFactorByDelta(levels: Int) throws {
        // Property (Morris 1991): consecutive points of a trajectory differ in exactly one
        // factor, by ±Δ, Δ = p/(2(p−1)). Tolerance 1e-15: values are l/(p−1), and the
        // difference of two such quotients can differ from Δ by one rounding.
        let k = 5, r = 30
        let design = try Morris(levels: levels).sample(.unitCube(k), trajectories: r, seed: 4)
        let delta = design.layout.delta
        #expect(design.samples.rows == r * (k + 1))
        for t in 0..<r {
            var movedSet = Set<Int>()
            for s in 0..<k {
                let a = design.unit.row(t * (k + 1) + s), b = design.unit.row(t * (k + 1) + s + 1)
                let changed = (0..<k).filter { a[$0] != b[$0] }
                #expect(changed.count == 1)
                if let j = changed.first {
                    #expect(abs(abs(b[j] - a[j]) - delta) < 1e-15)
                    #expect(j == design.factorMoved(trajectory: t, step: s))
                    movedSet.insert(j)
                }
            }
            #expect(movedSet.count == k)  // every factor moves once per trajectory
        }
        // Every value is a grid level l/(p−1) in [0, 1].
        let grid = Set((0..<levels).map { Double($0) / Double(levels - 1) })
        #expect(design.unit.storage.allSatisfy { grid.contains($0) })
    }

    @Test func groupsMoveTogether() throws {
        let space = try ParameterSpace([
            Parameter(name: "a", distribution: .uniform(lower: 0, upper: 1), group: "g"),
            Parameter(name: "b", distribution: .uniform(lower: 0, upper: 1)),
            Parameter(name: "c", distribution: .uniform(lower: 0, upper: 1), group: "g"),
        ])
        let design = try Morris(levels: 4).sample(space, trajectories: 20, seed: 1)
        #expect(design.layout == MorrisLayout(factors: 2, trajectories: 20, levels: 4))
        #expect(design.samples.rows == 20 * 3)
        for t in 0..<20 {
            for s in 0..<2 {
                let a = design.unit.row(t * 3 + s), b = design.unit.row(t * 3 + s + 1)
                let changed = (0..<3).filter { a[$0] != b[$0] }
                #expect(changed == (design.factorMoved(trajectory: t, step: s) == 0 ? [0, 2] : [1]))
            }
        }
    }

    /// Campolongo's spread: √(Σ_{pairs} d²), d the summed point-to-point distances.
    static func spread(_ design: Matrix, trajectories: [Int], points: Int) -> Double {
        func d(_ a: Int, _ b: Int) -> Double {
            var total = 0.0
            for i in 0..<points {
                for j in 0..<points {
                    let x = design.row(a * points + i), y = design.row(b * points + j)
                    total += zip(x, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
                }
            }
            return total
        }
        var s = 0.0
        for i in trajectories.indices { for j in (i + 1)..<trajectories.count { s += pow(d(trajectories[i], trajectories[j]), 2) } }
        return s.squareRoot()
    }

    @Test func campolongoSelectionNearsTheBruteForceOptimum() throws {
        // Reference: brute force over all C(12, 4) = 495 subsets of 12 candidates. The greedy +
        // exchange search is a local method, so it must reach at least 99% of the optimum
        // (tolerance justified as the guarantee we document: a good local optimum) and beat
        // the first four candidates taken as they come.
        let k = 4, m = 12, r = 4
        let morris = Morris(levels: 4, candidates: m)
        let candidates = morris.generate(space: .unitCube(k), count: m, seed: 21)
        var best = 0.0
        for a in 0..<m { for b in (a + 1)..<m { for c in (b + 1)..<m { for d in (c + 1)..<m {
            best = max(best, Self.spread(candidates.unit, trajectories: [a, b, c, d], points: k + 1))
        } } } }
        let design = try morris.sample(.unitCube(k), trajectories: r, seed: 21)
        let chosen = Self.spread(candidates.unit, trajectories: design.candidateIndex, points: k + 1)
        #expect(chosen >= 0.99 * best, "chosen \(chosen), optimum \(best)")
        #expect(chosen >= Self.spread(candidates.unit, trajectories: [0, 1, 2, 3], points: k + 1))
        // The design holds exactly the chosen candidates' rows.
        for (slot, t) in design.candidateIndex.enumerated() {
            #expect(design.unit.rows((slot * (k + 1))..<((slot + 1) * (k + 1))) == candidates.unit.rows((t * (k + 1))..<((t + 1) * (k + 1))))
        }
    }

    @Test func badOptionsAreRejected() {
        #expect(throws: SamplingError.self) { try Morris(levels: 1).sample(.unitCube(2), trajectories: 4) }
        #expect(throws: SamplingError.self) { try Morris(levels: 4).sample(.unitCube(2), trajectories: 0) }
        #expect(throws: SamplingError.self) { try Morris(levels: 4, candidates: 3).sample(.unitCube(2), trajectories: 4) }
    }

    @Test func warnsAboutOddLevelsAndUnboundedDistributions() throws {
        let space = try ParameterSpace([Parameter(name: "n", distribution: .normal(mean: 0, sd: 1))])
        let design = try Morris(levels: 3).sample(space, trajectories: 2, seed: 1)
        #expect(design.warnings.count == 2)
        #expect(design.samples.storage.allSatisfy { $0.isFinite })
    }

    @Test func sameSeedSameBits() throws {
        let a = try Morris(levels: 4, candidates: 20).sample(.unitCube(3), trajectories: 5, seed: 6)
        let b = try Morris(levels: 4, candidates: 20).sample(.unitCube(3), trajectories: 5, seed: 6)
        let c = try Morris(levels: 4, candidates: 20).sample(.unitCube(3), trajectories: 5, seed: 7)
        #expect(Fixture.bitwiseEqual(a.samples, b.samples))
        #expect(!Fixture.bitwiseEqual(a.samples, c.samples))
    }
}
