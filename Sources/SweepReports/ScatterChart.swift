/// Small multiples of one output against each input: a panel per input, the runs as dots,
/// the output's axis shared so panels compare at a glance.
///
/// A steep, narrow cloud is an input that drives the output; a flat band is one that does not; a
/// curved or fanning cloud shows what a correlation coefficient hides (a non-monotonic effect,
/// an interaction). Panels come in the order given (the caller sorts them, by |PRCC| say) and
/// carry their own title ("Contact Rate — PRCC 0.85").
///
/// At most `maxPoints` runs are drawn, the same runs in every panel, picked evenly through the
/// design's rows, so the figure stays light and the same input gives the same bytes. The dots
/// are one path of round zero-length strokes per panel, about 16 bytes a dot.
///
/// ```swift
/// let chart = ScatterChart(title: "Recovered at t = 100 against each input", yLabel: "Recovered",
///                          panels: [.init(title: "Contact Rate — PRCC 0.85", x: contactRate, y: recovered)])
/// ```
public struct ScatterChart: SVGChart {
    /// One input's panel.
    public struct Panel: Sendable, Equatable {
        public var title: String
        public var x: [Double]
        public var y: [Double]

        /// - Precondition: `x` and `y` have the same count.
        public init(title: String, x: [Double], y: [Double]) {
            precondition(x.count == y.count, "panel '\(title)' has \(x.count) x values but \(y.count) y values")
            self.title = title
            self.x = x
            self.y = y
        }
    }

    public var title: String
    public var yLabel: AxisLabel
    public var panels: [Panel]
    public var maxPoints: Int
    public var note: String?
    public var width: Double
    public var panelHeight: Double

    public init(
        title: String, yLabel: AxisLabel, panels: [Panel], maxPoints: Int = 1000, note: String? = nil,
        width: Double = 720, panelHeight: Double = 170
    ) {
        self.title = title
        self.yLabel = yLabel
        self.panels = panels
        self.maxPoints = maxPoints
        self.note = note
        self.width = width
        self.panelHeight = panelHeight
    }

    /// The rows drawn: `min(count, limit)` of `0..<count`, evenly spread, first row included.
    public static func sample(count: Int, limit: Int) -> [Int] {
        guard count > limit, limit > 0 else { return Array(0..<max(0, count)) }
        return (0..<limit).map { $0 * count / limit }
    }

    /// Panels per row: one or two for few inputs, three beyond four.
    var columns: Int { panels.count <= 2 ? max(1, panels.count) : panels.count <= 4 ? 2 : 3 }

    static let titleSize = 12.0
    static let gap = 44.0
    static let dotWidth = 3.4

    public func svg() -> String {
        let rows = ScatterChart.sample(count: panels.map(\.x.count).min() ?? 0, limit: maxPoints)
        let yScale = NiceScale(values: panels.flatMap { p in rows.map { p.y[$0] } }, targetTickCount: 4)
        let pad = ChartFrame.padding
        let yTitleLines = TextMetrics.wrap(yLabel.text, maxWidth: 300, size: ChartFrame.axisTitleSize)
        let yLabelWidth = yScale.labels.map { TextMetrics.width(ChartFrame.tickText($0), size: ChartFrame.tickSize) }.max() ?? 0
        let left = pad + Double(yTitleLines.count) * 16 + 6 + yLabelWidth + 9
        let cols = columns, gridRows = (panels.count + cols - 1) / cols
        // The last x label is centred on the right edge: leave half a label of margin.
        let panelWidth = (width - left - pad - 12 - Double(cols - 1) * ScatterChart.gap) / Double(cols)
        let titleLines = panels.map { TextMetrics.wrap($0.title, maxWidth: panelWidth, size: ScatterChart.titleSize, bold: true) }
        let titleBlock = Double(titleLines.map(\.count).max() ?? 1) * 15 + 4
        let cellHeight = titleBlock + panelHeight + 8 + ChartFrame.tickSize + 14
        var frame = ChartFrame(width: width, height: 0, title: title, footnote: note)
        let top = frame.titleBottom + 8
        frame = frame.withHeight(top + Double(gridRows) * cellHeight + frame.footnoteHeight)
        var canvas = SVGCanvas(width: width, height: frame.canvasHeight)
        frame.drawTitleAndFootnote(into: &canvas)
        for (i, line) in yTitleLines.enumerated() {
            canvas.text(line, at: Point(x: pad + 12 + Double(i) * 16, y: top + Double(gridRows) * cellHeight / 2), size: ChartFrame.axisTitleSize,
                        anchor: .middle, rotation: -90)
        }
        for (i, panel) in panels.enumerated() {
            let (r, c) = (i / cols, i % cols)
            let x0 = left + Double(c) * (panelWidth + ScatterChart.gap), y0 = top + Double(r) * cellHeight
            canvas.beginGroup("panel: \(panel.title)")
            canvas.textLines(titleLines[i], at: Point(x: x0, y: y0 + 12), size: ScatterChart.titleSize, lineHeight: 15, bold: true)
            let plot = Rect(x: x0, y: y0 + titleBlock, width: panelWidth, height: panelHeight)
            drawPanel(panel, rows: rows, in: plot, yScale: yScale, labelsY: c == 0, into: &canvas)
            canvas.endGroup()
        }
        return canvas.document(title: title)
    }

