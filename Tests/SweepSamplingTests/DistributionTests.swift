import Foundation
import SweepNumerics
import Testing
@testable import SweepSampling

@Suite struct DistributionTests {
    /// Kolmogorov–Smirnov statistic D_n = sup |F_n − F| of a sample against a continuous CDF.
    static func ksStatistic(_ sample: [Double], _ cdf: (Double) -> Double) -> Double {
        let x = sample.sorted()
        let n = Double(x.count)
        var d = 0.0
        for (i, v) in x.enumerated() {
            let f = cdf(v)
            d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        return d
    }

    static let continuous: [Distribution] = [
        .uniform(lower: -2, upper: 5),
        .triangular(lower: 3, mode: 4.6, upper: 6),
        .triangular(lower: 0, mode: 0, upper: 1),       // mode at a bound
        .normal(mean: 1, sd: 0.1),
        .truncatedNormal(mean: 1, sd: 0.5, lower: 0, upper: 2),
        .truncatedNormal(mean: 0, sd: 1, lower: 5, upper: 6),   // far upper tail: reflected formula
        .truncatedNormal(mean: 0, sd: 1, lower: -7, upper: -6), // far lower tail
        .lognormal(mu: 0, sigma: 0.25),
    ]

    @Test(arguments: continuous)
    func inverseCDFSamplesFollowTheCDF(distribution: Distribution) throws {
        // Reference: the distribution's own closed-form CDF. Bound: the one-sample KS critical
        // value 1.63/√n at α = 0.01 (asymptotic Kolmogorov distribution, n = 20 000 i.i.d.
        // uniforms from a fixed seed, so the check is deterministic).
        let n = 20_000
        let space = try ParameterSpace([Parameter(name: "x", distribution: distribution)])
        let sample = try RandomSampling().sample(space, n: n, seed: 2024).samples.column(0)
        let d = Self.ksStatistic(sample, distribution.cdf)
        #expect(d < 1.63 / Double(n).squareRoot(), "D_n = \(d)")
    }

    @Test(arguments: continuous)
    func quantileInvertsTheCDF(distribution: Distribution) {
        // Reference: F(F⁻¹(u)) = u. Tolerance 1e-9 absolute: Φ and Φ⁻¹ are accurate to ~1e-16
        // relative, but F⁻¹ loses digits where the density is small relative to the scale
        // (the truncated tails divide by masses of ~1e-7, amplifying rounding by ~1e7).
        for u in stride(from: 0.01, through: 0.99, by: 0.049) {
            #expect(abs(distribution.cdf(distribution.quantile(u)) - u) < 1e-9, "u = \(u)")
        }
    }

    @Test func unboundedDistributionsClampTheEnds() {
        // Φ⁻¹(2^-53) = −8.2095…; the clamp keeps point 0 of an unscrambled Sobol' design finite.
        let normal = Distribution.normal(mean: 0, sd: 1)
        #expect(normal.quantile(0).isFinite && normal.quantile(1).isFinite)
        #expect(abs(normal.quantile(0) + 8.2095) < 1e-3)  // 4 digits of Φ⁻¹(2⁻⁵³) suffice here
        #expect(Distribution.lognormal(mu: 0, sigma: 1).quantile(0) > 0)
        // Bounded ones are not clamped: u = 0 and 1 are the bounds, exactly.
        #expect(Distribution.uniform(lower: 2, upper: 3).quantile(0) == 2)
        #expect(Distribution.truncatedNormal(mean: 0, sd: 1, lower: -1, upper: 1).quantile(0) == -1)
        #expect(Distribution.truncatedNormal(mean: 0, sd: 1, lower: -1, upper: 1).quantile(1) == 1)
    }

    @Test func discreteFrequenciesMatchTheWeights() throws {
        // Reference: P(value i) = w_i / Σw. Bound: 4 binomial standard deviations,
        // 4·√(p(1−p)/n), a chance of about 6e-5 per value for i.i.d. draws (fixed seed).
        let d = Distribution.discrete(values: [1, 2, 5], weights: [1, 1, 2])
        let n = 40_000
        let space = try ParameterSpace([Parameter(name: "d", distribution: d)])
        let sample = try RandomSampling().sample(space, n: n, seed: 5).samples.column(0)
        for (value, p) in [(1.0, 0.25), (2.0, 0.25), (5.0, 0.5)] {
            let freq = Double(sample.filter { $0 == value }.count) / Double(n)
            #expect(abs(freq - p) < 4 * (p * (1 - p) / Double(n)).squareRoot(), "value \(value): \(freq)")
        }
        // A Latin hypercube stratifies the values exactly: N·w_i/Σw of each when that is whole.
        let lhs = try LatinHypercube().sample(space, n: 400, seed: 1).samples.column(0)
        #expect(lhs.filter { $0 == 5 }.count == 200)
    }

    @Test func columnMappingEqualsScalarQuantile() {
        // The vectorised column loop and the scalar `quantile` are the same arithmetic, so
        // they must agree exactly (tolerance none).
        let us = (0..<1000).map { Double($0) / 1000 }
        for d in Self.continuous + [.discrete(values: [0, 1, 3, 4], weights: [0.1, 0.2, 0.3, 0.4])] {
            var out = [Double](repeating: 0, count: us.count)
            us.withUnsafeBufferPointer { u in out.withUnsafeMutableBufferPointer { d.quantiles(u, into: $0) } }
            #expect(out == us.map(d.quantile), "\(d)")
        }
    }

    @Test func problemsAreReported() {
        #expect(Distribution.uniform(lower: 1, upper: 1).problem != nil)
        #expect(Distribution.normal(mean: 0, sd: -1).problem?.contains("sd") == true)
        #expect(Distribution.triangular(lower: 0, mode: 2, upper: 1).problem?.contains("mode") == true)
        #expect(Distribution.lognormal(mu: 0, sigma: 0).problem != nil)
        #expect(Distribution.discrete(values: [1, 2], weights: [1]).problem != nil)
        #expect(Distribution.truncatedNormal(mean: 0, sd: 1, lower: 40, upper: 50).problem != nil)
        #expect(Distribution.normal(mean: .nan, sd: 1).problem != nil)
    }
}
