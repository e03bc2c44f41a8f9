import SweepNumerics
import SweepSampling

extension SobolAnalysis {
    /// S1 and ST at every saved time: the scalar estimators applied to each column of a
    /// runs × times output matrix, on the same design and the same bootstrap index matrix
    /// (docs/gsa-notes.md §7).
    ///
    /// The columns go through one pass over the base rows together (vectorised over columns),
    /// and each column's indices are bit for bit those of analysing that column alone. A column
    /// with zero variance (stocks at their initial values at t = 0, say) has undefined indices:
    /// it is flagged in ``SobolTimeSeries/defined`` and its values are NaN. S2 is not computed
    /// over time; the layout may still hold the BA blocks.
    ///
    /// With `dropNonFinite`, a base block is dropped for every column if any of its outputs at
    /// any time is non-finite, so that all times share one design.
    ///
    /// ```swift
    /// let series = try SobolAnalysis(seed: 7).analyzeOverTime(
    ///     layout: layout, outputs: y, times: stride(from: 0, through: 20, by: 0.25).map { $0 })
    /// let table = series.table()
    /// try AtomicFile.write(CSVFormat.text(header: table.header, rows: table.rows), to: "sobol-time.csv")
    /// ```
    /// - Parameters:
    ///   - outputs: `layout.rows` × T, column t the output at `times[t]`.
    ///   - times: the saved times, T of them; default 0, 1, 2, ….
    ///   - names: factor (or group) names.
    /// - Throws: ``AnalysisError`` for bad options, shapes, or non-finite outputs (unless dropped).
    /// - Complexity: O(N·T·(2k + 4)·B), one pass over the runs.
    public func analyzeOverTime(
        layout: SaltelliLayout, outputs: Matrix, times: [Double]? = nil, names: [String]? = nil
    ) throws -> SobolTimeSeries {
        try analyzeOverTime(layout: layout, outputs: outputs, times: times, names: names, chunkBytes: 48 << 20)
    }

    /// `chunkBytes` bounds the memory of one pass (columns are processed in chunks that fit);
    /// tests shrink it to check that chunking does not change any bit.
    func analyzeOverTime(
        layout: SaltelliLayout, outputs: Matrix, times: [Double]?, names: [String]?, chunkBytes: Int
    ) throws -> SobolTimeSeries {
        let names = try validate(layout: layout, rows: outputs.rows, names: names)
        let times = times ?? (0..<outputs.columns).map(Double.init)
        guard times.count == outputs.columns else {
            throw AnalysisError(.shapeMismatch, "\(times.count) times for \(outputs.columns) output columns")
        }
        var kept = (layout: layout, storage: outputs.storage, dropped: [Int]())
        if outputs.storage.contains(where: { !$0.isFinite }) {
            let columns = (0..<outputs.columns).map { outputs.column($0) }
            let reduced = try SobolAnalysis.keepFinite(layout: layout, columns: columns, drop: dropNonFinite)
            kept = (reduced.layout, reduced.columns.flatMap { $0 }, reduced.dropped)
        }
        let kernel = SobolKernel(
            layout: kept.layout, secondOrder: false,
            resamples: BootstrapResamples(seed: seed, size: kept.layout.baseRows, count: bootstrap),
            z: BootstrapResamples.z(confidence: confidence), keepResamples: false, chunkBytes: chunkBytes, estimator: estimator)
        let results = kept.storage.withUnsafeBufferPointer { kernel.run(outputs: $0, columns: outputs.columns) }
        return SobolTimeSeries(
            names: names, times: times,
            s1: results.map(\.s1), s1Conf: results.map(\.s1Conf),
            st: results.map(\.st), stConf: results.map(\.stConf),
            defined: results.map(\.defined), droppedBaseRows: kept.dropped)
    }
}

/// S1 and ST over time: one row of values per saved time, NaN where undefined.
public struct SobolTimeSeries: Sendable, Codable {
    public var names: [String]
    public var times: [Double]
    /// `s1[t][j]`: factor j at `times[t]`.
    @NaNAsNull public var s1: [[Double]]
    @NaNAsNull public var s1Conf: [[Double]]
    @NaNAsNull public var st: [[Double]]
    @NaNAsNull public var stConf: [[Double]]
    /// False where the output had zero variance at that time, so no index is defined.
    public var defined: [Bool]
    /// The base blocks removed for non-finite outputs, 0-based.
    public var droppedBaseRows: [Int]

    public init(
        names: [String], times: [Double], s1: [[Double]], s1Conf: [[Double]], st: [[Double]], stConf: [[Double]],
        defined: [Bool], droppedBaseRows: [Int] = []
    ) {
        self.names = names
        self.times = times
        self.s1 = s1
        self.s1Conf = s1Conf
        self.st = st
        self.stConf = stConf
        self.defined = defined
        self.droppedBaseRows = droppedBaseRows
    }

    /// The times whose indices are undefined (zero output variance).
    public var undefinedTimes: [Double] { zip(times, defined).filter { !$0.1 }.map(\.0) }

    /// The long table `time, parameter, S1, S1_conf, ST, ST_conf`, one row per time and factor;
    /// undefined values are written `nan`.
    public func table() -> (header: [String], rows: [[String]]) {
        var rows: [[String]] = []
        rows.reserveCapacity(times.count * names.count)
        for (t, time) in times.enumerated() {
            for (j, name) in names.enumerated() {
                rows.append([
                    CSVFormat.number(time), name, CSVFormat.number(s1[t][j]), CSVFormat.number(s1Conf[t][j]),
                    CSVFormat.number(st[t][j]), CSVFormat.number(stConf[t][j]),
                ])
            }
        }
        return (["time", "parameter", "S1", "S1_conf", "ST", "ST_conf"], rows)
    }

    enum CodingKeys: String, CodingKey {
        case names, times, s1 = "S1", s1Conf = "S1_conf", st = "ST", stConf = "ST_conf", defined
        case droppedBaseRows = "dropped_base_rows"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            names: try c.decode([String].self, forKey: .names), times: try c.decode([Double].self, forKey: .times),
            s1: try c.decodeNullable([[Double]].self, forKey: .s1), s1Conf: try c.decodeNullable([[Double]].self, forKey: .s1Conf),
            st: try c.decodeNullable([[Double]].self, forKey: .st), stConf: try c.decodeNullable([[Double]].self, forKey: .stConf),
            defined: try c.decode([Bool].self, forKey: .defined),
            droppedBaseRows: try c.decodeIfPresent([Int].self, forKey: .droppedBaseRows) ?? [])
    }
}
