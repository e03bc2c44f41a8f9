import Foundation
import SweepNumerics
import SweepSampling

/// Sobol' sensitivity indices from a Saltelli design, with SALib 1.6's estimators and
/// normalisation, and bootstrap confidence intervals.
///
/// Estimators (docs/gsa-notes.md §3), on outputs centred and scaled over **all** rows (ddof 0):
/// - S1_j = mean[f(B)·(f(AB^(j)) − f(A))] / V̂ (Saltelli et al. 2010, Table 2 (b));
/// - ST_j = ½·mean[(f(A) − f(AB^(j)))²] / V̂ (Jansen 1999; Saltelli et al. 2010, Table 2 (f));
/// - S2_jk = mean[f(BA^(j))·f(AB^(k)) − f(A)·f(B)] / V̂ − S1_j − S1_k (Saltelli 2002);
///
/// with V̂ the variance (ddof 0) of f(A) ∪ f(B). On the same design and outputs the indices
/// equal SALib's `analyze.sobol.analyze` to rounding.
///
/// Confidence intervals follow SALib: one bootstrap index matrix r (N × B) over the base rows,
/// shared by every index ( ``BootstrapResamples`` ); every estimator, V̂ included, is recomputed
/// on each resample without renormalising; the half-width is z·sd(ddof 1) of the resampled
/// estimates with z = Φ⁻¹(0.5 + conf/2) (Archer, Saltelli & Sobol' 1997). The resampled S1 and ST
/// are kept in the result for ranking robustness. The RNG differs from numpy's, so CIs agree
/// with SALib's statistically, not bitwise.
///
/// With groups, the layout's factors are the groups and `names` are group names.
///
/// ```swift
/// let layout = SaltelliLayout(factors: 3, baseRows: 8192, secondOrder: true)
/// let indices = try SobolAnalysis(bootstrap: 100, confidence: 0.95, seed: 1)
///     .analyze(layout: layout, outputs: y, names: ["x1", "x2", "x3"])   // S2 too: the layout has BA
/// print(indices.st, indices.stConf)
/// ```
///
/// References: Saltelli, A. (2002), Comput. Phys. Commun. 145, 280–297,
/// doi:10.1016/S0010-4655(02)00280-1. Saltelli, A. et al. (2010), Comput. Phys. Commun. 181,
/// 259–270, doi:10.1016/j.cpc.2009.09.018. Jansen, M. J. W. (1999), Comput. Phys. Commun. 117,
/// 35–43. Archer, G., Saltelli, A., Sobol', I. M. (1997), J. Stat. Comput. Simul. 58, 99–120.
public struct SobolAnalysis: Sendable, Hashable {
    /// B, the number of bootstrap resamples (SALib's `num_resamples`).
    public var bootstrap: Int
    /// The confidence level of the reported half-widths, in (0, 1).
    public var confidence: Double
    /// Seed of the bootstrap index matrix.
    public var seed: UInt64
    /// Whether to estimate S2. nil (the default) follows the layout, which says whether the BA
    /// blocks are there; `true` also refuses a layout without them, `false` skips S2.
    public var secondOrder: Bool?
    /// Drop every base block with a non-finite output instead of refusing the input. Dropping
    /// single rows would corrupt the layout (docs/gsa-notes.md §2), so whole blocks go.
    public var dropNonFinite: Bool
    /// How S1 and ST are estimated (``SobolEstimator``); SALib's by default.
    public var estimator: SobolEstimator

    /// Bytes the bootstrap's quantity table holds while `columns` outputs of `layout` are
    /// analysed (a chunk of columns at a time): what a memory estimate adds for this analysis.
    public func tableBytes(layout: SaltelliLayout, columns: Int) -> Int {
        let kernel = SobolKernel(layout: layout, secondOrder: layout.secondOrder, resamples: BootstrapResamples(seed: seed, size: layout.baseRows, count: bootstrap),
                                 z: 0, keepResamples: false, estimator: estimator)
        let widest = max(layout.baseRows, bootstrap)
        return SobolKernel.chunkColumns(columns, perColumn: kernel.perColumn, widest: widest, bytes: kernel.chunkBytes) * 8 * kernel.perColumn * widest
    }

