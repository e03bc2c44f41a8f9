import Foundation
import SweepNumerics

/// The marginal distribution of one parameter, applied to unit-cube samples by its inverse CDF.
///
/// Every design draws points in [0, 1)^k and maps each column through `quantile`, so every
/// design works with every distribution and the stratification of a Latin hypercube or the
/// net property of a Sobol' sequence carries over to the parameter's own scale.
///
/// **The point-0 pitfall.** An unscrambled Sobol' sequence starts at the origin and Morris
/// trajectories visit the levels 0 and 1; for a normal distribution Φ⁻¹(0) = −∞ (scipy and
/// SALib return `-inf` there). For the distributions with unbounded support (`normal`,
/// `lognormal`) `quantile` clamps u into [2⁻⁵³, 1 − 2⁻⁵³] first, so the extremes become
/// about ±8.2 standard deviations instead of ±∞. Bounded distributions are not clamped: u = 0
/// gives exactly the lower bound, as SALib's scaling does.
///
/// ```swift
/// let d = Distribution.triangular(lower: 3, mode: 4.6, upper: 6)
/// d.quantile(0.5)   // the median
/// ```
public enum Distribution: Hashable, Sendable {
    /// Uniform on [lower, upper]; the default of every parameter.
    case uniform(lower: Double, upper: Double)
    /// Triangular on [lower, upper] with its apex at `mode`.
    case triangular(lower: Double, mode: Double, upper: Double)
    /// Normal with mean and standard deviation.
    case normal(mean: Double, sd: Double)
    /// A normal(mean, sd) conditioned on [lower, upper].
    case truncatedNormal(mean: Double, sd: Double, lower: Double, upper: Double)
    /// exp(N(mu, sigma²)): `mu` and `sigma` are those of log(x).
    case lognormal(mu: Double, sigma: Double)
    /// The listed values with the given (not necessarily normalised) weights. The inverse CDF
    /// walks the values in the order given; the study-file parser sorts them ascending so the
    /// map is monotone (do the same when building one in code).
    case discrete(values: [Double], weights: [Double])

    /// The smallest and largest u fed to the inverse CDF of an unbounded distribution.
    public static let unitFloor: Double = 0x1p-53
    public static let unitCeiling: Double = 1 - 0x1p-53

    /// Whether the support is bounded on both sides (no clamping of u is needed).
    public var isBounded: Bool {
        switch self {
        case .normal, .lognormal: return false
        default: return true
        }
    }

    /// The name used in study files (`distribution: truncnormal`).
    public var name: String {
        switch self {
        case .uniform: return "uniform"
        case .triangular: return "triangular"
        case .normal: return "normal"
        case .truncatedNormal: return "truncnormal"
        case .lognormal: return "lognormal"
        case .discrete: return "discrete"
        }
    }

    /// Why this distribution cannot be sampled, or nil when it can.
    public var problem: String? { issue?.message }

