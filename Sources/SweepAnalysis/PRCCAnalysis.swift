import SweepNumerics

/// Partial rank correlation coefficients (PRCC) of an output with each input, with two-sided
/// p-values; with `ranks: false`, partial correlation coefficients (PCC) on raw values.
///
/// For each input j (Helton & Davis 2003; Marino et al. 2008; docs/gsa-notes.md §6): rank every input
/// and the output (ties get the average rank), regress rank(x_j) and rank(y) by least squares
/// with an intercept on the ranks of the other k − 1 inputs (`LAPACK.leastSquares`, QR), and
/// take the Pearson correlation r of the two residual vectors. Significance: t = r·√(df/(1 − r²))
/// with df = n − k − 1, two-sided Student-t p-value.
///
/// Use a random or Latin-hypercube design: the rows of a Saltelli design are not independent.
/// PRCC measures monotone association only.
///
/// ```swift
/// let p = try PRCCAnalysis().analyze(inputs: x, outputs: y, names: ["K", "r"])
/// print(p.prcc, p.pValue)
/// ```
///
/// References: Helton, J. C., Davis, F. J. (2003), Reliab. Eng. Syst. Saf. 81, 23–69,
/// doi:10.1016/S0951-8320(03)00058-9. Marino, S. et al. (2008), J. Theor. Biol. 254, 178–196,
/// doi:10.1016/j.jtbi.2008.04.011.
public struct PRCCAnalysis: Sendable, Hashable {
    /// Rank-transform inputs and output first (PRCC); false gives PCC.
    public var ranks: Bool
    /// Drop rows with a non-finite output or input instead of refusing the input.
    public var dropNonFinite: Bool

    public init(ranks: Bool = true, dropNonFinite: Bool = false) {
        self.ranks = ranks
        self.dropNonFinite = dropNonFinite
    }

    /// - Parameters:
    ///   - inputs: runs × k design matrix, in any units.
    ///   - outputs: one output per run.
    ///   - names: input names, k of them; default `x1`, `x2`, ….
    /// - Throws: ``AnalysisError`` when n ≤ k + 1, an input or the output is constant, inputs are
    ///   collinear, shapes differ, or values are non-finite (unless `dropNonFinite`).
    /// - Complexity: k least-squares fits of n × k, O(n·k³).
    public func analyze(inputs: Matrix, outputs: [Double], names: [String]? = nil) throws -> PRCCResult {
        let data = try RegressionData(inputs: inputs, outputs: outputs, names: names, ranks: ranks, dropNonFinite: dropNonFinite)
        let n = data.x.rows, k = data.x.columns
        let df = n - k - 1
        var prcc = [Double](), pValue = [Double]()
        for j in 0..<k {
            var rhs = Matrix(rows: n, columns: 2)
            for i in 0..<n { rhs[i, 0] = data.x[i, j]; rhs[i, 1] = data.y[i] }
            let e = try data.residuals(of: rhs, onAllBut: j)
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for i in 0..<n { sxy += e[i, 0] * e[i, 1]; sxx += e[i, 0] * e[i, 0]; syy += e[i, 1] * e[i, 1] }
            guard syy > 0 else {
                throw AnalysisError(.singular, "the output is fully explained by the inputs other than '\(data.names[j])': its partial correlation is undefined")
            }
            let r = max(-1, min(1, sxy / (sxx * syy).squareRoot()))
            prcc.append(r)
            let t = abs(r) < 1 ? r * (Double(df) / (1 - r * r)).squareRoot() : r * .infinity
            pValue.append(StudentT.twoSidedPValue(t, degreesOfFreedom: Double(df)))
        }
        return PRCCResult(names: data.names, prcc: prcc, pValue: pValue, degreesOfFreedom: df, droppedRows: data.dropped)
    }
}

/// PRCC (or PCC) per input with SALib-style keys `names`, `PRCC`, `p_value`.
public struct PRCCResult: Sendable, Codable {
    public var names: [String]
    @NaNAsNull public var prcc: [Double]
    @NaNAsNull public var pValue: [Double]
    /// n − k − 1. Not encoded.
    public var degreesOfFreedom = 0
    /// Rows removed for non-finite values, 0-based. Not encoded.
    public var droppedRows: [Int] = []

