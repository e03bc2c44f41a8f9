/// The layout of a horizontal bar chart: one row per named factor, a value axis along the
/// bottom, the names right-aligned left of the bars and the legend in rows under the title.
///
/// Horizontal bars suit sensitivity results because factor names are long: they get a column
/// of their own and wrap there, instead of being rotated under vertical bars. The layout is
/// computed by the initialiser in the extension below, which ends in the memberwise initialiser.
struct BarFrame {
    static let nameSize = 12.0
    static let nameLineHeight = 14.0

    let frame: ChartFrame
    let plot: Rect
    let value: NiceScale
    let rowHeight: Double
    let nameLines: [[String]]
    let valueTitle: String
    let legend: Legend
    let legendOrigin: Point
    /// Overrides the tick labels (e.g. to add "%"), one per tick of `value`.
    var tickLabels: [String]?

    func px(_ v: Double) -> Double { plot.x + value.fraction(v) * plot.width }
    func rowCentre(_ i: Int) -> Double { plot.y + (Double(i) + 0.5) * rowHeight }

    func makeCanvas() -> SVGCanvas {
        SVGCanvas(width: frame.width, height: frame.canvasHeight)
    }

    /// Draws the title, legend, zebra rows, gridlines, value axis and factor names.
    func drawChrome(into canvas: inout SVGCanvas) {
        frame.drawTitleAndFootnote(into: &canvas)
        legend.draw(into: &canvas, at: legendOrigin)
        canvas.beginGroup("axes")
        // Alternate rows are shaded so the eye can follow a name across to its bars.
        for i in nameLines.indices where i % 2 == 1 {
            canvas.rect(Rect(x: plot.x, y: plot.y + Double(i) * rowHeight, width: plot.width, height: rowHeight),
                        fill: "#f4f4f4")
        }
        let labels = tickLabels ?? value.labels
        for (tick, label) in zip(value.ticks, labels) {
            let x = px(tick)
            canvas.line(Point(x: x, y: plot.y), Point(x: x, y: plot.maxY), stroke: Palette.grid)
            canvas.line(Point(x: x, y: plot.maxY), Point(x: x, y: plot.maxY + 5), stroke: Palette.axis)
            canvas.text(ChartFrame.tickText(label), at: Point(x: x, y: plot.maxY + 8 + ChartFrame.tickSize), size: ChartFrame.tickSize,
                        anchor: .middle)
        }
        canvas.line(Point(x: plot.x, y: plot.maxY), Point(x: plot.maxX, y: plot.maxY), stroke: Palette.axis)
        canvas.text(valueTitle, at: Point(x: plot.x + plot.width / 2, y: plot.maxY + 8 + ChartFrame.tickSize + 10 + ChartFrame.axisTitleSize),
                    size: ChartFrame.axisTitleSize, anchor: .middle)
        for (i, lines) in nameLines.enumerated() {
            let firstBaseline = rowCentre(i) - Double(lines.count - 1) * BarFrame.nameLineHeight / 2 + 4
            canvas.textLines(lines, at: Point(x: plot.x - 10, y: firstBaseline), size: BarFrame.nameSize,
                             lineHeight: BarFrame.nameLineHeight, anchor: .end)
        }
        canvas.endGroup()
    }
}

extension BarFrame {
    init(
        width: Double, height: Double, title: String, valueTitle: String, names: [String],
        scale: NiceScale, legend entries: [LegendEntry], footnote: String?, maxRowHeight: Double = 56
    ) {
        var frame = ChartFrame(width: width, height: height, title: title, footnote: footnote)
        let pad = ChartFrame.padding
        let legend = Legend(entries, placement: .rows(availableWidth: width - 2 * pad))
        let legendOrigin = Point(x: pad, y: frame.titleBottom + 2)
        let top = frame.titleBottom + (legend.isEmpty ? 8 : legend.height + 14)

        let widestName = names.map { TextMetrics.width($0, size: BarFrame.nameSize) }.max() ?? 0
        let nameWidth = min(widestName, width * 0.3)
        let nameLines = names.map { TextMetrics.wrap($0, maxWidth: nameWidth, size: BarFrame.nameSize) }
        let wrappedWidth = nameLines.flatMap { $0 }.map { TextMetrics.width($0, size: BarFrame.nameSize) }.max() ?? 0

        let bottomAxis = 8 + ChartFrame.tickSize + 10 + ChartFrame.axisTitleSize + 6
        let available = height - top - bottomAxis - frame.footnoteHeight
        let tallestName = Double(nameLines.map(\.count).max() ?? 1) * BarFrame.nameLineHeight + 10
        let minRow = max(26, tallestName)
        let rows = Double(max(1, names.count))
        let rowHeight = max(minRow, min(maxRowHeight, available / rows))
        let plotHeight = rowHeight * rows
        // The canvas fits the rows, shorter or taller than asked: a chart of three factors
        // should not trail white space, and one of sixteen must not squash its names.
        frame = frame.withHeight(top + plotHeight + bottomAxis + frame.footnoteHeight)

        let left = pad + wrappedWidth + 12
        let lastHalf = TextMetrics.width(scale.labels.last ?? "", size: ChartFrame.tickSize) / 2
        let right = width - pad - max(6, lastHalf)
        self.init(frame: frame, plot: Rect(x: left, y: top, width: right - left, height: plotHeight), value: scale,
                  rowHeight: rowHeight, nameLines: nameLines, valueTitle: valueTitle, legend: legend, legendOrigin: legendOrigin)
    }
}