    public init(
        bootstrap: Int = 100, confidence: Double = 0.95, seed: UInt64 = 1,
        secondOrder: Bool? = nil, dropNonFinite: Bool = false, estimator: SobolEstimator = .saltelli2010
    ) {
        self.bootstrap = bootstrap
        self.confidence = confidence
        self.seed = seed
        self.secondOrder = secondOrder
        self.dropNonFinite = dropNonFinite
        self.estimator = estimator
    }

    /// Indices of one scalar output.
    ///
    /// - Parameters:
    ///   - layout: the design's row layout; `outputs[row]` belongs to design row `row`.
    ///   - outputs: one model output per design row (`layout.rows` values).
    ///   - names: factor (or group) names, `layout.factors` of them; default `x1`, `x2`, ….
    /// - Returns: S1, ST (and S2) with confidence half-widths and the resampled estimates.
    /// - Throws: ``AnalysisError`` for bad options, a length mismatch, non-finite outputs
    ///   (unless `dropNonFinite`), or a constant output, whose indices are undefined.
    /// - Complexity: O(N·q·B) for q = 2k + 4 quantities (plus k(k−1)/2 with S2), spread over
    ///   the cores.
    public func analyze(layout: SaltelliLayout, outputs: [Double], names: [String]? = nil) throws -> SobolIndices {
        let names = try validate(layout: layout, rows: outputs.count, names: names)
        let kept = try SobolAnalysis.keepFinite(layout: layout, columns: [outputs], drop: dropNonFinite)
        let kernel = SobolKernel(
            layout: kept.layout, secondOrder: secondOrder ?? layout.secondOrder,
            resamples: BootstrapResamples(seed: seed, size: kept.layout.baseRows, count: bootstrap),
            z: BootstrapResamples.z(confidence: confidence), keepResamples: true, estimator: estimator)
        let result = kept.columns[0].withUnsafeBufferPointer { kernel.run(outputs: $0, columns: 1) }[0]
        guard result.defined else {
            throw AnalysisError(
                .constantOutput,
                "the output has zero variance over the design (constant output): Sobol' indices are undefined")
        }
        return SobolIndices(
            names: names, s1: result.s1, s1Conf: result.s1Conf, st: result.st, stConf: result.stConf,
            s2: result.s2, s2Conf: result.s2Conf, resampledS1: result.resampledS1!, resampledST: result.resampledST!,
            baseRows: kept.layout.baseRows, droppedBaseRows: kept.dropped)
    }

    func validate(layout: SaltelliLayout, rows: Int, names: [String]?) throws -> [String] {
        try AnalysisError.checkBootstrap(bootstrap, confidence: confidence)
        if secondOrder == true && !layout.secondOrder {
            throw AnalysisError.option("second-order indices need a design with the BA blocks (N(2k+2) rows)")
        }
        guard rows == layout.rows else {
            throw AnalysisError(
                .shapeMismatch,
                "the outputs have \(rows) rows but the Saltelli design (k = \(layout.factors), N = \(layout.baseRows)\(layout.secondOrder ? ", second order" : "")) has \(layout.rows)")
        }
        let names = names ?? (1...layout.factors).map { "x\($0)" }
        guard names.count == layout.factors else {
            throw AnalysisError(.shapeMismatch, "\(names.count) names for \(layout.factors) factors")
        }
        return names
    }

    /// Finds non-finite outputs; refuses them or removes their whole base blocks.
    static func keepFinite(
        layout: SaltelliLayout, columns: [[Double]], drop: Bool
    ) throws -> (layout: SaltelliLayout, columns: [[Double]], dropped: [Int]) {
        var badRows: [Int] = []
        for row in 0..<layout.rows where columns.contains(where: { !$0[row].isFinite }) { badRows.append(row) }
        if badRows.isEmpty { return (layout, columns, []) }
        var badBlocks: [Int] = []
        for row in badRows where badBlocks.last != layout.baseRow(of: row) { badBlocks.append(layout.baseRow(of: row)) }
        guard drop else {
            throw AnalysisError(
                .nonFiniteValues,
                "\(badRows.count) non-finite outputs (NaN or ±inf) in \(badBlocks.count) of \(layout.baseRows) base blocks; first at rows \(AnalysisError.list(badRows)) (0-based; base blocks \(AnalysisError.list(badBlocks))); fix the model runs or drop those blocks with --drop-nonfinite (dropNonFinite in the library)",
                rows: badRows)
        }
        let keptBlocks = (0..<layout.baseRows).filter { !badBlocks.contains($0) }  // badBlocks is sorted and short
        guard keptBlocks.count >= 2 else {
            throw AnalysisError(.nonFiniteValues, "every base block but \(keptBlocks.count) has a non-finite output: nothing left to analyse", rows: badRows)
        }
        let reduced = layout.keeping(baseRows: keptBlocks.count)
        let newColumns = columns.map { column -> [Double] in
            var out: [Double] = []
            out.reserveCapacity(reduced.rows)
            for block in keptBlocks { out += column[layout.rows(ofBaseRow: block)] }
            return out
        }
        return (reduced, newColumns, badBlocks)
    }
}