    public init(names: [String], prcc: [Double], pValue: [Double], degreesOfFreedom: Int = 0, droppedRows: [Int] = []) {
        self.names = names
        self.prcc = prcc
        self.pValue = pValue
        self.degreesOfFreedom = degreesOfFreedom
        self.droppedRows = droppedRows
    }

    enum CodingKeys: String, CodingKey { case names, prcc = "PRCC", pValue = "p_value" }
}

/// Standardised regression coefficients (SRC), or on ranks (SRRC), with the R² of the fit.
///
/// SRC_j = b_j·sd(x_j)/sd(y) from the least-squares fit of y on all inputs with an intercept
/// (Saltelli et al. 2008, *Global Sensitivity Analysis: The Primer*, §1.2.5). R² says how far to
/// trust them: for independent inputs Σ SRC_j² ≈ R², and the *Primer* suggests R² ≳ 0.7.
///
/// ```swift
/// let s = try SRCAnalysis().analyze(inputs: x, outputs: y)
/// print(s.src, s.r2)
/// ```
public struct SRCAnalysis: Sendable, Hashable {
    /// Rank-transform first (SRRC).
    public var ranks: Bool
    public var dropNonFinite: Bool

    public init(ranks: Bool = false, dropNonFinite: Bool = false) {
        self.ranks = ranks
        self.dropNonFinite = dropNonFinite
    }

    /// - Throws: ``AnalysisError`` as ``PRCCAnalysis/analyze(inputs:outputs:names:)``.
    public func analyze(inputs: Matrix, outputs: [Double], names: [String]? = nil) throws -> SRCResult {
        let data = try RegressionData(inputs: inputs, outputs: outputs, names: names, ranks: ranks, dropNonFinite: dropNonFinite)
        let n = data.x.rows, k = data.x.columns
        // dgels does not detect rank deficiency: check each input against the others first.
        for j in 0..<k {
            var rhs = Matrix(rows: n, columns: 1)
            for i in 0..<n { rhs[i, 0] = data.x[i, j] }
            _ = try data.residuals(of: rhs, onAllBut: j)
        }
        var design = Matrix(rows: n, columns: k + 1, repeating: 1)
        for j in 0..<k { for i in 0..<n { design[i, j + 1] = data.x[i, j] } }
        let b = try LAPACK.leastSquares(design, Matrix(rows: n, columns: 1, storage: data.y))
        let sdY = Statistics.standardDeviation(data.y, ddof: 1)
        let src = (0..<k).map { j in b[j + 1, 0] * Statistics.standardDeviation(data.x.storage[(j * n)..<((j + 1) * n)], ddof: 1) / sdY }
        let meanY = Statistics.mean(data.y)
        var ssRes = 0.0, ssTot = 0.0
        for i in 0..<n {
            var fit = b[0, 0]
            for j in 0..<k { fit += b[j + 1, 0] * data.x[i, j] }
            ssRes += (data.y[i] - fit) * (data.y[i] - fit)
            ssTot += (data.y[i] - meanY) * (data.y[i] - meanY)
        }
        return SRCResult(names: data.names, src: src, r2: 1 - ssRes / ssTot, droppedRows: data.dropped)
    }
}

/// SRC (or SRRC) per input and the fit's R², keys `names`, `SRC`, `R2`.
public struct SRCResult: Sendable, Codable {
    public var names: [String]
    @NaNAsNull public var src: [Double]
    @NaNAsNull public var r2: Double
    /// Rows removed for non-finite values, 0-based. Not encoded.
    public var droppedRows: [Int] = []

    public init(names: [String], src: [Double], r2: Double, droppedRows: [Int] = []) {
        self.names = names
        self.src = src
        self.r2 = r2
        self.droppedRows = droppedRows
    }

    enum CodingKeys: String, CodingKey { case names, src = "SRC", r2 = "R2" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            names: try c.decode([String].self, forKey: .names), src: try c.decodeNullable([Double].self, forKey: .src),
            r2: try c.decodeIfPresent(Double.self, forKey: .r2) ?? .nan)
    }
}

