import Foundation
import Testing
import TestSupport
import SweepAnalysis
import SweepNumerics
import SweepSampling

struct MorrisAnalysisTests {
    @Test func matchesSALibOnItsOwnTrajectories() throws {
        let x = try Fixture.matrix("morris_ishigami_samples.csv")
        let y = try Fixture.matrix("morris_ishigami_outputs.csv").column(0)
        let salib = try Fixture.json("morris_ishigami_salib.json")
        let m = try MorrisAnalysis(seed: 12).analyze(
            layout: MorrisLayout(factors: 3, trajectories: 40, levels: 4), design: x, outputs: y)
        // Reference: SALib 1.6.0 morris.analyze on the same design (Fixtures/README.md).
        // Tolerance 1e-9 relative: same EEs (y_high − y_low)/Δ; only summation order differs.
        for (ours, key) in [(m.mu, "mu"), (m.muStar, "mu_star"), (m.sigma, "sigma")] {
            for (o, t) in zip(ours, Fixture.doubles(salib[key])) { #expect(close(o, t, rtol: 1e-9, nanMatches: true), "\(key): \(o) vs \(t)") }
        }
    }

    @Test func matchesSALibWithGroups() throws {
        let x = try Fixture.matrix("morris_groups_samples.csv")
        let y = try Fixture.matrix("morris_groups_outputs.csv").column(0)
        let salib = try Fixture.json("morris_groups_salib.json")
        let m = try MorrisAnalysis(seed: 22).analyze(
            layout: MorrisLayout(factors: 3, trajectories: 30, levels: 4), design: x, outputs: y,
            names: ["g1", "g2", "g3"], groups: [0, 0, 1, 2, 2, 2])
        // Reference and tolerance as above; σ is NaN for multi-member groups in both.
        for (ours, key) in [(m.mu, "mu"), (m.muStar, "mu_star"), (m.sigma, "sigma")] {
            for (o, t) in zip(ours, Fixture.doubles(salib[key])) { #expect(close(o, t, rtol: 1e-9, nanMatches: true), "\(key): \(o) vs \(t)") }
        }
        #expect(m.sigma[0].isNaN && !m.sigma[1].isNaN && m.sigma[2].isNaN)
    }

    @Test func sobolGMuStarFollowsTheAValuesAndItsExpectation() throws {
        let a: [Double] = [0, 1, 4.5, 9, 99, 99, 99, 99]
        let (layout, x) = TestDesigns.morris(k: 8, trajectories: 500, seed: 60)
        let y = TestDesigns.evaluate(x, TestDesigns.sobolG(a))
        let m = try MorrisAnalysis(bootstrap: 200, seed: 61).analyze(layout: layout, design: x, outputs: y)
        // Reference: importance falls with a_i, so μ* is strictly decreasing over x1…x4 and the
        // four a = 99 factors trail x4.
        #expect(m.muStar[0] > m.muStar[1] && m.muStar[1] > m.muStar[2] && m.muStar[2] > m.muStar[3])
        #expect(m.muStar[4...].allSatisfy { $0 < m.muStar[3] })
        for i in 0..<8 {
            // Reference: docs/gsa-notes.md §4, E|EE_i| = 2/(1+a_i)·∏_{j≠i}(4/3+a_j)/(1+a_j) for p = 4 on
            // random trajectories. Tolerance 2× own bootstrap half-width (≈ 3.9 sd; 8 checks).
            let expected = 2 / (1 + a[i]) * a.indices.filter { $0 != i }.reduce(1) { $0 * (4.0 / 3 + a[$1]) / (1 + a[$1]) }
            #expect(abs(m.muStar[i] - expected) <= 2 * m.muStarConf[i], "μ*[\(i)] = \(m.muStar[i]) ± \(m.muStarConf[i]) vs \(expected)")
        }
    }

    @Test func nonFiniteOutputsAreRefusedOrTheirTrajectoriesDropped() throws {
        let (layout, x) = TestDesigns.morris(k: 3, trajectories: 20, seed: 62)
        var y = TestDesigns.evaluate(x, TestDesigns.ishigami)
        y[4 * 5 + 2] = .nan   // trajectory 5
        #expect { try MorrisAnalysis().analyze(layout: layout, design: x, outputs: y) } throws: {
            ($0 as? AnalysisError)?.message.hasPrefix("1 non-finite outputs (NaN or ±inf) in 1 of 20 trajectories") == true
        }
        let dropped = try MorrisAnalysis(seed: 3, dropNonFinite: true).analyze(layout: layout, design: x, outputs: y)
        #expect(dropped.droppedTrajectories == [5])
        // Reference: the design without trajectory 5, exact.
        let keep = (0..<20).filter { $0 != 5 }.flatMap { t in (t * 4)..<(t * 4 + 4) }
        var xr = Matrix(rows: keep.count, columns: 3)
        for (i, r) in keep.enumerated() { for c in 0..<3 { xr[i, c] = x[r, c] } }
        let reduced = try MorrisAnalysis(seed: 3).analyze(
            layout: MorrisLayout(factors: 3, trajectories: 19, levels: 4), design: xr, outputs: keep.map { y[$0] })
        #expect(dropped.mu == reduced.mu && dropped.muStar == reduced.muStar && dropped.sigma == reduced.sigma)
        #expect(dropped.muStarConf == reduced.muStarConf)
    }

    @Test func aDesignThatIsNotMorrisIsRefused() throws {
        let (layout, x) = TestDesigns.saltelli(k: 2, n: 6, secondOrder: false, seed: 63)  // 24 rows = 8 × 3
        #expect(throws: AnalysisError.self) {
            try MorrisAnalysis().analyze(
                layout: MorrisLayout(factors: 2, trajectories: 8, levels: 4), design: x,
                outputs: [Double](repeating: 1, count: layout.rows))
        }
    }
}