/// Sobol' indices of one output: SALib's result keys, with NaN where SALib has NaN.
public struct SobolIndices: Sendable, Codable {
    /// Factor or group names.
    public var names: [String]
    public var s1: [Double]
    public var s1Conf: [Double]
    public var st: [Double]
    public var stConf: [Double]
    /// k×k, S2[j][l] for j < l; NaN on and below the diagonal (SALib's layout). Nil without S2.
    public var s2: [[Double]]?
    public var s2Conf: [[Double]]?
    /// The bootstrap estimates, one row per resample (B × k): SALib's `S1_conf_all`. Not encoded.
    public var resampledS1: Matrix
    /// SALib's `ST_conf_all` (B × k). Not encoded.
    public var resampledST: Matrix
    /// N actually used (after dropped blocks). Not encoded.
    public var baseRows: Int
    /// The base blocks removed for non-finite outputs, 0-based. Not encoded.
    public var droppedBaseRows: [Int]

    public init(
        names: [String], s1: [Double], s1Conf: [Double], st: [Double], stConf: [Double],
        s2: [[Double]]? = nil, s2Conf: [[Double]]? = nil,
        resampledS1: Matrix = Matrix(rows: 0, columns: 0), resampledST: Matrix = Matrix(rows: 0, columns: 0),
        baseRows: Int = 0, droppedBaseRows: [Int] = []
    ) {
        self.names = names
        self.s1 = s1
        self.s1Conf = s1Conf
        self.st = st
        self.stConf = stConf
        self.s2 = s2
        self.s2Conf = s2Conf
        self.resampledS1 = resampledS1
        self.resampledST = resampledST
        self.baseRows = baseRows
        self.droppedBaseRows = droppedBaseRows
    }

    enum CodingKeys: String, CodingKey {
        case names, s1 = "S1", s1Conf = "S1_conf", st = "ST", stConf = "ST_conf", s2 = "S2", s2Conf = "S2_conf"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            names: try c.decode([String].self, forKey: .names),
            s1: try c.decodeNullable([Double].self, forKey: .s1),
            s1Conf: try c.decodeNullable([Double].self, forKey: .s1Conf),
            st: try c.decodeNullable([Double].self, forKey: .st),
            stConf: try c.decodeNullable([Double].self, forKey: .stConf),
            s2: c.contains(.s2) ? try c.decodeNullable([[Double]].self, forKey: .s2) : nil,
            s2Conf: c.contains(.s2Conf) ? try c.decodeNullable([[Double]].self, forKey: .s2Conf) : nil)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(names, forKey: .names)
        try c.encodeNullable(s1, forKey: .s1)
        try c.encodeNullable(s1Conf, forKey: .s1Conf)
        try c.encodeNullable(st, forKey: .st)
        try c.encodeNullable(stConf, forKey: .stConf)
        if let s2 { try c.encodeNullable(s2, forKey: .s2) }
        if let s2Conf { try c.encodeNullable(s2Conf, forKey: .s2Conf) }
    }
}

