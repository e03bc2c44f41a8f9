import Foundation

/// Student's t distribution: CDF and two-sided p-values, through the regularized incomplete
/// beta function.
///
/// ```swift
/// let p = StudentT.twoSidedPValue(2.1, degreesOfFreedom: 30)   // ≈ 0.0442
/// ```
public enum StudentT {
    /// P(T ≤ t) for T ~ t(ν).
    ///
    /// Uses P(|T| > |t|) = I_x(ν/2, ½) with x = ν/(ν + t²) (Abramowitz & Stegun 26.7.1 and
    /// 26.5.27), so the upper tail keeps its relative accuracy far out.
    /// - Returns: NaN when ν ≤ 0 or t is NaN.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0, !t.isNaN else { return .nan }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let tail = 0.5 * twoSidedTail(t, nu)
        return t > 0 ? 1 - tail : tail
    }

    /// P(|T| ≥ |t|) for T ~ t(ν): the two-sided p-value of a t statistic.
    /// - Returns: NaN when ν ≤ 0 or t is NaN; 0 for infinite t.
    public static func twoSidedPValue(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0, !t.isNaN else { return .nan }
        if t.isInfinite { return 0 }
        return twoSidedTail(t, nu)
    }

    private static func twoSidedTail(_ t: Double, _ nu: Double) -> Double {
        // For small t, x = ν/(ν+t²) rounds towards 1 and I_x loses digits; the complement
        // 1 − I_{t²/(ν+t²)}(½, ν/2) keeps them, but only while the p-value is ≥ ½, or the
        // subtraction cancels. |t| < 0.6745 (the normal quartile) guarantees that for every ν:
        // t tails are heavier than the normal's.
        let t2 = t * t
        let x = nu / (nu + t2)
        if abs(t) < 0.6744897501960817 {
            return 1 - regularizedIncompleteBeta(t2 / (nu + t2), a: 0.5, b: 0.5 * nu)
        }
        return regularizedIncompleteBeta(x, a: 0.5 * nu, b: 0.5)
    }

    /// The regularized incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b).
    ///
    /// Evaluates the continued fraction of Abramowitz & Stegun 26.5.8 by the modified Lentz
    /// method (Press et al., *Numerical Recipes*, 3rd ed., §6.4, `betacf`), on the side of the
    /// symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where it converges fast (x < (a+1)/(a+b+2)).
    /// Relative accuracy about 1e-14 for a, b up to a few thousand.
    /// - Returns: NaN for x outside [0, 1] or non-positive a, b.
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0, x >= 0, x <= 1 else { return .nan }
        if x == 0 { return 0 }
        if x == 1 { return 1 }
        // ln of x^a (1−x)^b / B(a, b), the prefactor of the continued fraction.
        let lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(lnFront) * continuedFraction(x, a, b) / a
        }
        return 1 - exp(lnFront) * continuedFraction(1 - x, b, a) / b
    }

    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        let eps = 1e-16
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            // Even step of the continued fraction.
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            // Odd step.
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < eps { break }
        }
        return h
    }
}
