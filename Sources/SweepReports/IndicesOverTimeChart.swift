/// Sensitivity indices as they change over simulated time, one line per parameter.
///
/// Only the `maxSeries` parameters with the largest index at any time are drawn (a parameter
/// that dominates briefly matters as much as one that is steadily moderate); the rest are
/// named in a note with their largest value, so the reader knows what was left out and why.
/// The y axis spans at least 0…1, the range of a variance share, so figures for different
/// outputs compare at a glance.
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
    /// How many parameters to draw at most.
    public var maxSeries: Int
    /// Whether the y axis includes 0…1 whatever the data (true for Sobol' indices).
    public var spansUnitInterval: Bool
    public var width: Double
    public var height: Double

    public init(
        title: String, xLabel: AxisLabel, yLabel: AxisLabel = "Sobol' index", series: [ChartSeries],
        maxSeries: Int = 6, spansUnitInterval: Bool = true, width: Double = 720, height: Double = 440
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.maxSeries = maxSeries
        self.spansUnitInterval = spansUnitInterval
        self.width = width
        self.height = height
    }

    /// The series drawn (by decreasing peak) and the names and peak of those left out.
    var selection: (kept: [ChartSeries], dropped: [String], droppedPeak: Double) {
        func peak(_ s: ChartSeries) -> Double { s.y.filter(\.isFinite).max() ?? -.infinity }
        let ranked = series.enumerated().sorted { a, b in
            let (pa, pb) = (peak(a.element), peak(b.element))
            return pa != pb ? pa > pb : a.offset < b.offset
        }.map(\.element)
        let kept = Array(ranked.prefix(max(0, maxSeries)))
        let dropped = Array(ranked.dropFirst(max(0, maxSeries)))
        return (kept, dropped.map(\.name), dropped.map(peak).max() ?? 0)
    }

    public func svg() -> String {
        let (kept, dropped, droppedPeak) = selection
        var note: String?
        if !dropped.isEmpty {
            let what = dropped.count == 1 ? "1 other parameter" : "\(dropped.count) other parameters"
            let peak = NiceScale.fixed(max(droppedPeak, 0), decimals: 3)
            // Name a handful; a longer list would outweigh the chart (the report's tables list all).
            var names = dropped.prefix(6).joined(separator: ", ")
            if dropped.count > 6 { names += " and \(dropped.count - 6) more" }
            note = "Not shown: \(what) (\(names)), each with index ≤ \(peak) at every time."
        }
        var chart = LineChart(title: title, xLabel: xLabel, yLabel: yLabel,
                              series: kept.map { ChartSeries(name: $0.name, x: $0.x, y: $0.y) },
                              includesZero: true, note: note, width: width, height: height)
        chart.yExtentFloor = spansUnitInterval ? (0, 1) : nil
        chart.alwaysShowsLegend = true
        return chart.svg()
    }
}
