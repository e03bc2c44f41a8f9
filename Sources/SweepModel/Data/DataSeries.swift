/// How a data variable fills the times between its data points (Vensim DSS Reference
/// Manual, "Data Variables" and the `:INTERPOLATE:`, `:HOLD BACKWARD:`, `:LOOK FORWARD:` and
/// `:RAW:` keywords).
public enum DataInterpolation: String, Sendable, CaseIterable {
    /// Linear between points (Vensim's default for data).
    case interpolate = "INTERPOLATE"
    /// The value at the last data time at or before TIME.
    case holdBackward = "HOLD BACKWARD"
    /// The value at the first data time at or after TIME.
    case lookForward = "LOOK FORWARD"
    /// The value at the data times only, `:NA:` at any other time.
    case raw = "RAW"

    /// The keyword spelled as in a `.mdl` (`HOLD BACKWARD`, `hold_backward`), or nil.
    init?(keyword: String) {
        let k = keyword.uppercased().split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "\t" }).joined(separator: " ")
        self.init(rawValue: k)
    }
}

/// A time series read from a data file: strictly increasing times, each with a value. Before
/// the first and after the last time the end values hold (as Vensim and PySD do), except for
/// `:RAW:` data, which are `:NA:` away from their times.
struct DataSeries: Equatable, Sendable {
    var times: [Double]
    var values: [Double]

    /// The points whose time and value are both given, in order: a missing cell is no data
    /// point, so the interpolation runs across it (PySD fills missing data the same way).
    ///
    /// - Throws: `DataFileError` when no point is left or the times do not increase.
    init(times: [Double?], values: [Double?]) throws {
        var ts: [Double] = [], vs: [Double] = []
        for (t, v) in zip(times, values) {
            guard let t, let v, t.isFinite, v.isFinite else { continue }
            if let last = ts.last, !(t > last) {
                throw DataFileError("has times that do not increase (\(Expression.numberText(t)) after \(Expression.numberText(last)))")
            }
            ts.append(t)
            vs.append(v)
        }
        guard !ts.isEmpty else { throw DataFileError("holds no data point") }
        self.times = ts
        self.values = vs
    }

    /// The series as a lookup of TIME with `mode`'s interpolation: a `WITH LOOKUP(TIME, …)`
    /// node, which the compiler classes as time-only (computed once per step for a whole
    /// batch). A step is two points one representable time apart, `(t.nextDown, y₀), (t, y₁)`,
    /// so that the linear interpolation between them gives y₀ before t and y₁ from t on exactly.
    func expression(_ mode: DataInterpolation) -> Expression {
        let time = Expression.call(.time, [])
        var xs: [Double] = [], ys: [Double] = []
        switch mode {
        case .interpolate: (xs, ys) = (times, values)
        case .holdBackward:
            (xs, ys) = ([times[0]], [values[0]])
            for k in 1..<times.count { xs += [times[k].nextDown, times[k]]; ys += [values[k - 1], values[k]] }
        case .lookForward:
            (xs, ys) = ([times[0]], [values[0]])
            for k in 1..<times.count { xs += [times[k - 1].nextUp, times[k]]; ys += [values[k], values[k]] }
        case .raw:
            // 1 exactly at a data time, 0 at any other: the held value there, :NA: elsewhere.
            for t in times {
                for (x, y) in [(t.nextDown, 0.0), (t, 1.0), (t.nextUp, 0.0)] {
                    if let last = xs.last, x <= last {
                        if x == last && y == 1 { ys[ys.count - 1] = 1 }
                        continue
                    }
                    xs.append(x)
                    ys.append(y)
                }
            }
            let isDataTime = Expression.binary(.equal, .withLookup(time, table(xs: xs, ys: ys)), .number(1))
            return .call(.ifThenElse, [isDataTime, expression(.holdBackward), .number(.nan)])
        }
        return .withLookup(time, table(xs: xs, ys: ys))
    }

    /// The series as a lookup table: x the times, y the values, linear in between.
    var lookup: Lookup { table(xs: times, ys: values) }

    /// A table through the points; a single point becomes a flat line through it (a lookup
    /// needs two points).
    private func table(xs: [Double], ys: [Double]) -> Lookup {
        let (xs, ys) = xs.count == 1 ? ([xs[0], xs[0].nextUp], [ys[0], ys[0]]) : (xs, ys)
        // The x values increase by construction and the values are finite: this cannot fail.
        return try! Lookup(xs: xs, ys: ys)
    }
}
