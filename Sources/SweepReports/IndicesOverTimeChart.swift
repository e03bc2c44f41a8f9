/// Sensitivity indices as they change over simulated time, one line per parameter.
///
/// Only the `maxSeries` parameters with the largest index at any time are drawn (a parameter
/// that dominates briefly matters as much as one that is steadily moderate); the rest are
/// named in a note with their largest value, so the reader knows what was left out and why.
/// The y axis spans at least 0…1, the range of a variance share, so figures for different
/// outputs compare at a glance. With `halfWidths`, each line gets its confidence band (value ±
/// half-width) shaded in its colour.
///
/// ```swift
/// let chart = IndicesOverTimeChart(
///     title: "Total-order indices of Innovation Capability over time",
///     xLabel: AxisLabel("Time", unit: "Year"), yLabel: "Total-order index ST",
///     series: names.indices.map { ChartSeries(name: names[$0], x: time, y: st[$0]) })
/// ```
public struct IndicesOverTimeChart: SVGChart {
    public var title: String
    public var xLabel: AxisLabel
    public var yLabel: AxisLabel
    /// One series per parameter, x being the saved times.
    public var series: [ChartSeries]
    /// Half-widths of each series' interval, parallel to `series` (one per point); nil for none.
    public var halfWidths: [[Double]]?
    /// What the bands are, for the note under the chart ("95% bootstrap interval").
    public var intervalName: String
    /// A score per series that picks and orders the drawn ones instead of each series' own peak:
    /// give the S1 chart the ST peaks, and both charts draw the same parameters in the same colours.
    public var ranking: [Double]?
    /// How many parameters to draw at most.
    public var maxSeries: Int
    /// Whether the y axis includes 0…1 whatever the data (true for Sobol' indices).
    public var spansUnitInterval: Bool
    public var width: Double
    public var height: Double

    public init(
        title: String, xLabel: AxisLabel, yLabel: AxisLabel = "Sobol' index", series: [ChartSeries],
        halfWidths: [[Double]]? = nil, intervalName: String = "confidence interval", ranking: [Double]? = nil,
        maxSeries: Int = 6, spansUnitInterval: Bool = true, width: Double = 720, height: Double = 440
    ) {
        precondition(ranking.map { $0.count == series.count } ?? true, "one ranking score per series")
        precondition(halfWidths.map { $0.count == series.count && zip($0, series).allSatisfy { $0.count == $1.y.count } } ?? true,
                     "one half-width per point of every series")
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.halfWidths = halfWidths
        self.intervalName = intervalName
        self.ranking = ranking
        self.maxSeries = maxSeries
        self.spansUnitInterval = spansUnitInterval
        self.width = width
        self.height = height
    }

    /// The series drawn (by decreasing peak) and the names and peak of those left out.
    var selection: (kept: [ChartSeries], dropped: [String], droppedPeak: Double) {
        let (kept, dropped, peak) = ranked
        return (kept.map { series[$0] }, dropped.map { series[$0].name }, peak)
    }

    /// Indices into `series` of the kept and dropped ones, and the dropped ones' largest value.
    private var ranked: (kept: [Int], dropped: [Int], droppedPeak: Double) {
        func peak(_ s: ChartSeries) -> Double { s.y.filter(\.isFinite).max() ?? -.infinity }
        func score(_ i: Int) -> Double { ranking.map { $0[i].isFinite ? $0[i] : -.infinity } ?? peak(series[i]) }
        let order = series.indices.sorted { a, b in
            let (pa, pb) = (score(a), score(b))
            return pa != pb ? pa > pb : a < b
        }
        let dropped = Array(order.dropFirst(max(0, maxSeries)))
        return (Array(order.prefix(max(0, maxSeries))), dropped, dropped.map { peak(series[$0]) }.max() ?? 0)
    }

    public func svg() -> String {
        let (keptIndices, _, _) = ranked
        let (kept, dropped, droppedPeak) = selection
        var notes: [String] = []
        if halfWidths != nil { notes.append("Bands: \(intervalName).") }
        if !dropped.isEmpty {
            let what = dropped.count == 1 ? "1 other parameter" : "\(dropped.count) other parameters"
            let peak = NiceScale.fixed(max(droppedPeak, 0), decimals: 3)
            // Name a handful; a longer list would outweigh the chart (the report's tables list all).
            var names = dropped.prefix(6).joined(separator: ", ")
            if dropped.count > 6 { names += " and \(dropped.count - 6) more" }
            notes.append("Not shown: \(what) (\(names)), each with index ≤ \(peak) at every time.")
        }
        let note = notes.isEmpty ? nil : notes.joined(separator: " ")
        var chart = LineChart(title: title, xLabel: xLabel, yLabel: yLabel,
                              series: kept.map { ChartSeries(name: $0.name, x: $0.x, y: $0.y) },
                              includesZero: true, note: note, width: width, height: height)
        chart.yExtentFloor = spansUnitInterval ? (0, 1) : nil
        chart.alwaysShowsLegend = true
        if let halfWidths {
            chart.bands = keptIndices.map { i in
                let (y, c) = (series[i].y, halfWidths[i])
                return (zip(y, c).map { $0 - $1 }, zip(y, c).map { $0 + $1 })
            }
        }
        return chart.svg()
    }
}
