import Foundation
import SweepNumerics

/// The layout of an extended-FAST design (Saltelli, Tarantola & Chan 1999): one search curve of
/// N points per factor, the factor of interest at the high frequency ω₀ = ⌊(N − 1)/2M⌋ and the
/// others at low complementary frequencies, so its first M harmonics carry its first-order
/// variance. Rows i·N … (i + 1)·N − 1 are factor i's curve, as in SALib's `fast_sampler`.
///
/// ```swift
/// let layout = try FASTLayout(factors: 3, rows: 3 * 1000, m: 4)   // N = 1000 per factor
/// layout.highFrequency                                           // 124
/// ```
public struct FASTLayout: Hashable, Sendable, Codable {
    public let factors: Int
    /// Points on each factor's search curve.
    public let pointsPerCurve: Int
    /// The interference parameter: harmonics summed for a first-order index.
    public let m: Int

    /// - Throws: ``SamplingError`` unless N > 4M² (SALib's rule: the harmonics must not overlap).
    public init(factors: Int, pointsPerCurve n: Int, m: Int = 4) throws {
        guard m >= 1 else { throw SamplingError(.invalidOption, "M must be at least 1, not \(m)") }
        guard n > 4 * m * m else {
            throw SamplingError(.invalidOption, "eFAST needs N > 4M² = \(4 * m * m) points per factor; N = \(n)")
        }
        guard factors >= 1 else { throw SamplingError(.invalidOption, "eFAST needs at least one factor") }
        self.factors = factors
        self.pointsPerCurve = n
        self.m = m
    }

    /// The layout a file of `rows` rows would have.
    public init(factors: Int, rows: Int, m: Int = 4) throws {
        guard factors >= 1, rows % factors == 0 else {
            throw SamplingError(.invalidOption, "an eFAST design has N rows per factor; \(rows) rows is not a multiple of \(factors) factors")
        }
        try self.init(factors: factors, pointsPerCurve: rows / factors, m: m)
    }

    public var rows: Int { factors * pointsPerCurve }

    /// ω₀, the frequency of the factor whose curve it is.
    public var highFrequency: Int { (pointsPerCurve - 1) / (2 * m) }

    /// The frequencies of the other factors, in order (SALib's rule: spread over 1 … ⌊ω₀/2M⌋).
    public var lowFrequencies: [Int] {
        let d = factors - 1
        guard d > 0 else { return [] }
        let top = highFrequency / (2 * m)
        if top >= d {
            // numpy.floor(numpy.linspace(1, top, d)).
            if d == 1 { return [1] }
            return (0..<d).map { i in
                let step = Double(top - 1) / Double(d - 1)
                return i == d - 1 ? top : Int((1 + Double(i) * step).rounded(.down))
            }
        }
        return (0..<d).map { $0 % Swift.max(top, 1) + 1 }
    }
}

/// eFAST's sampler: each factor's curve x_j(s) = ½ + arcsin(sin(ω_j·s + φ))/π over
/// s = 2πn/N, with a random phase φ per curve (from the seed), mapped through each
/// parameter's distribution.
///
/// ```swift
/// let design = try FASTSampler(m: 4).sample(space, n: 1000, seed: 7)   // 1000·k runs
/// ```
public struct FASTSampler: Sendable {
    public var m: Int

    public init(m: Int = 4) { self.m = m }

    public func sample(_ space: ParameterSpace, n: Int, seed: UInt64 = 0) throws -> FASTDesign {
        let layout = try FASTLayout(factors: space.count, pointsPerCurve: n, m: m)
        // One stream per curve, apart from the other designs' streams by its high tag.
        let phases = (0..<space.count).map { i -> Double in
            var rng = SeededGenerator(seed: seed, stream: 0xFA57_0000_0000 | UInt64(i))
            return 2 * Double.pi * rng.nextUnit()
        }
        let unit = Self.curves(layout, phases: phases)
        return FASTDesign(space: space, layout: layout, phases: phases, unit: unit,
                          samples: ParameterSpace.map(unit: unit, distributions: try space.distributions()), seed: seed)
    }

    /// The unit-cube curves of `layout` with the given phases (SALib's `fast_sampler` with its
    /// random phases replaced by these).
    public static func curves(_ layout: FASTLayout, phases: [Double]) -> Matrix {
        let d = layout.factors, n = layout.pointsPerCurve
        precondition(phases.count == d)
        var unit = Matrix(rows: layout.rows, columns: d)
        let low = layout.lowFrequencies.map(Double.init), high = Double(layout.highFrequency)
        let s = (0..<n).map { 2 * Double.pi / Double(n) * Double($0) }
        for i in 0..<d {
            for j in 0..<d {
                let omega = j == i ? high : low[j < i ? j : j - 1]
                for p in 0..<n { unit[i * n + p, j] = 0.5 + 1 / Double.pi * asin(sin(omega * s[p] + phases[i])) }
            }
        }
        return unit
    }
}

public struct FASTDesign: SamplingDesign {
    public let space: ParameterSpace
    public let layout: FASTLayout
    /// The random phase of each factor's curve.
    public let phases: [Double]
    public let unit: Matrix
    public let samples: Matrix
    public let seed: UInt64
    public var warnings: [String] { [] }
}
