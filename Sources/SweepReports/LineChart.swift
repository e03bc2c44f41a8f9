/// Several trajectories over time on one pair of axes, with the baseline drawn distinctly.
///
/// Used for the baseline run and for one-at-a-time runs against the baseline. A series with
/// style `.baseline` is black, thicker, listed first in the legend and drawn last so that no
/// other run hides it; the others take the Okabe–Ito colours in order, then repeat them dashed.
///
/// ```swift
/// let chart = LineChart(
///     title: "Innovation Capability, +50% internal elements",
///     xLabel: AxisLabel("Time", unit: "Year"),
///     yLabel: AxisLabel("Innovation Capability", unit: "dmnl"),
///     series: [
///         ChartSeries(name: "Baseline", x: time, y: base, style: .baseline),
///         ChartSeries(name: "Internal Knowledge Restructuring +50%", x: time, y: raised),
///     ])
/// try chart.svg().write(toFile: "figure5.svg", atomically: true, encoding: .utf8)
/// ```
public struct LineChart: SVGChart {
    public var title: String
    public var xLabel: AxisLabel
    public var yLabel: AxisLabel
    public var series: [ChartSeries]
    /// Whether the y axis must include zero (true suits stocks that start at or near zero).
    public var includesZero: Bool
    /// A line of small print under the axes (source, model version, …).
    public var note: String?
    public var width: Double
    public var height: Double
    /// A range the y axis always covers (indices over time keep 0…1).
    var yExtentFloor: (Double, Double)?
    /// A shaded band per series (its interval, drawn in the series' colour under the line);
    /// nil entries, or a shorter array, leave series without one.
    var bands: [(lower: [Double], upper: [Double])?] = []
    /// Fixed x ticks instead of nice ones (see `NiceScale.init(ticks:labels:)`).
    var xTicks: NiceScale?
    /// Shows the legend even for a single series, whose name is then the only place the
    /// reader learns which parameter is drawn.
    var alwaysShowsLegend = false

    public init(
        title: String, xLabel: AxisLabel, yLabel: AxisLabel, series: [ChartSeries],
        includesZero: Bool = false, note: String? = nil, width: Double = 720, height: Double = 440
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.includesZero = includesZero
        self.note = note
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        // Colours go to non-baseline series in their given order, so adding a baseline does not
        // recolour the other runs between figures.
        var styled: [(series: ChartSeries, color: String, width: Double, dash: String?)] = []
        var next = 0
        for s in series {
            switch s.style {
            case .baseline:
                styled.append((s, Palette.black, 2.75, nil))
            case .automatic, .dashed:
                let (color, dash) = Palette.series(next)
                next += 1
                styled.append((s, color, 1.75, s.style == .dashed ? (dash ?? "7 4") : dash))
            }
        }
        let legendOrder = styled.filter { $0.series.style == .baseline } + styled.filter { $0.series.style != .baseline }
        let entries = legendOrder.map {
            LegendEntry(name: $0.series.name, swatch: .line(color: $0.color, width: $0.width, dash: $0.dash))
        }

        let xs = XYFrame.extent(series.flatMap(\.x)) ?? (0, 1)
        var ys = XYFrame.extent(series.flatMap(\.y) + bands.flatMap { ($0?.lower ?? []) + ($0?.upper ?? []) }) ?? (0, 1)
        if includesZero { ys = (min(ys.0, 0), max(ys.1, 0)) }
        if let floor = yExtentFloor { ys = (min(ys.0, floor.0), max(ys.1, floor.1)) }
        let frame = XYFrame(width: width, height: height, title: title, xTitle: xLabel.text, yTitle: yLabel.text,
                            xRange: xs, yRange: ys, legend: series.count > 1 || alwaysShowsLegend ? entries : [], footnote: note,
                            xTicks: xTicks)

        var canvas = frame.makeCanvas()
        frame.drawChrome(into: &canvas)
        drawBands(styled.map(\.color), in: frame, into: &canvas)
        let drawOrder = styled.filter { $0.series.style != .baseline } + styled.filter { $0.series.style == .baseline }
        for item in drawOrder {
            canvas.beginGroup("series: \(item.series.name)")
            for piece in XYFrame.segments(x: item.series.x, y: item.series.y) {
                let points = piece.map { frame.point($0.0, $0.1) }
                if points.count == 1 {
                    canvas.circle(points[0], radius: item.width, fill: item.color)
                } else {
                    canvas.polyline(points, stroke: item.color, width: item.width, dash: item.dash)
                }
            }
            canvas.endGroup()
        }
        return canvas.document(title: title)
    }

    /// Each series' band, in its colour, under the lines.
    private func drawBands(_ colors: [String], in frame: XYFrame, into canvas: inout SVGCanvas) {
        for (i, band) in bands.enumerated() where i < series.count {
            guard let band else { continue }
            canvas.beginGroup("band: \(series[i].name)")
            frame.drawBand(x: series[i].x, lower: band.lower, upper: band.upper, fill: colors[i], opacity: 0.16, into: &canvas)
            canvas.endGroup()
        }
    }
}
