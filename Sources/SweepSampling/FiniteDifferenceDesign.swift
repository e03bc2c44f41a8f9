import SweepNumerics

/// The layout of a finite-difference design for DGSM: N base points, each followed by one
/// point per factor with that factor moved up by δ·x (clipped to its bounds). Rows
/// i·(k + 1) … i·(k + 1) + k belong to base point i, as in SALib's `finite_diff` sampler.
public struct FiniteDifferenceLayout: Hashable, Sendable, Codable {
    public let factors: Int
    public let basePoints: Int

    public init(factors: Int, basePoints: Int) {
        self.factors = factors
        self.basePoints = basePoints
    }

    /// The layout a file of `rows` rows would have.
    /// - Throws: ``SamplingError`` when the rows are not whole blocks of k + 1.
    public init(factors: Int, rows: Int) throws {
        guard factors >= 1, rows > 0, rows % (factors + 1) == 0 else {
            throw SamplingError(.invalidOption, "a finite-difference design has k + 1 = \(factors + 1) rows per base point; \(rows) rows is not a multiple")
        }
        self.init(factors: factors, basePoints: rows / (factors + 1))
    }

    public var rows: Int { basePoints * (factors + 1) }
    public func baseRow(_ i: Int) -> Int { i * (factors + 1) }
    public func movedRow(_ i: Int, _ j: Int) -> Int { i * (factors + 1) + 1 + j }
}

/// SALib's `finite_diff` sampler: base points from the unscrambled Sobol' sequence after
/// `skip` points, scaled to each parameter's uniform bounds, then each factor moved by
/// δ·x_j (relative, as SALib does) and clipped to its bounds.
///
/// ```swift
/// let design = try FiniteDifferenceSampler(delta: 0.01).sample(space, n: 1000)   // 1000·(k + 1) runs
/// ```
public struct FiniteDifferenceSampler: Sendable {
    public var delta: Double
    public var skip: Int

    public init(delta: Double = 0.01, skip: Int = 1024) {
        self.delta = delta
        self.skip = skip
    }

    /// - Throws: ``SamplingError`` for a parameter that is not uniform (DGSM's bound needs the
    ///   width of a uniform range), δ ≤ 0 or N < 1.
    public func sample(_ space: ParameterSpace, n: Int, seed: UInt64 = 0) throws -> FiniteDifferenceDesign {
        try DesignChecks.sobolRange(n: n, skip: skip)
        guard delta > 0 && delta.isFinite else { throw SamplingError(.invalidOption, "delta must be positive, not \(delta)") }
        let bounds = try Self.uniformBounds(space)
        let k = space.count
        let layout = FiniteDifferenceLayout(factors: k, basePoints: n)
        let base = try SobolSequence(dimensions: k).points(n, skip: skip)
        var x = Matrix(rows: layout.rows, columns: k)
        for i in 0..<n {
            // SALib scales the points as lower + u·(upper − lower).
            let point = (0..<k).map { bounds[$0].lower + base[i, $0] * (bounds[$0].upper - bounds[$0].lower) }
            for c in 0..<k { x[layout.baseRow(i), c] = point[c] }
            for j in 0..<k {
                for c in 0..<k { x[layout.movedRow(i, j), c] = point[c] }
                let moved = point[j] + point[j] * delta
                x[layout.movedRow(i, j), j] = Swift.max(Swift.min(moved, bounds[j].upper), bounds[j].lower)
            }
        }
        return FiniteDifferenceDesign(space: space, layout: layout, samples: x, delta: delta, skip: skip,
                                      warnings: DesignChecks.sobolWarnings(n: n, skip: skip))
    }

    /// Each parameter's uniform range.
    public static func uniformBounds(_ space: ParameterSpace) throws -> [(lower: Double, upper: Double)] {
        try zip(space.names, try space.distributions()).map { name, d in
            guard case .uniform(let a, let b) = d else {
                throw SamplingError(.invalidDistribution, "parameter '\(name)': DGSM's finite differences need a uniform range, not \(d)")
            }
            return (a, b)
        }
    }
}

public struct FiniteDifferenceDesign: SamplingDesign {
    public let space: ParameterSpace
    public let layout: FiniteDifferenceLayout
    public let samples: Matrix
    public let delta: Double
    public let skip: Int
    public let warnings: [String]
}
