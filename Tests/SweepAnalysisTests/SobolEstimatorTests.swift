import Foundation
import Testing
import SweepAnalysis
import SweepNumerics
import SweepSampling

/// The three Sobol' estimators: each formula as written in its paper, computed here directly on
/// the design's columns, and each converging to Ishigami's analytic indices.
struct SobolEstimatorTests {
    static let s1 = [0.3139, 0.4424, 0.0], st = [0.5576, 0.4424, 0.2437]

    func ishigami(n: Int) throws -> (layout: SaltelliLayout, y: [Double]) {
        let space = try ParameterSpace((1...3).map { Parameter(name: "x\($0)", distribution: .uniform(lower: 0, upper: 1)) })
        let design = try Saltelli().sample(space, n: n, seed: 11)
        return (design.layout, TestDesigns.evaluate(design.samples, TestDesigns.ishigami))
    }

    @Test(arguments: SobolEstimator.allCases)
    func convergesToIshigami(estimator: SobolEstimator) throws {
        // Reference: Ishigami's analytic S1 and ST (a = 7, b = 0.1). Tolerances from the error
        // a scrambled Sobol' design gives: ~1/N^0.8 here, so 0.06 at N = 512 and 0.015 at
        // N = 16 384 hold with a wide margin for all three estimators.
        for (n, tolerance) in [(512, 0.06), (16_384, 0.015)] {
            let (layout, y) = try ishigami(n: n)
            let r = try SobolAnalysis(bootstrap: 10, estimator: estimator).analyze(layout: layout, outputs: y)
            for j in 0..<3 {
                #expect(abs(r.s1[j] - Self.s1[j]) < tolerance, "\(estimator) N = \(n): S1 x\(j + 1) = \(r.s1[j])")
                #expect(abs(r.st[j] - Self.st[j]) < tolerance, "\(estimator) N = \(n): ST x\(j + 1) = \(r.st[j])")
            }
        }
    }

    @Test func formulasAreThePapers() throws {
        // The estimators recomputed from their papers' formulas on the raw columns (the kernel
        // centres and scales first; every formula is invariant to that). Tolerance 1e-10:
        // the same sums in another order, on standardised against raw values.
        let (layout, y) = try ishigami(n: 256)
        let n = layout.baseRows
        let a = (0..<n).map { y[layout.rowA($0)] }, b = (0..<n).map { y[layout.rowB($0)] }
        let v = Statistics.variance(a + b)
        func mean(_ x: [Double]) -> Double { Statistics.mean(x) }
        for j in 0..<3 {
            let ab = (0..<n).map { y[layout.rowAB($0, j)] }
            let jansen = try SobolAnalysis(bootstrap: 2, estimator: .jansen).analyze(layout: layout, outputs: y)
            let jansenS1 = 1 - 0.5 * mean(zip(b, ab).map { ($0 - $1) * ($0 - $1) }) / v
            let jansenST = 0.5 * mean(zip(a, ab).map { ($0 - $1) * ($0 - $1) }) / v
            #expect(abs(jansen.s1[j] - jansenS1) < 1e-10 && abs(jansen.st[j] - jansenST) < 1e-10, "Jansen x\(j + 1)")
            let janon = try SobolAnalysis(bootstrap: 2, estimator: .janon).analyze(layout: layout, outputs: y)
            func ratio(_ p: [Double], _ q: [Double]) -> Double {
                let m = mean(zip(p, q).map { ($0 + $1) / 2 })
                return (mean(zip(p, q).map { $0 * $1 }) - m * m) / (mean(zip(p, q).map { ($0 * $0 + $1 * $1) / 2 }) - m * m)
            }
            #expect(abs(janon.s1[j] - ratio(b, ab)) < 1e-10 && abs(janon.st[j] - (1 - ratio(a, ab))) < 1e-10, "Janon x\(j + 1)")
        }
    }
}
