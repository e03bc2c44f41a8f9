/// The row layout of a Saltelli cross design, shared by the sampler that writes it and the
/// Sobol' analyser that reads it, so that a mismatch is a type error rather than a row-count
/// guess.
///
/// Rows follow SALib's `sample/sobol.py`: for each base row i, the block
/// `A_i, AB_i^(1)…AB_i^(k), [BA_i^(1)…BA_i^(k),] B_i`, so designs made by SALib and by SDSweep
/// are interchangeable.
public struct SaltelliLayout: Hashable, Sendable, Codable {
    /// Number of factors (or groups) k.
    public let factors: Int
    /// Number of base rows N.
    public let baseRows: Int
    /// Whether the BA blocks (needed for second-order indices) are present.
    public let secondOrder: Bool

    public init(factors: Int, baseRows: Int, secondOrder: Bool) {
        precondition(factors >= 1 && baseRows >= 1)
        self.factors = factors
        self.baseRows = baseRows
        self.secondOrder = secondOrder
    }

    /// Rows per base block: k + 2, or 2k + 2 with second order.
    public var blockSize: Int { secondOrder ? 2 * factors + 2 : factors + 2 }
    /// Total rows N·blockSize.
    public var rows: Int { baseRows * blockSize }

    public func rowA(_ i: Int) -> Int { i * blockSize }
    public func rowB(_ i: Int) -> Int { i * blockSize + blockSize - 1 }
    /// Row of AB^(j): A with column j taken from B.
    public func rowAB(_ i: Int, _ j: Int) -> Int { i * blockSize + 1 + j }
    /// Row of BA^(j): B with column j taken from A (second order only).
    public func rowBA(_ i: Int, _ j: Int) -> Int {
        precondition(secondOrder)
        return i * blockSize + 1 + factors + j
    }
}

/// The row layout of a Morris design: r trajectories of k+1 points each, trajectory t
/// occupying rows t(k+1) … t(k+1)+k, one factor moving between consecutive points.
public struct MorrisLayout: Hashable, Sendable, Codable {
    public let factors: Int
    public let trajectories: Int
    public let levels: Int

    public init(factors: Int, trajectories: Int, levels: Int) {
        precondition(factors >= 1 && trajectories >= 1 && levels >= 2)
        self.factors = factors
        self.trajectories = trajectories
        self.levels = levels
    }

    public var rows: Int { trajectories * (factors + 1) }
    /// Δ = p / (2(p − 1)) in unit-cube units.
    public var delta: Double { Double(levels) / (2 * Double(levels - 1)) }
}
