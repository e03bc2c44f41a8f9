import Foundation
import Testing
import TestSupport
import SweepAnalysis
import SweepNumerics

struct PRCCAnalysisTests {
    static func uniform(n: Int, k: Int, seed: UInt64) -> Matrix {
        var rng = SeededGenerator(seed: seed)
        var x = Matrix(rows: n, columns: k)
        for i in 0..<n { for j in 0..<k { x[i, j] = rng.nextUnit() } }
        return x
    }

    @Test func matchesScipyOnTheFixture() throws {
        let x = try Fixture.matrix("prcc_samples.csv")
        let y = try Fixture.matrix("prcc_outputs.csv").column(0)
        let ref = try Fixture.json("prcc_scipy.json")
        let p = try PRCCAnalysis().analyze(inputs: x, outputs: y)
        // Reference: numpy lstsq residuals + scipy pearsonr and t.sf (Fixtures/README.md).
        // PRCC to 1e-9 relative (two QR least-squares paths agree to ~1e-14 on 60×4); p-values
        // to 1e-9 relative (our incomplete beta is good to ~1e-14, see StudentTTests).
        for (o, t) in zip(p.prcc, Fixture.doubles(ref["PRCC"])) { #expect(close(o, t, rtol: 1e-9, nanMatches: true), "PRCC \(o) vs \(t)") }
        for (o, t) in zip(p.pValue, Fixture.doubles(ref["p_value"])) { #expect(close(o, t, rtol: 1e-9, nanMatches: true), "p \(o) vs \(t)") }
        #expect(p.degreesOfFreedom == 55)
    }

    @Test func monotoneModelGivesExpectedSignsAndOrder() throws {
        let x = Self.uniform(n: 300, k: 4, seed: 70)
        var rng = SeededGenerator(seed: 71)
        let y = (0..<300).map { i in exp(3 * x[i, 0]) - 2 * x[i, 1] + 0.5 * x[i, 2] + 0.1 * (rng.nextUnit() - 0.5) }
        let p = try PRCCAnalysis().analyze(inputs: x, outputs: y)
        // Reference: the model's monotone directions (+, −, +, none) and strengths
        // (x1 ≫ x2 > x3 > x4 = 0): signs, order, and significance at 1e-4 except for x4 (x3's
        // PRCC is only ≈ 0.27 because exp(3x₁) makes the rank transform non-linear; at n = 300
        // that is p ≈ 2e-6, while a null factor falls below 1e-4 once in 10⁴ designs).
        #expect(p.prcc[0] > 0 && p.prcc[1] < 0 && p.prcc[2] > 0)
        #expect(abs(p.prcc[0]) > abs(p.prcc[1]) && abs(p.prcc[1]) > abs(p.prcc[2]) && abs(p.prcc[2]) > abs(p.prcc[3]))
        #expect(p.pValue[0...2].allSatisfy { $0 < 1e-4 } && p.pValue[3] > 0.001, "\(p.prcc) \(p.pValue)")
    }

    @Test func srcOfALinearModelHasR2OneAndRecoversTheCoefficients() throws {
        let x = Self.uniform(n: 200, k: 3, seed: 72)
        let b: [Double] = [2, -1, 0.5]
        let y = (0..<200).map { i in 7 + (0..<3).reduce(0) { $0 + b[$1] * x[i, $1] } }
        let s = try SRCAnalysis().analyze(inputs: x, outputs: y)
        // Reference: exact linear model, so R² = 1 up to rounding of a 200×4 QR (1e-12).
        #expect(abs(s.r2 - 1) < 1e-12)
        let sdY = Statistics.standardDeviation(y, ddof: 1)
        for j in 0..<3 {
            // Reference: SRC_j = b_j·sd(x_j)/sd(y) with the true b_j; same rounding bound.
            let expected = b[j] * Statistics.standardDeviation(x.column(j), ddof: 1) / sdY
            #expect(abs(s.src[j] - expected) < 1e-12)
        }
        let rank = try SRCAnalysis(ranks: true).analyze(inputs: x, outputs: y)
        #expect(rank.r2 > 0.9 && rank.r2 < 1)   // SRRC: monotone but not linear in ranks
    }

    @Test func singularDesignsAreRefusedClearly() {
        let x = Self.uniform(n: 50, k: 3, seed: 73)
        let y = (0..<50).map { x[$0, 0] + x[$0, 1] }
        var collinear = x
        for i in 0..<50 { collinear[i, 2] = 2 * x[i, 0] - x[i, 1] }
        var constant = x
        for i in 0..<50 { constant[i, 1] = 3 }
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return (error as? AnalysisError)?.message ?? "not an AnalysisError" }
        }
        #expect(message { _ = try PRCCAnalysis().analyze(inputs: x.rows(0..<4), outputs: Array(y[0..<4])) }.contains("at least k + 2 = 5 runs"))
        #expect(message { _ = try PRCCAnalysis(ranks: false).analyze(inputs: collinear, outputs: y) }.contains("linear combination"))
        #expect(message { _ = try SRCAnalysis().analyze(inputs: collinear, outputs: y) }.contains("linear combination"))
        #expect(message { _ = try PRCCAnalysis().analyze(inputs: constant, outputs: y) }.contains("'x2' is constant"))
        #expect(message { _ = try SRCAnalysis().analyze(inputs: x, outputs: [Double](repeating: 1, count: 50)) }.contains("output is constant"))
        var nan = y
        nan[9] = .nan
        #expect(message { _ = try PRCCAnalysis().analyze(inputs: x, outputs: nan) }.contains("1 of 50 rows"))
    }

    @Test func droppingNonFiniteRowsEqualsAnalysingTheRest() throws {
        let x = Self.uniform(n: 40, k: 2, seed: 74)
        var y = (0..<40).map { x[$0, 0] - x[$0, 1] * x[$0, 1] }
        y[3] = .infinity
        let dropped = try PRCCAnalysis(dropNonFinite: true).analyze(inputs: x, outputs: y)
        let keep = (0..<40).filter { $0 != 3 }
        var xr = Matrix(rows: 39, columns: 2)
        for (i, r) in keep.enumerated() { xr[i, 0] = x[r, 0]; xr[i, 1] = x[r, 1] }
        let reduced = try PRCCAnalysis().analyze(inputs: xr, outputs: keep.map { y[$0] })
        // Reference: the same rows analysed directly, exact.
        #expect(dropped.prcc == reduced.prcc && dropped.droppedRows == [3])
    }
}