/// The shared engine of the scalar and time-resolved analyses: several output columns on one
/// layout, one pass over the base rows, one bootstrap index matrix.
///
/// Every estimator is a ratio of means over base rows, so a resample needs only the
/// count-weighted sums of per-row quantities (a, b, a², b², b(ab_j − a), (a − ab_j)², and
/// ba_j·ab_l − a·b). Those quantities are laid out row by row (columns × quantities contiguous),
/// and each resample's sums stream through them once, vectorised over quantities and columns.
/// Each sum runs over rows in ascending order whatever the column count, blocking or thread
/// count, so a column analysed with others gives the same bits as analysed alone.
struct SobolKernel: Sendable {
    let layout: SaltelliLayout
    /// Whether S2 is estimated; the layout must then hold the BA blocks.
    let secondOrder: Bool
    let resamples: BootstrapResamples
    let z: Double
    let keepResamples: Bool

    struct ColumnResult {
        var defined = false
        var s1: [Double], s1Conf: [Double], st: [Double], stConf: [Double]
        var s2: [[Double]]?, s2Conf: [[Double]]?
        var resampledS1: Matrix?, resampledST: Matrix?

        init(k: Int, secondOrder: Bool) {
            let nan = [Double](repeating: .nan, count: k)
            s1 = nan; s1Conf = nan; st = nan; stConf = nan
            if secondOrder {
                s2 = Array(repeating: nan, count: k)
                s2Conf = s2
            }
        }
    }

    var k: Int { layout.factors }
    var pairs: Int { secondOrder ? k * (k - 1) / 2 : 0 }
    /// Quantities per column: a, b, a², b², the estimator's sums for each factor, S2's pairs.
    var perColumn: Int { 4 + estimator.perFactor * k + pairs }

    /// Bytes the row-major quantity table and the resample sums may use per chunk of columns.
    var chunkBytes = 48 << 20

    /// Columns analysed at once: as many as fit `bytes` (at least one), each holding
    /// `perColumn` quantities per base row or resample, whichever are more (`widest`).
    static func chunkColumns(_ columns: Int, perColumn: Int, widest: Int, bytes: Int) -> Int {
        max(1, min(columns, bytes / (8 * perColumn * widest)))
    }
    var estimator: SobolEstimator = .saltelli2010

    /// Analyses `columns` output columns stored column-major in `outputs` (layout.rows each).
    func run(outputs: UnsafeBufferPointer<Double>, columns: Int) -> [ColumnResult] {
        precondition(outputs.count == layout.rows * columns)
        let chunk = Self.chunkColumns(columns, perColumn: perColumn, widest: max(layout.baseRows, resamples.count), bytes: chunkBytes)
        var results: [ColumnResult] = []
        results.reserveCapacity(columns)
        var first = 0
        while first < columns {
            let count = min(chunk, columns - first)
            results += runChunk(outputs: outputs, firstColumn: first, columns: count)
            first += count
        }
        return results
    }

    private func runChunk(outputs: UnsafeBufferPointer<Double>, firstColumn: Int, columns: Int) -> [ColumnResult] {
        var results = (0..<columns).map { _ in ColumnResult(k: k, secondOrder: secondOrder) }
        let scaling = standardise(outputs: outputs, firstColumn: firstColumn, results: &results)
        let table = quantityTable(outputs: outputs, firstColumn: firstColumn, scaling: scaling, defined: results.map(\.defined))
        estimateFullSample(table: table, results: &results)
        estimateIntervals(table: table, results: &results)
        return results
    }

    /// The centre and scale of each column over all rows, ddof 0, as SALib does (#114/#128):
    /// the centring constant changes S1 and S2 in finite samples, so it must be SALib's. A
    /// column that does not vary is left undefined.
    private func standardise(
        outputs: UnsafeBufferPointer<Double>, firstColumn: Int, results: inout [ColumnResult]
    ) -> (centre: [Double], scale: [Double]) {
        let rows = layout.rows
        var centre = [Double](repeating: 0, count: results.count)
        var scale = [Double](repeating: 1, count: results.count)
        for c in results.indices {
            let y = UnsafeBufferPointer(rebasing: outputs[((firstColumn + c) * rows)..<((firstColumn + c + 1) * rows)])
            var lo = Double.infinity, hi = -Double.infinity, big = 0.0
            for v in y { lo = min(lo, v); hi = max(hi, v); big = max(big, abs(v)) }
            // Variation at the level of rounding noise is no signal: treat it as constant.
            if hi - lo <= 8 * Double.ulpOfOne * big { continue }
            let m = Statistics.mean(y)
            var ss = 0.0
            for v in y { ss += (v - m) * (v - m) }
            centre[c] = m
            scale[c] = (ss / Double(rows)).squareRoot()
            results[c].defined = true
        }
        return (centre, scale)
    }

