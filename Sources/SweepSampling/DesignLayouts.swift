import SweepNumerics

/// The row layout of a Saltelli cross design, shared by the sampler that writes it, the Sobol'
/// analyser that reads it and `analyze`, which checks a design file against it, so that a
/// mismatch is a type error rather than a row-count guess.
///
/// Rows follow SALib's `sample/sobol.py`: for each base row i, the block
/// `A_i, AB_i^(1)…AB_i^(k), [BA_i^(1)…BA_i^(k),] B_i`, so designs made by SALib and by SDSweep
/// are interchangeable.
///
/// ```swift
/// let layout = try SaltelliLayout(factors: 3, rows: 2048, secondOrder: true)   // N = 256
/// layout.rowAB(0, 2)                                                         // 3
/// ```
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

    /// The layout of a design of `rows` rows for k factors, checked: `rows` must be N(k+2), or
    /// N(2k+2) with the BA blocks, for some N ≥ 1.
    ///
    /// - Parameter secondOrder: whether the BA blocks are expected; nil infers it from the row
    ///   count, which fails when both block sizes divide it (the count alone cannot tell).
    /// - Throws: `SamplingError` (`.layoutMismatch`) saying the row count and the block size
    ///   it does not fit.
    public init(factors: Int, rows: Int, secondOrder: Bool?) throws {
        precondition(factors >= 1)
        func fits(_ second: Bool) -> Bool { rows > 0 && rows % Self.blockSize(factors, second) == 0 }
        let second: Bool
        if let secondOrder {
            second = secondOrder
        } else if fits(false) != fits(true) {
            second = fits(true)
        } else {
            let both = fits(false) ? "both without and with the BA blocks" : "neither without nor with the BA blocks"
            throw SamplingError(
                .layoutMismatch,
                "the outputs have \(rows) rows, which fit a Saltelli design for k = \(factors) \(both) (N·\(factors + 2) or N·\(2 * factors + 2) rows): say whether it was sampled with --second-order")
        }
        guard fits(second) else {
            let block = Self.blockSize(factors, second)
            throw SamplingError(
                .layoutMismatch,
                "the outputs have \(rows) rows, but a Saltelli design for k = \(factors)\(second ? " with --second-order" : "") has N·\(block) rows (\(second ? "2k+2" : "k+2") per base row)\(second ? "" : "; was it sampled with --second-order?")")
        }
        self.init(factors: factors, baseRows: rows / Self.blockSize(factors, second), secondOrder: second)
    }

    @inlinable static func blockSize(_ factors: Int, _ secondOrder: Bool) -> Int { secondOrder ? 2 * factors + 2 : factors + 2 }

    /// Rows per base block: k + 2, or 2k + 2 with second order.
    @inlinable public var blockSize: Int { Self.blockSize(factors, secondOrder) }
    /// Total rows N·blockSize.
    @inlinable public var rows: Int { baseRows * blockSize }

    @inlinable public func rowA(_ i: Int) -> Int { i * blockSize }
    @inlinable public func rowB(_ i: Int) -> Int { i * blockSize + blockSize - 1 }
    /// Row of AB^(j): A with column j taken from B.
    @inlinable public func rowAB(_ i: Int, _ j: Int) -> Int { i * blockSize + 1 + j }
    /// Row of BA^(j): B with column j taken from A (second order only).
    @inlinable public func rowBA(_ i: Int, _ j: Int) -> Int {
        precondition(secondOrder)
        return i * blockSize + 1 + factors + j
    }

    /// The base block that design row `row` belongs to.
    @inlinable public func baseRow(of row: Int) -> Int { row / blockSize }
    /// The design rows of base block i, A_i first and B_i last.
    @inlinable public func rows(ofBaseRow i: Int) -> Range<Int> { (i * blockSize)..<((i + 1) * blockSize) }

    /// The same layout with `count` base rows: what is left when whole blocks are dropped.
    public func keeping(baseRows count: Int) -> SaltelliLayout {
        SaltelliLayout(factors: factors, baseRows: count, secondOrder: secondOrder)
    }

    /// Checks that a design matrix has this layout: every AB^(j) equals its A except in the
    /// columns of factor j, which it takes from its B. SALib's analyser infers the layout from
    /// the row count alone and can pass a wrong one silently; the rows themselves say which it is.
    ///
    /// - Parameters:
    ///   - design: `rows` × parameters, in the layout's row order.
    ///   - factorOf: the factor (group) of each column; the identity without groups.
    /// - Throws: `SamplingError` (`.layoutMismatch`) naming the first row (1-based) that does not fit.
    public func check(design: Matrix, factorOf: [Int]) throws {
        precondition(design.rows == rows && factorOf.count == design.columns)
        for i in 0..<baseRows {
            let a = rowA(i), b = rowB(i)
            for j in 0..<factors {
                let ab = rowAB(i, j)
                let fits = (0..<design.columns).allSatisfy { c in design[ab, c] == (factorOf[c] == j ? design[b, c] : design[a, c]) }
                guard fits else {
                    throw SamplingError(
                        .layoutMismatch,
                        "the samples do not follow the Saltelli layout for k = \(factors)\(secondOrder ? " with second order" : "") (\(blockSize) rows per base row): data row \(ab + 1) is not A with column \(j + 1) from B; \(secondOrder ? "was it sampled without --second-order?" : "was it sampled with --second-order?")")
                }
            }
        }
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