    /// The problem and the key (as written in a study file) it is about, so a diagnostic can
    /// point at the offending line.
    var issue: (key: String, message: String)? {
        func finite(_ pairs: KeyValuePairs<String, Double>) -> (key: String, message: String)? {
            for (key, v) in pairs where !v.isFinite { return (key, "\(key) must be a finite number, not \(v)") }
            return nil
        }
        switch self {
        case let .uniform(lower, upper):
            if let p = finite(["lower": lower, "upper": upper]) { return p }
            if !(lower < upper) { return ("lower", "lower (\(lower)) must be below upper (\(upper))") }
        case let .triangular(lower, mode, upper):
            if let p = finite(["lower": lower, "mode": mode, "upper": upper]) { return p }
            if !(lower < upper) { return ("lower", "lower (\(lower)) must be below upper (\(upper))") }
            if !(lower <= mode && mode <= upper) {
                return ("mode", "mode (\(mode)) must lie in [lower, upper] = [\(lower), \(upper)]")
            }
        case let .normal(mean, sd):
            if let p = finite(["mean": mean, "sd": sd]) { return p }
            if !(sd > 0) { return ("sd", "sd must be positive, not \(sd)") }
        case let .truncatedNormal(mean, sd, lower, upper):
            if let p = finite(["mean": mean, "sd": sd, "lower": lower, "upper": upper]) { return p }
            if !(sd > 0) { return ("sd", "sd must be positive, not \(sd)") }
            if !(lower < upper) { return ("lower", "lower (\(lower)) must be below upper (\(upper))") }
            let (pa, pb, _) = Distribution.truncatedMass(mean: mean, sd: sd, lower: lower, upper: upper)
            if pa == pb {
                return ("lower", "[\(lower), \(upper)] holds no probability of normal(\(mean), \(sd)) in double precision")
            }
        case let .lognormal(mu, sigma):
            if let p = finite(["mu": mu, "sigma": sigma]) { return p }
            if !(sigma > 0) { return ("sigma", "sigma must be positive, not \(sigma)") }
        case let .discrete(values, weights):
            if values.isEmpty { return ("values", "values must not be empty") }
            if weights.count != values.count { return ("weights", "\(weights.count) weights for \(values.count) values") }
            if let v = values.first(where: { !$0.isFinite }) { return ("values", "values must be finite numbers, not \(v)") }
            if let w = weights.first(where: { !($0 >= 0) || !$0.isFinite }) {
                return ("weights", "weights must be finite and non-negative, not \(w)")
            }
            if !(weights.reduce(0, +) > 0) { return ("weights", "weights must not all be zero") }
        }
        return nil
    }

    /// The inverse CDF at u ∈ [0, 1]. Unbounded distributions clamp u first (see the type's
    /// discussion); bounded ones map 0 and 1 to their bounds.
    public func quantile(_ u: Double) -> Double {
        switch self {
        case let .uniform(lower, upper):
            // SALib's `scale_samples` order of operations, so designs match it bit for bit.
            return u * (upper - lower) + lower
        case let .triangular(lower, mode, upper):
            return Distribution.triangularQuantile(u, lower, mode, upper)
        case let .normal(mean, sd):
            return mean + sd * Normal.quantile(Distribution.clampUnit(u))
        case let .truncatedNormal(mean, sd, lower, upper):
            let mass = Distribution.truncatedMass(mean: mean, sd: sd, lower: lower, upper: upper)
            return Distribution.truncatedQuantile(u, mean, sd, lower, upper, mass)
        case let .lognormal(mu, sigma):
            return exp(mu + sigma * Normal.quantile(Distribution.clampUnit(u)))
        case let .discrete(values, weights):
            var total = 0.0
            for w in weights { total += w }
            let target = u * total
            var cumulative = 0.0
            for i in values.indices {
                cumulative += weights[i]
                if target < cumulative { return values[i] }
            }
            return values[values.count - 1]
        }
    }

