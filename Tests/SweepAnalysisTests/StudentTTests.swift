import Foundation
import Testing
import SweepNumerics

struct StudentTTests {
    @Test func cdfAndPValuesMatchScipy() throws {
        let ref = try Fixture.json("studentt_scipy.json")
        for case let c as [String: Double] in ref["t"] as! [Any] {
            let t = c["t"]!, df = c["df"]!
            // Reference: scipy.stats.t (Boost's incomplete beta). Tolerance 1e-12 relative, with
            // an absolute floor of 1e-300 for underflowed tails: the continued fraction stops at
            // 1e-16 per step and lgamma's relative error is ~1e-15, amplified by ln-prefactors of
            // a few hundred at df = 1000.
            #expect(abs(StudentT.cdf(t, degreesOfFreedom: df) - c["cdf"]!) <= 1e-12 * abs(c["cdf"]!) + 1e-300, "cdf(\(t), \(df))")
            #expect(abs(StudentT.twoSidedPValue(t, degreesOfFreedom: df) - c["p2"]!) <= 1e-12 * abs(c["p2"]!) + 1e-300, "p(\(t), \(df))")
        }
        for case let c as [String: Double] in ref["betainc"] as! [Any] {
            let value = StudentT.regularizedIncompleteBeta(c["x"]!, a: c["a"]!, b: c["b"]!)
            // Reference: scipy.special.betainc; same tolerance and reason.
            #expect(abs(value - c["I"]!) <= 1e-12 * abs(c["I"]!), "I_\(c["x"]!)(\(c["a"]!), \(c["b"]!)) = \(value) vs \(c["I"]!)")
        }
    }

    @Test func closedFormsAndEdges() {
        // Reference: t(1) is Cauchy, F(t) = ½ + atan(t)/π; t(2) has F(t) = ½ + t/(2√(2+t²)).
        // Tolerance 1e-14 absolute: a few ulps of values in [0, 1].
        for t in [-7.0, -1, 0.2, 3] {
            #expect(abs(StudentT.cdf(t, degreesOfFreedom: 1) - (0.5 + atan(t) / .pi)) < 1e-14)
            #expect(abs(StudentT.cdf(t, degreesOfFreedom: 2) - (0.5 + t / (2 * (2 + t * t).squareRoot()))) < 1e-14)
        }
        #expect(StudentT.twoSidedPValue(0, degreesOfFreedom: 5) == 1)
        #expect(StudentT.twoSidedPValue(.infinity, degreesOfFreedom: 5) == 0)
        #expect(StudentT.cdf(1, degreesOfFreedom: 0).isNaN)
    }
}
