import Foundation
import Testing
import TestSupport
@testable import SweepAnalysis
import SweepNumerics
import SweepSampling

/// Every CI check below allows 2× SDSweep's own 95% half-width (≈ 3.9 bootstrap sd): with a
/// dozen indices per test, 1× would fail about once in two runs by chance alone, while 2× keeps
/// the per-index false-alarm rate near 1e-4. The bootstrap over Monte Carlo rows is, if anything,
/// conservative (docs/gsa-notes.md §3). Seeds are fixed, so each test is deterministic.
struct SobolAnalysisTests {
    static func ishigamiAnalytic() -> (s1: [Double], st: [Double]) {
        let a = 7.0, b = 0.1, pi4 = pow(Double.pi, 4), pi8 = pow(Double.pi, 8)
        let v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5
        let v1 = 0.5 * pow(1 + b * pi4 / 5, 2), v2 = a * a / 8, v13 = 8 * b * b * pi8 / 225
        return ([v1 / v, v2 / v, 0], [(v1 + v13) / v, v2 / v, v13 / v])
    }

    @Test func ishigamiAnalyticValuesMatchThePublishedOnes() {
        // Reference: docs/gsa-notes.md §3, S = (0.31391, 0.44241, 0), ST = (0.55759, 0.44241, 0.24368),
        // given to 5 decimals, hence 1e-5.
        let (s1, st) = Self.ishigamiAnalytic()
        for (x, e) in zip(s1 + st, [0.31391, 0.44241, 0, 0.55759, 0.44241, 0.24368]) { #expect(abs(x - e) < 1e-5) }
    }

    @Test func ishigamiIndicesLieWithinTheirBootstrapIntervals() throws {
        let (layout, x) = TestDesigns.saltelli(k: 3, n: 1 << 13, secondOrder: true, seed: 42)
        let y = TestDesigns.evaluate(x, TestDesigns.ishigami)
        let r = try SobolAnalysis(bootstrap: 100, seed: 7, secondOrder: true).analyze(layout: layout, outputs: y)
        let (s1, st) = Self.ishigamiAnalytic()
        for j in 0..<3 {
            // Reference: analytic Ishigami indices; tolerance 2× own CI (see the type's comment).
            #expect(abs(r.s1[j] - s1[j]) <= 2 * r.s1Conf[j], "S1[\(j)] = \(r.s1[j]) ± \(r.s1Conf[j]) vs \(s1[j])")
            #expect(abs(r.st[j] - st[j]) <= 2 * r.stConf[j], "ST[\(j)] = \(r.st[j]) ± \(r.stConf[j]) vs \(st[j])")
        }
        // Reference: V₁₃ = 8b²π⁸/225 is Ishigami's only interaction, so S2₁₃ = ST₁ − S1₁ and the
        // other pairs are 0; same 2×CI tolerance.
        let s2 = try #require(r.s2), s2c = try #require(r.s2Conf)
        #expect(abs(s2[0][2] - (st[0] - s1[0])) <= 2 * s2c[0][2])
        #expect(abs(s2[0][1]) <= 2 * s2c[0][1])
        #expect(abs(s2[1][2]) <= 2 * s2c[1][2])
        #expect(s2[1][0].isNaN && s2[0][0].isNaN)  // SALib leaves the diagonal and below NaN.
        #expect(r.resampledST.rows == 100 && r.resampledST.columns == 3)
    }

    @Test func sobolGIndicesLieWithinTheirBootstrapIntervals() throws {
        let a: [Double] = [0, 1, 4.5, 9, 99, 99, 99, 99]
        // Reference: docs/gsa-notes.md §3, V_i = 1/(3(1+a_i)²), V = ∏(1+V_i) − 1, S_i = V_i/V,
        // ST_i = V_i ∏_{j≠i}(1+V_j)/V.
        let vi = a.map { 1 / (3 * (1 + $0) * (1 + $0)) }
        let prod = vi.reduce(1) { $0 * (1 + $1) }
        let v = prod - 1
        let (layout, x) = TestDesigns.saltelli(k: 8, n: 1 << 13, secondOrder: false, seed: 43)
        let y = TestDesigns.evaluate(x, TestDesigns.sobolG(a))
        let r = try SobolAnalysis(bootstrap: 100, seed: 8).analyze(layout: layout, outputs: y)
        for j in 0..<8 {
            let s1 = vi[j] / v, st = vi[j] * prod / (1 + vi[j]) / v
            // Tolerance 2× own CI (see the type's comment).
            #expect(abs(r.s1[j] - s1) <= 2 * r.s1Conf[j], "S1[\(j)] = \(r.s1[j]) ± \(r.s1Conf[j]) vs \(s1)")
            #expect(abs(r.st[j] - st) <= 2 * r.stConf[j], "ST[\(j)] = \(r.st[j]) ± \(r.stConf[j]) vs \(st)")
        }
    }

    @Test func paperModelFinalCapabilityIsAdditiveSoS1EqualsSTEqualsShareOfSquares() throws {
        // Reference: paper-model.md, C(20) = 46·Σ c_j·0.0015 with c_j ~ U(0.5c_j, 1.5c_j), so
        // S1 = ST = c_j²/Σc² with Σc² = 1034 (0.38685 for the coefficients of 20).
        let c: [Double] = [10, 4, 20, 1, 20, 1, 10, 4]
        #expect(c.reduce(0) { $0 + $1 * $1 } == 1034)
        let (layout, u) = TestDesigns.saltelli(k: 8, n: 1 << 12, secondOrder: false, seed: 44)
        let y = TestDesigns.evaluate(u) { u in zip(u, c).reduce(0) { $0 + 46 * 0.0015 * $1.1 * (0.5 + $1.0) } }
        let r = try SobolAnalysis(bootstrap: 200, seed: 9).analyze(layout: layout, outputs: y)
        for j in 0..<8 {
            let share = c[j] * c[j] / 1034
            // Tolerance 2× own CI (see the type's comment).
            #expect(abs(r.s1[j] - share) <= 2 * r.s1Conf[j], "S1[\(j)] = \(r.s1[j]) ± \(r.s1Conf[j]) vs \(share)")
            #expect(abs(r.st[j] - share) <= 2 * r.stConf[j], "ST[\(j)] = \(r.st[j]) ± \(r.stConf[j]) vs \(share)")
        }
    }

    @Test func matchesSALibOnItsOwnDesignToRounding() throws {
        let y = try Fixture.matrix("sobol_ishigami_outputs.csv").column(0)
        let salib = try Fixture.json("sobol_ishigami_salib.json")
        let layout = SaltelliLayout(factors: 3, baseRows: 256, secondOrder: true)
        let r = try SobolAnalysis(seed: 1, secondOrder: true).analyze(layout: layout, outputs: y)
        // Reference: SALib 1.6.0 sobol.analyze on the same design (Fixtures/README.md).
        // Tolerance 1e-9 relative: same estimator and normalisation; only the summation order
        // differs (numpy's pairwise sums vs ours in row order), worth ~1e-15 here.
        for (ours, theirs) in zip(r.s1 + r.st, Fixture.doubles(salib["S1"]) + Fixture.doubles(salib["ST"])) {
            #expect(close(ours, theirs, rtol: 1e-9, nanMatches: true), "\(ours) vs SALib \(theirs)")
        }
        let s2 = try #require(r.s2)
        let theirs = (salib["S2"] as! [Any]).map(Fixture.doubles)
        for j in 0..<3 {
            for l in 0..<3 { #expect(close(s2[j][l], theirs[j][l], rtol: 1e-9, nanMatches: true), "S2[\(j)][\(l)] \(s2[j][l]) vs \(theirs[j][l])") }
        }
        // CIs are not compared: the bootstrap indices come from our generator, not numpy's.
        // They must still be of the same size: within a factor 2 of SALib's (100 resamples
        // estimate an sd to about ±15%, and two independent estimates rarely differ by 2×).
        for (ours, theirs) in zip(r.s1Conf + r.stConf, Fixture.doubles(salib["S1_conf"]) + Fixture.doubles(salib["ST_conf"])) {
            #expect(ours > theirs / 2 && ours < theirs * 2)
        }
    }

    @Test func sameSeedGivesTheSameBitsAndAnotherSeedOtherIntervals() throws {
        let (layout, x) = TestDesigns.saltelli(k: 4, n: 512, secondOrder: true, seed: 45)
        let y = TestDesigns.evaluate(x, TestDesigns.sobolG([0, 1, 9, 99]))
        let one = try SobolAnalysis(seed: 3, secondOrder: true).analyze(layout: layout, outputs: y)
        let again = try SobolAnalysis(seed: 3, secondOrder: true).analyze(layout: layout, outputs: y)
        let other = try SobolAnalysis(seed: 4, secondOrder: true).analyze(layout: layout, outputs: y)
        #expect(one.s1Conf == again.s1Conf && one.stConf == again.stConf && one.resampledST == again.resampledST)
        #expect(one.s1 == other.s1)              // point estimates do not depend on the seed
        #expect(one.s1Conf != other.s1Conf)      // the intervals do
    }

    @Test func constantOutputIsRefusedAsUndefined() {
        let layout = SaltelliLayout(factors: 2, baseRows: 64, secondOrder: false)
        #expect {
            _ = try SobolAnalysis().analyze(layout: layout, outputs: [Double](repeating: 4.83, count: layout.rows))
        } throws: { ($0 as? AnalysisError)?.isConstantOutput == true }
    }

    @Test func badOptionsAndShapesAreRefused() {
        let layout = SaltelliLayout(factors: 2, baseRows: 8, secondOrder: false)
        let y = (0..<layout.rows).map(Double.init)
        #expect(throws: AnalysisError.self) { try SobolAnalysis(bootstrap: 0).analyze(layout: layout, outputs: y) }
        #expect(throws: AnalysisError.self) { try SobolAnalysis(confidence: 1.5).analyze(layout: layout, outputs: y) }
        #expect(throws: AnalysisError.self) { try SobolAnalysis(secondOrder: true).analyze(layout: layout, outputs: y) }
        #expect(throws: AnalysisError.self) { try SobolAnalysis().analyze(layout: layout, outputs: Array(y.dropLast())) }
        #expect(throws: AnalysisError.self) { try SobolAnalysis().analyze(layout: layout, outputs: y, names: ["a"]) }
    }

    @Test func nonFiniteOutputsAreRefusedWithTheirCountOrTheirBlocksDropped() throws {
        let (layout, x) = TestDesigns.saltelli(k: 3, n: 256, secondOrder: false, seed: 46)
        var y = TestDesigns.evaluate(x, TestDesigns.ishigami)
        y[layout.rowAB(3, 1)] = .nan
        y[layout.rowB(3)] = .infinity
        y[layout.rowA(200)] = .nan
        do {
            _ = try SobolAnalysis().analyze(layout: layout, outputs: y)
            Issue.record("non-finite outputs were accepted")
        } catch let error as AnalysisError {
            #expect(error.isNonFiniteOutputs)
            #expect(error.message.hasPrefix("3 non-finite outputs"))
            #expect(error.message.contains("in 2 of 256 base blocks"))
            #expect(error.rows == [layout.rowAB(3, 1), layout.rowB(3), layout.rowA(200)])
        }
        let dropped = try SobolAnalysis(seed: 5, dropNonFinite: true).analyze(layout: layout, outputs: y)
        #expect(dropped.droppedBaseRows == [3, 200] && dropped.baseRows == 254)
        // Reference: the same analysis of the design without blocks 3 and 200, bit for bit.
        let keep = (0..<256).filter { $0 != 3 && $0 != 200 }
        let reducedY = keep.flatMap { y[($0 * layout.blockSize)..<(($0 + 1) * layout.blockSize)] }
        let reduced = try SobolAnalysis(seed: 5).analyze(
            layout: SaltelliLayout(factors: 3, baseRows: 254, secondOrder: false), outputs: reducedY)
        #expect(dropped.s1 == reduced.s1 && dropped.st == reduced.st)
        #expect(dropped.s1Conf == reduced.s1Conf && dropped.stConf == reduced.stConf)
    }

    @Test func jsonUsesSALibKeysAndNullForNaN() throws {
        let r = SobolIndices(
            names: ["a", "b"], s1: [0.5, .nan], s1Conf: [0.1, 0.1], st: [0.6, 0.2], stConf: [0.1, 0.1],
            s2: [[.nan, 0.01], [.nan, .nan]], s2Conf: [[.nan, 0.02], [.nan, .nan]])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(r), as: UTF8.self)
        #expect(text == #"{"S1":[0.5,null],"S1_conf":[0.1,0.1],"S2":[[null,0.01],[null,null]],"S2_conf":[[null,0.02],[null,null]],"ST":[0.6,0.2],"ST_conf":[0.1,0.1],"names":["a","b"]}"#)
        let back = try JSONDecoder().decode(SobolIndices.self, from: Data(text.utf8))
        #expect(back.s1[1].isNaN && back.st == r.st && back.s2?[0][1] == 0.01)
    }
}
