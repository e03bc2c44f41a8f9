import SweepNumerics

/// A full-factorial grid: every combination of p levels per parameter, p^k runs, for small
/// sweeps and plots.
///
/// Levels are taken in the unit cube and mapped by the inverse CDF like every other design.
/// For bounded distributions they are u = l/(p−1), l = 0…p−1, so the bounds are included (for a
/// discrete distribution with p = its number of equally weighted values, each value once);
/// for unbounded ones (normal, lognormal) they are the stratum midpoints u = (l + ½)/p, since
/// u = 0 and 1 would be infinite. With p = 1 every parameter sits at its median, u = ½.
///
/// Rows are in lexicographic order with the last parameter varying fastest (itertools.product).
///
/// ```swift
/// let design = try Grid(levels: 5).sample(space)   // 5^k rows
/// ```
public struct Grid: Sendable {
    /// Levels per parameter.
    public var levels: Int
    /// The most runs a grid may have; beyond it, use a Latin hypercube or a Sobol' design.
    public static let maxRuns = 10_000_000

    public init(levels: Int = 3) {
        self.levels = levels
    }

    /// - Throws: `SamplingError` for levels < 1, more than `maxRuns` runs, or an unresolved
    ///   relative range.
    /// - Complexity: O(p^k·k).
    public func sample(_ space: ParameterSpace) throws -> GridDesign {
        guard levels >= 1 else { throw SamplingError(.invalidOption, "a grid needs at least 1 level, not \(levels)") }
        let distributions = try space.distributions()
        let k = space.count
        var rows = 1
        for _ in 0..<k {
            let (product, overflow) = rows.multipliedReportingOverflow(by: levels)
            guard !overflow, product <= Self.maxRuns else {
                throw SamplingError(.invalidOption,
                    "a grid of \(levels) levels in \(k) parameters has more than \(Self.maxRuns) runs; use lhs or sobol")
            }
            rows = product
        }
        let p = levels
        var unit = Matrix(rows: rows, columns: k)
        unit.storage.withUnsafeMutableBufferPointer { out in
            var repeatEach = rows   // runs sharing one level of parameter j, consecutively
            for j in 0..<k {
                repeatEach /= p
                let bounded = distributions[j].isBounded
                for r in 0..<rows {
                    let l = (r / repeatEach) % p
                    out[j * rows + r] = p == 1 ? 0.5 : bounded ? Double(l) / Double(p - 1) : (Double(l) + 0.5) / Double(p)
                }
            }
        }
        return GridDesign(space: space, levels: p, unit: unit, samples: ParameterSpace.map(unit: unit, distributions: distributions))
    }
}

/// A full-factorial grid design.
public struct GridDesign: SamplingDesign {
    public let space: ParameterSpace
    public let levels: Int
    /// The grid in the unit cube (u = 1 included for bounded distributions).
    public let unit: Matrix
    public let samples: Matrix
    public var warnings: [String] { [] }
}