    /// The CDF, P(X ≤ x). Used by the tests (Kolmogorov–Smirnov checks of `quantile`) and by
    /// anyone who needs to go back to the unit cube.
    public func cdf(_ x: Double) -> Double {
        switch self {
        case let .uniform(lower, upper):
            return Swift.min(1, Swift.max(0, (x - lower) / (upper - lower)))
        case let .triangular(a, c, b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            if x <= c { return (x - a) * (x - a) / ((b - a) * (c - a)) }
            return 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        case let .normal(mean, sd):
            return Normal.cdf((x - mean) / sd)
        case let .truncatedNormal(mean, sd, lower, upper):
            if x <= lower { return 0 }
            if x >= upper { return 1 }
            return (Normal.cdf((x - mean) / sd) - Normal.cdf((lower - mean) / sd))
                / (Normal.cdf((upper - mean) / sd) - Normal.cdf((lower - mean) / sd))
        case let .lognormal(mu, sigma):
            return x <= 0 ? 0 : Normal.cdf((log(x) - mu) / sigma)
        case let .discrete(values, weights):
            var total = 0.0, below = 0.0
            for i in values.indices {
                total += weights[i]
                if values[i] <= x { below += weights[i] }
            }
            return below / total
        }
    }

    /// Maps a column of unit-cube samples through the inverse CDF into `output`.
    ///
    /// The switch over the distribution happens once, outside the loop, and the loop neither
    /// allocates nor throws: this is what the designs call on each column of a million-row
    /// matrix.
    /// - Precondition: `problem == nil` and both buffers have the same count.
    public func quantiles(_ unit: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        precondition(unit.count == output.count)
        let n = unit.count
        switch self {
        case let .uniform(lower, upper):
            let width = upper - lower
            for i in 0..<n { output[i] = unit[i] * width + lower }
        case let .triangular(lower, mode, upper):
            for i in 0..<n { output[i] = Distribution.triangularQuantile(unit[i], lower, mode, upper) }
        case let .normal(mean, sd):
            for i in 0..<n { output[i] = mean + sd * Normal.quantile(Distribution.clampUnit(unit[i])) }
        case let .truncatedNormal(mean, sd, lower, upper):
            let mass = Distribution.truncatedMass(mean: mean, sd: sd, lower: lower, upper: upper)
            for i in 0..<n { output[i] = Distribution.truncatedQuantile(unit[i], mean, sd, lower, upper, mass) }
        case let .lognormal(mu, sigma):
            for i in 0..<n { output[i] = exp(mu + sigma * Normal.quantile(Distribution.clampUnit(unit[i]))) }
        case let .discrete(values, weights):
            var cumulative = [Double](repeating: 0, count: weights.count)
            var total = 0.0
            for i in weights.indices { total += weights[i]; cumulative[i] = total }
            let last = values.count - 1
            for i in 0..<n {
                // Binary search for the first cumulative weight above u·total.
                let target = unit[i] * total
                var lo = 0, hi = last
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if target < cumulative[mid] { hi = mid } else { lo = mid + 1 }
                }
                output[i] = values[lo]
            }
        }
    }

    @inline(__always)
    static func clampUnit(_ u: Double) -> Double {
        Swift.min(Swift.max(u, unitFloor), unitCeiling)
    }

    @inline(__always)
    static func triangularQuantile(_ u: Double, _ a: Double, _ c: Double, _ b: Double) -> Double {
        let fc = (c - a) / (b - a)
        if u < fc { return a + (u * (b - a) * (c - a)).squareRoot() }
        return b - ((1 - u) * (b - a) * (b - c)).squareRoot()
    }

    /// The CDF values at the truncation points, computed in the tail that keeps precision:
    /// when the whole interval lies above the mean, upper-tail probabilities Φ(−z) are used,
    /// since Φ(z) rounds to 1 there and the interval's mass would vanish.
    static func truncatedMass(mean: Double, sd: Double, lower: Double, upper: Double) -> (Double, Double, Bool) {
        let alpha = (lower - mean) / sd, beta = (upper - mean) / sd
        if alpha > 0 { return (Normal.cdf(-alpha), Normal.cdf(-beta), true) }
        return (Normal.cdf(alpha), Normal.cdf(beta), false)
    }

    @inline(__always)
    static func truncatedQuantile(
        _ u: Double, _ mean: Double, _ sd: Double, _ lower: Double, _ upper: Double, _ mass: (Double, Double, Bool)
    ) -> Double {
        let (pa, pb, reflected) = mass
        let z = reflected ? -Normal.quantile(pa - u * (pa - pb)) : Normal.quantile(pa + u * (pb - pa))
        // Rounding in Φ⁻¹ can step a hair outside the interval; the bounds are hard.
        return Swift.min(Swift.max(mean + sd * z, lower), upper)
    }
}