    /// The per-base-row quantities of every defined column, row-major:
    /// F[i * width + c * q + t] with width = q · columns.
    private func quantityTable(
        outputs: UnsafeBufferPointer<Double>, firstColumn: Int, scaling: (centre: [Double], scale: [Double]), defined: [Bool]
    ) -> [Double] {
        let n = layout.baseRows, k = self.k, q = perColumn, columns = defined.count, width = q * columns
        let layout = self.layout, secondOrder = self.secondOrder
        var table = [Double](repeating: 0, count: n * width)
        table.withUnsafeMutableBufferPointer { f in
            for i in 0..<n {
                for c in 0..<columns where defined[c] {
                    let col = outputs.baseAddress! + (firstColumn + c) * layout.rows
                    let m = scaling.centre[c], s = scaling.scale[c]
                    let row = f.baseAddress! + i * width + c * q
                    let a = (col[layout.rowA(i)] - m) / s
                    let b = (col[layout.rowB(i)] - m) / s
                    row[0] = a; row[1] = b; row[2] = a * a; row[3] = b * b
                    for j in 0..<k {
                        let ab = (col[layout.rowAB(i, j)] - m) / s
                        estimator.quantities(a: a, b: b, ab: ab, j: j, k: k, into: row + 4)
                    }
                    if secondOrder {
                        var p = 4 + estimator.perFactor * k
                        for j in 0..<k {
                            let ba = (col[layout.rowBA(i, j)] - m) / s
                            for l in (j + 1)..<k {
                                let abl = (col[layout.rowAB(i, l)] - m) / s
                                row[p] = ba * abl - a * b
                                p += 1
                            }
                        }
                    }
                }
            }
        }
        return table
    }

    /// Full-sample estimates: the table's sums with every count 1, V̂ two-pass as numpy's var.
    private func estimateFullSample(table: [Double], results: inout [ColumnResult]) {
        let n = layout.baseRows, k = self.k, q = perColumn, width = q * results.count
        var total = [Double](repeating: 0, count: width)
        table.withUnsafeBufferPointer { f in
            total.withUnsafeMutableBufferPointer { t in
                for i in 0..<n {
                    let row = f.baseAddress! + i * width
                    for x in 0..<width { t[x] += row[x] }
                }
            }
        }
        for c in results.indices where results[c].defined {
            let off = c * q
            let mean = (total[off] + total[off + 1]) / Double(2 * n)
            var ss = 0.0
            for i in 0..<n { let a = table[i * width + off] - mean; ss += a * a }
            for i in 0..<n { let b = table[i * width + off + 1] - mean; ss += b * b }
            let v = ss / Double(2 * n)
            // SALib's `where=y_var > eps`: with V̂ this small the ratios are noise.
            guard v > Double.ulpOfOne else { results[c].defined = false; continue }
            var s = [Double](repeating: 0, count: 2 * k + pairs)
            total.withUnsafeBufferPointer { t in
                s.withUnsafeMutableBufferPointer { estimates(sums: t.baseAddress! + off, n: n, variance: v, into: $0.baseAddress!) }
            }
            results[c].s1 = Array(s[0..<k])
            results[c].st = Array(s[k..<(2 * k)])
            if secondOrder { results[c].s2 = upperTriangle(Array(s[(2 * k)...])) }
        }
    }