/// Validated regression input shared by PRCC and SRC: finite rows, enough of them, no
/// constant column, optionally rank-transformed.
struct RegressionData {
    let x: Matrix
    let y: [Double]
    let names: [String]
    let dropped: [Int]

    init(inputs: Matrix, outputs: [Double], names: [String]?, ranks: Bool, dropNonFinite: Bool) throws {
        let k = inputs.columns
        guard k >= 1 else { throw AnalysisError(.shapeMismatch, "the design has no input columns") }
        guard inputs.rows == outputs.count else {
            throw AnalysisError(.shapeMismatch, "the samples have \(inputs.rows) rows but the outputs \(outputs.count)")
        }
        let names = names ?? (1...k).map { "x\($0)" }
        guard names.count == k else { throw AnalysisError(.shapeMismatch, "\(names.count) names for \(k) inputs") }
        let bad = (0..<inputs.rows).filter { i in !outputs[i].isFinite || (0..<k).contains { !inputs[i, $0].isFinite } }
        if !bad.isEmpty && !dropNonFinite {
            throw AnalysisError(
                .nonFiniteValues,
                "\(bad.count) of \(inputs.rows) rows have a non-finite output or input (NaN or ±inf); first at rows \(AnalysisError.list(bad)) (0-based); fix the model runs or drop those rows with --drop-nonfinite (dropNonFinite in the library)",
                rows: bad)
        }
        let keep = bad.isEmpty ? Array(0..<inputs.rows) : (0..<inputs.rows).filter { !Set(bad).contains($0) }
        let n = keep.count
        guard n > k + 1 else {
            throw AnalysisError(.singular, "\(n) runs for \(k) inputs: a regression with intercept needs at least k + 2 = \(k + 2) runs")
        }
        var x = Matrix(rows: n, columns: k)
        for j in 0..<k {
            var column = keep.map { inputs[$0, j] }
            guard column.contains(where: { $0 != column[0] }) else {
                throw AnalysisError(.singular, "input '\(names[j])' is constant over the design: its coefficient is undefined")
            }
            if ranks { column = Statistics.averageRanks(column) }
            for i in 0..<n { x[i, j] = column[i] }
        }
        var y = keep.map { outputs[$0] }
        guard y.contains(where: { $0 != y[0] }) else {
            throw AnalysisError(.constantOutput, "the output is constant over the design: correlations with it are undefined")
        }
        if ranks { y = Statistics.averageRanks(y) }
        self.x = x
        self.y = y
        self.names = names
        self.dropped = bad
    }

    /// Residuals of each column of `rhs` after least squares on an intercept and every input
    /// but `j`.
    /// - Throws: when input j is (nearly) a linear combination of the others, which makes any
    ///   coefficient of it meaningless; dgels would not say so.
    func residuals(of rhs: Matrix, onAllBut j: Int) throws -> Matrix {
        let n = x.rows, k = x.columns
        var design = Matrix(rows: n, columns: k, repeating: 1)
        var c = 1
        for other in 0..<k where other != j {
            for i in 0..<n { design[i, c] = x[i, other] }
            c += 1
        }
        let beta = try LAPACK.leastSquares(design, rhs)
        var e = rhs
        for col in 0..<rhs.columns {
            for i in 0..<n {
                var fit = 0.0
                for p in 0..<k { fit += design[i, p] * beta[p, col] }
                e[i, col] -= fit
            }
        }
        // Column 0 of rhs is always input j: a residual below 1e-10 of its spread means the
        // other inputs reproduce it (variance inflation factor > 1e10).
        let xj = x.storage[(j * n)..<((j + 1) * n)]
        let total = Statistics.variance(xj) * Double(n)
        var resid = 0.0
        for i in 0..<n { resid += e[i, 0] * e[i, 0] }
        guard resid > 1e-10 * total else {
            throw AnalysisError(.singular, "input '\(names[j])' is (nearly) a linear combination of the other inputs: the design is rank-deficient")
        }
        return e
    }
}
