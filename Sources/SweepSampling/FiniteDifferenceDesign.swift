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
/// `skip` points, mapped through each parameter's inverse CDF, then each factor moved in turn.
/// A uniform factor moves by δ·x_j (relative, as SALib does) and is clipped to its bounds.
/// SALib moves every factor that way, which is meaningless for a normal (its "bounds" are the
/// mean and sd) and stalls at x = 0; here any other distribution moves by δ·s, its scale s
/// (``FiniteDifferenceSampler/scale(of:)``), upwards, or downwards when that would leave the
/// support.
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

    /// - Throws: ``SamplingError`` for a parameter without a Poincaré constant (lognormal,
    ///   discrete: see ``poincareWidths(_:)``), δ ≤ 0 or N < 1.
    public func sample(_ space: ParameterSpace, n: Int, seed: UInt64 = 0) throws -> FiniteDifferenceDesign {
        try DesignChecks.sobolRange(n: n, skip: skip)
        guard delta > 0 && delta.isFinite else { throw SamplingError(.invalidOption, "delta must be positive, not \(delta)") }
        _ = try Self.poincareWidths(space)
        let distributions = try space.distributions()
        let k = space.count
        let layout = FiniteDifferenceLayout(factors: k, basePoints: n)
        let base = try SobolSequence(dimensions: k).points(n, skip: skip)
        var x = Matrix(rows: layout.rows, columns: k)
        for i in 0..<n {
            let point = (0..<k).map { distributions[$0].quantile(base[i, $0]) }
            for c in 0..<k { x[layout.baseRow(i), c] = point[c] }
            for j in 0..<k {
                for c in 0..<k { x[layout.movedRow(i, j), c] = point[c] }
                x[layout.movedRow(i, j), j] = move(point[j], in: distributions[j])
            }
        }
        return FiniteDifferenceDesign(space: space, layout: layout, samples: x, delta: delta, skip: skip,
                                      warnings: DesignChecks.sobolWarnings(n: n, skip: skip))
    }

    /// `x` moved by this design's step in `d`.
    func move(_ x: Double, in d: Distribution) -> Double {
        if case let .uniform(lower, upper) = d {
            return Swift.max(Swift.min(x + x * delta, upper), lower)  // SALib's relative step, clipped
        }
        let step = delta * Self.scale(of: d)
        let (lower, upper) = Self.support(of: d)
        return x + step <= upper ? x + step : Swift.max(x - step, lower)
    }

    /// The scale a non-uniform factor's step is a fraction of: the width of a triangular
    /// range, the sd of a normal (truncated or not).
    public static func scale(of d: Distribution) -> Double {
        switch d {
        case let .uniform(a, b), let .triangular(a, _, b): b - a
        case let .normal(_, sd), let .truncatedNormal(_, sd, _, _): sd
        case .lognormal, .discrete: .nan
        }
    }

    static func support(of d: Distribution) -> (Double, Double) {
        switch d {
        case let .uniform(a, b), let .triangular(a, _, b), let .truncatedNormal(_, _, a, b): (a, b)
        default: (-Double.infinity, Double.infinity)
        }
    }

    /// Each factor's W, with W²/π² a Poincaré constant of its distribution: Var g ≤ (W²/π²)·E[g′²]
    /// for every smooth g, which makes ν·W²/(π²·V) an upper bound of the total index (Lamboni,
    /// Iooss, Popelin & Gamboa 2013). Uniform on [a, b]: W = b − a, the exact constant, SALib's
    /// scaling. Triangular on [a, b]: log-concave on an interval, so (b − a)²/π² still bounds it
    /// (Payne & Weinberger's inequality holds for log-concave weights). Normal: the Gaussian
    /// Poincaré constant σ², W = πσ; truncated normal: the smaller of σ² (Brascamp–Lieb) and
    /// (b − a)²/π².
    /// - Throws: ``SamplingError`` for lognormal (its tail admits no Poincaré constant) and
    ///   discrete (no derivative) parameters.
    public static func poincareWidths(_ space: ParameterSpace) throws -> [Double] {
        try zip(space.names, try space.distributions()).map { name, d in
            switch d {
            case let .uniform(a, b), let .triangular(a, _, b): return b - a
            case let .normal(_, sd): return Double.pi * sd
            case let .truncatedNormal(_, sd, a, b): return Swift.min(Double.pi * sd, b - a)
            case .lognormal, .discrete:
                throw SamplingError(.invalidDistribution, "parameter '\(name)': DGSM needs a distribution with a Poincaré constant (uniform, triangular, normal, truncnormal), not \(d.name): a lognormal's tail has none and a discrete one has no derivative")
            }
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