    /// Bootstrap: the count-weighted sums of every resample, then its estimates, their
    /// half-widths and (when kept) the resampled S1 and ST.
    private func estimateIntervals(table: [Double], results: inout [ColumnResult]) {
        let n = layout.baseRows, k = self.k, q = perColumn, width = q * results.count
        let bCount = resamples.count
        var sums = [Double](repeating: 0, count: bCount * width)
        accumulate(table: table, width: width, into: &sums)
        let e = 2 * k + pairs
        var est = [Double](repeating: 0, count: bCount * e)  // resample-major, reused per column
        for c in results.indices where results[c].defined {
            sums.withUnsafeBufferPointer { sp in
                est.withUnsafeMutableBufferPointer { ep in
                    for r in 0..<bCount {
                        let row = sp.baseAddress! + r * width + c * q
                        let mean = (row[0] + row[1]) / Double(2 * n)
                        // One-pass variance is safe here: the outputs are centred and scaled.
                        let v = (row[2] + row[3]) / Double(2 * n) - mean * mean
                        if v > Double.ulpOfOne {
                            estimates(sums: row, n: n, variance: v, into: ep.baseAddress! + r * e)
                        } else {
                            // A resample whose A ∪ B is constant has no estimate; its NaN makes
                            // the half-width NaN rather than silently narrower.
                            (ep.baseAddress! + r * e).update(repeating: .nan, count: e)
                        }
                    }
                }
            }
            func conf(_ t: Int) -> Double {
                BootstrapResamples.halfWidth((0..<bCount).lazy.map { est[$0 * e + t] }, z: z)
            }
            results[c].s1Conf = (0..<k).map { conf($0) }
            results[c].stConf = (0..<k).map { conf(k + $0) }
            if secondOrder { results[c].s2Conf = upperTriangle((0..<pairs).map { conf(2 * k + $0) }) }
            if keepResamples {
                var m1 = Matrix(rows: bCount, columns: k), mt = Matrix(rows: bCount, columns: k)
                for r in 0..<bCount {
                    for j in 0..<k { m1[r, j] = est[r * e + j]; mt[r, j] = est[r * e + k + j] }
                }
                results[c].resampledS1 = m1
                results[c].resampledST = mt
            }
        }
    }

    /// S1 (k), ST (k), S2 pairs from one column's sums over n rows (`sums` at the column's first
    /// quantity) and its V̂.
    private func estimates(sums: UnsafePointer<Double>, n: Int, variance v: Double, into out: UnsafeMutablePointer<Double>) {
        let k = self.k, nn = Double(n)
        for j in 0..<k { estimator.indices(sums: sums + 4, j: j, k: k, n: nn, variance: v, into: (out + j, out + k + j)) }
        guard secondOrder else { return }
        let pairSums = sums + 4 + estimator.perFactor * k
        var p = 0
        for j in 0..<k {
            for l in (j + 1)..<k {
                out[2 * k + p] = pairSums[p] / nn / v - out[j] - out[l]
                p += 1
            }
        }
    }

    /// Pairs (j < l, row by row) into a k×k matrix with NaN on and below the diagonal.
    private func upperTriangle(_ values: [Double]) -> [[Double]] {
        var m = [[Double]](repeating: [Double](repeating: .nan, count: k), count: k)
        var p = 0
        for j in 0..<k {
            for l in (j + 1)..<k { m[j][l] = values[p]; p += 1 }
        }
        return m
    }

    /// sums[r·width + x] = Σ_i count_r(i)·table[i·width + x] for every resample r, resamples
    /// split over the cores in blocks that share one read of each table row.
    private func accumulate(table: [Double], width: Int, into sums: inout [Double]) {
        let n = layout.baseRows
        let bCount = resamples.count
        let blockWidth = 8
        let blocks = (bCount + blockWidth - 1) / blockWidth
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, blocks))
        let resamples = self.resamples
        table.withUnsafeBufferPointer { f in
            sums.withUnsafeMutableBufferPointer { s in
                nonisolated(unsafe) let tablePtr = f.baseAddress!
                nonisolated(unsafe) let sumsPtr = s.baseAddress!
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    let counts = UnsafeMutablePointer<Int32>.allocate(capacity: blockWidth * n)
                    defer { counts.deallocate() }
                    var block = w * blocks / workers
                    let end = (w + 1) * blocks / workers
                    while block < end {
                        let r0 = block * blockWidth
                        let rb = min(blockWidth, bCount - r0)
                        for r in 0..<rb { resamples.fillCounts(r0 + r, into: counts + r * n) }
                        for i in 0..<n {
                            let row = tablePtr + i * width
                            for r in 0..<rb {
                                let cnt = counts[r * n + i]
                                if cnt == 0 { continue }
                                let weight = Double(cnt)
                                let dst = sumsPtr + (r0 + r) * width
                                for x in 0..<width { dst[x] += weight * row[x] }
                            }
                        }
                        block += 1
                    }
                }
            }
        }
    }
}
