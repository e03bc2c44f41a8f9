import SweepNumerics

/// Saltelli's cross design for Sobol' indices: matrices A and B from one Sobol' sequence of
/// dimension 2k, and the k hybrids AB^(j) (A with column j from B), plus the BA^(j) (B with
/// column j from A) when second-order indices are wanted.
///
/// Rows are laid out as SALib's `SALib.sample.sobol.sample` lays them out (`SaltelliLayout`):
/// for each base row i the block `A_i, AB_i^(1…k), [BA_i^(1…k),] B_i`, N(k+2) or N(2k+2) rows.
/// A is columns 0…k−1 and B columns k…2k−1 of the sequence, so unscrambled with skip 0 the
/// design equals `sobol.sample(problem, N, calc_second_order=…, scramble=False)` bit for bit.
///
/// With groups (SALib semantics), the hybrid for group g takes from the other matrix every
/// column of a parameter in g, and the layout's factors are the groups: N(G+2) or N(2G+2) rows.
///
/// ```swift
/// let design = try Saltelli(secondOrder: true).sample(space, n: 1024, seed: 1)
/// design.layout.rowAB(0, 2)   // the row of AB_0^(3)
/// ```
///
/// References: A. Saltelli (2002), "Making best use of model evaluations to compute
/// sensitivity indices", Comput. Phys. Commun. 145:280–297; A. Saltelli et al. (2010),
/// "Variance based sensitivity analysis of model output", Comput. Phys. Commun. 181:259–270.
public struct Saltelli: Sendable {
    /// Add the BA blocks, needed for second-order indices S2.
    public var secondOrder: Bool
    /// Scramble the underlying Sobol' sequence (LMS + digital shift, seeded).
    public var scramble: Bool
    /// Points skipped at the start of the sequence (SALib's `skip_values`).
    public var skip: Int

    public init(secondOrder: Bool = false, scramble: Bool = true, skip: Int = 0) {
        self.secondOrder = secondOrder
        self.scramble = scramble
        self.skip = skip
    }

    /// - Parameters:
    ///   - n: base rows N (ideally a power of 2).
    ///   - seed: the scrambling seed (ignored when `scramble` is false).
    /// - Throws: `SamplingError` for N < 1, more than 500 parameters, or an unresolved
    ///   relative range.
    /// - Complexity: O(N·k·blockSize) time and memory; the Sobol' sequence costs O(N·k).
    public func sample(_ space: ParameterSpace, n: Int, seed: UInt64 = 0) throws -> SaltelliDesign {
        try DesignChecks.sobolRange(n: n, skip: skip)
        let distributions = try space.distributions()
        let k = space.count
        let sequence = try SobolSequence(dimensions: 2 * k, scrambleSeed: scramble ? seed : nil)
        let layout = SaltelliLayout(factors: space.groupNames.count, baseRows: n, secondOrder: secondOrder)
        let factors = layout.factors, rows = layout.rows
        var unit = Matrix(rows: rows, columns: k)
        var a = [Double](repeating: 0, count: n), b = [Double](repeating: 0, count: n)
        unit.storage.withUnsafeMutableBufferPointer { out in
            for j in 0..<k {
                a.withUnsafeMutableBufferPointer { sequence.fill(dimension: j, into: $0, skip: skip) }
                b.withUnsafeMutableBufferPointer { sequence.fill(dimension: j + k, into: $0, skip: skip) }
                let g = space.groupIndex[j]
                let col = UnsafeMutableBufferPointer(rebasing: out[(j * rows)..<((j + 1) * rows)])
                for i in 0..<n {
                    let ai = a[i], bi = b[i]
                    col[layout.rowA(i)] = ai
                    // AB^(m): A except the columns of factor m, which come from B.
                    for m in 0..<factors { col[layout.rowAB(i, m)] = ai }
                    col[layout.rowAB(i, g)] = bi
                    if secondOrder {
                        // BA^(m): B except the columns of factor m, which come from A.
                        for m in 0..<factors { col[layout.rowBA(i, m)] = bi }
                        col[layout.rowBA(i, g)] = ai
                    }
                    col[layout.rowB(i)] = bi
                }
            }
        }
        return SaltelliDesign(
            space: space, layout: layout, unit: unit,
            samples: ParameterSpace.map(unit: unit, distributions: distributions),
            skip: skip, scrambleSeed: sequence.scrambleSeed, warnings: DesignChecks.sobolWarnings(n: n, skip: skip))
    }
}

/// A Saltelli cross design: the runs and the layout the Sobol' analyser needs to read them.
public struct SaltelliDesign: SamplingDesign {
    public let space: ParameterSpace
    /// Factors (parameters or groups), N and whether the BA blocks are present.
    public let layout: SaltelliLayout
    /// The design in the unit cube, rows as in `samples`.
    public let unit: Matrix
    public let samples: Matrix
    public let skip: Int
    /// nil when unscrambled.
    public let scrambleSeed: UInt64?
    public let warnings: [String]

    /// The names of the layout's factors: the groups, or the parameters when there are none.
    public var factorNames: [String] { space.groupNames }
}