    private func drawPanel(_ panel: Panel, rows: [Int], in plot: Rect, yScale: NiceScale, labelsY: Bool, into canvas: inout SVGCanvas) {
        let x = xAxis(rows.map { panel.x[$0] }, maxTicks: max(2, min(5, Int(plot.width / 55))))
        func px(_ v: Double) -> Double { plot.x + (v - x.lower) / (x.upper - x.lower) * plot.width }
        func py(_ v: Double) -> Double { plot.maxY - yScale.fraction(v) * plot.height }
        for (tick, label) in zip(yScale.ticks, yScale.labels) {
            canvas.line(Point(x: plot.x, y: py(tick)), Point(x: plot.maxX, y: py(tick)), stroke: Palette.grid)
            if labelsY {
                canvas.text(ChartFrame.tickText(label), at: Point(x: plot.x - 8, y: py(tick) + 4), size: ChartFrame.tickSize, anchor: .end)
            }
        }
        for (tick, label) in x.ticks {
            canvas.line(Point(x: px(tick), y: plot.y), Point(x: px(tick), y: plot.maxY), stroke: Palette.grid)
            canvas.line(Point(x: px(tick), y: plot.maxY), Point(x: px(tick), y: plot.maxY + 4), stroke: Palette.axis)
            canvas.text(ChartFrame.tickText(label), at: Point(x: px(tick), y: plot.maxY + 6 + ChartFrame.tickSize), size: ChartFrame.tickSize,
                        anchor: .middle)
        }
        canvas.rect(plot, fill: "none", stroke: Palette.axis, strokeWidth: 0.75)
        let points = rows.compactMap { r -> Point? in
            let (x, y) = (panel.x[r], panel.y[r])
            return x.isFinite && y.isFinite ? Point(x: px(x), y: py(y)) : nil
        }
        canvas.dots(points, diameter: ScatterChart.dotWidth, fill: Palette.categorical[0], opacity: 0.55)
    }

    /// An input's axis fitted to its values (a Latin hypercube fills its range, so loose nice
    /// ends would squeeze the cloud), with the ticks of the finest nice scale of which at most
    /// `maxTicks` (and at least two) fall inside.
    func xAxis(_ values: [Double], maxTicks: Int) -> (lower: Double, upper: Double, ticks: [(Double, String)]) {
        let loose = NiceScale(values: values, targetTickCount: 6)
        guard let (lo, hi) = XYFrame.extent(values), hi > lo else {
            return (loose.lower, loose.upper, Array(zip(loose.ticks, loose.labels)))
        }
        let pad = (hi - lo) * 0.04
        var ticks: [(Double, String)] = []
        for target in stride(from: 6, through: 2, by: -1) {
            let nice = NiceScale(values: values, targetTickCount: target)
            ticks = zip(nice.ticks, nice.labels).filter { $0.0 >= lo - pad && $0.0 <= hi + pad }
            if ticks.count <= maxTicks && ticks.count >= 2 { break }
        }
        return (lo - pad, hi + pad, ticks)
    }
}
