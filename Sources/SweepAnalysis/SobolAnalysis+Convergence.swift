import SweepNumerics
import SweepSampling

extension SobolAnalysis {
    /// S1 and ST, with their bootstrap half-widths, recomputed on nested prefixes of one
    /// Saltelli design: N, N/2, N/4, … base rows down to `minimumBaseRows`, so a reader sees
    /// whether the indices have settled at the N the study ran.
    ///
    /// The rows of a Saltelli design come in base blocks (``SaltelliLayout``), and the first n
    /// base rows of a Sobol'-sequence design are themselves a Saltelli design of size n (the
    /// sequence's first n points, a net when n is a power of 2): so no model is run again, each
    /// prefix is analysed as the scalar analysis would analyse it, with the same seed and
    /// options. At the full N the numbers are those of ``analyze(layout:outputs:names:)`` bit
    /// for bit. A prefix whose output does not vary has NaN indices.
    ///
    /// ```swift
    /// let c = try SobolAnalysis(bootstrap: 300, seed: 7).convergence(layout: design.layout, outputs: y, names: names)
    /// c.baseRows           // [64, 128, 256, 512, 1024]
    /// c.st.last == full.st // true
    /// ```
    ///
    /// - Parameters:
    ///   - minimumBaseRows: the smallest prefix; N itself is always analysed.
    ///   - full: this analysis of the whole design, when the caller has it already (it is then
    ///     not computed again).
    /// - Throws: ``AnalysisError`` as ``analyze(layout:outputs:names:)`` does for the full design.
    /// - Complexity: under twice the cost of one analysis of the full design (the prefixes
    ///   halve), and as deterministic: the same bits whatever the thread count.
    public func convergence(
        layout: SaltelliLayout, outputs: [Double], names: [String]? = nil, minimumBaseRows: Int = 64, full: SobolIndices? = nil
    ) throws -> SobolConvergence {
        let full = try full ?? analyze(layout: layout, outputs: outputs, names: names)
        var sizes: [Int] = []
        var n = layout.baseRows / 2
        while n >= max(2, minimumBaseRows) {
            sizes.insert(n, at: 0)
            n /= 2
        }
        var result = SobolConvergence(names: full.names, bootstrap: bootstrap)
        for size in sizes {
            let prefix = Array(outputs[0..<(size * layout.blockSize)])
            do {
                result.append(size, try analyze(layout: layout.keeping(baseRows: size), outputs: prefix, names: full.names))
            } catch let error as AnalysisError where error.isConstantOutput {
                let nan = [Double](repeating: .nan, count: full.names.count)
                result.append(size, SobolIndices(names: full.names, s1: nan, s1Conf: nan, st: nan, stConf: nan))
            }
        }
        result.append(layout.baseRows, full)
        return result
    }
}

/// S1 and ST against the number of base rows N: one row of values per prefix of the design,
/// smallest first; the last row is the full design.
public struct SobolConvergence: Sendable, Codable {
    public var names: [String]
    /// B, the bootstrap resamples of every prefix.
    public var bootstrap: Int
    /// N of each prefix, ascending.
    public var baseRows: [Int] = []
    /// `s1[p][j]`: factor j on prefix p.
    @NaNAsNull public var s1: [[Double]] = []
    @NaNAsNull public var s1Conf: [[Double]] = []
    @NaNAsNull public var st: [[Double]] = []
    @NaNAsNull public var stConf: [[Double]] = []

    public init(names: [String], bootstrap: Int) {
        self.names = names
        self.bootstrap = bootstrap
    }

    mutating func append(_ n: Int, _ indices: SobolIndices) {
        baseRows.append(n)
        s1.append(indices.s1)
        s1Conf.append(indices.s1Conf)
        st.append(indices.st)
        stConf.append(indices.stConf)
    }

    /// The long table `N, parameter, S1, S1_conf, ST, ST_conf`, one row per prefix and factor;
    /// undefined values are written `nan`.
    public func table() -> (header: [String], rows: [[String]]) {
        var rows: [[String]] = []
        for (p, n) in baseRows.enumerated() {
            for (j, name) in names.enumerated() {
                rows.append(["\(n)", name, CSVFormat.number(s1[p][j]), CSVFormat.number(s1Conf[p][j]),
                             CSVFormat.number(st[p][j]), CSVFormat.number(stConf[p][j])])
            }
        }
        return (["N", "parameter", "S1", "S1_conf", "ST", "ST_conf"], rows)
    }

    enum CodingKeys: String, CodingKey {
        case names, bootstrap, baseRows = "N", s1 = "S1", s1Conf = "S1_conf", st = "ST", stConf = "ST_conf"
    }
}
