/// A triangle of pairwise values, one cell per pair of parameters: the second-order Sobol'
/// indices S2, say, with a diverging colour scale centred on zero and its legend.
///
/// Cell (row i, column j) for j < i holds the value of the pair (j, i); rows are labelled with
/// the names on the left, columns with the names under the triangle, slanted. A diverging scale
/// (blue below zero, red above, white at zero) suits S2, whose estimates of a negligible
/// interaction scatter around zero. Values are printed in the cells when the cells are large
/// enough for them; a value whose interval (`halfWidths`) leaves out zero is printed bold, so the
/// eye goes to the pairs that are distinguishable from no interaction.
///
/// ```swift
/// let chart = HeatmapChart(title: "Second-order Sobol' indices of Recovered at t = 100",
///                          names: ["Contact Rate", "Infectivity", "Recovery Time"],
///                          values: s2, halfWidths: s2Conf)   // s2[j][i] for j < i
/// ```
public struct HeatmapChart: SVGChart {
    public var title: String
    public var names: [String]
    /// k×k; `values[j][i]` for j < i is the pair's value, the rest is ignored.
    public var values: [[Double]]
    /// Half-widths of the values' intervals, same shape; nil when unknown.
    public var halfWidths: [[Double]]?
    /// The legend title of the colour scale.
    public var valueLabel: String
    public var note: String?
    public var width: Double

    public init(
        title: String, names: [String], values: [[Double]], halfWidths: [[Double]]? = nil,
        valueLabel: String = "S2", note: String? = nil, width: Double = 720
    ) {
        precondition(values.count == names.count && values.allSatisfy { $0.count == names.count }, "values must be k×k")
        self.title = title
        self.names = names
        self.values = values
        self.halfWidths = halfWidths
        self.valueLabel = valueLabel
        self.note = note
        self.width = width
    }

    static let labelSize = 11.5
    static let valueSize = 10.0
    static let barWidth = 14.0

    /// The pair's value and whether its interval leaves out zero (true when unknown).
    func cell(_ row: Int, _ column: Int) -> (value: Double, distinct: Bool) {
        let v = values[column][row]
        guard let c = halfWidths?[column][row], c.isFinite else { return (v, true) }
        return (v, abs(v) > c)
    }

    /// The largest magnitude on the colour scale: a nice number at or above every |value|.
    var limit: NiceScale {
        var m = 0.0
        for i in names.indices { for j in 0..<i where values[j][i].isFinite { m = max(m, abs(values[j][i])) } }
        return NiceScale(min: -max(m, 1e-3), max: max(m, 1e-3), targetTickCount: 5)
    }

    /// Where the parts go: names column, grid, slanted names under it, colour bar.
    struct Layout {
        var rowLines: [[String]]
        /// The canvas width: `width`, or wider when the rows' names need taller cells.
        var width: Double
        var gridOrigin: Point
        var cell: Double
        var bar: Rect
        var height: Double
    }

    func layout(frame: ChartFrame) -> Layout {
        let k = names.count, pad = ChartFrame.padding
        let rowLines = names.map { TextMetrics.wrap($0, maxWidth: min(220, width * 0.3), size: HeatmapChart.labelSize) }
        let rowWidth = rowLines.flatMap { $0 }.map { TextMetrics.width($0, size: HeatmapChart.labelSize) }.max() ?? 0
        let legendWidth = 60 + TextMetrics.width(valueLabel, size: ChartFrame.tickSize)
        let columns = Double(max(1, k - 1))
        let tallest = Double(rowLines.map(\.count).max() ?? 1) * 13 + 2
        // A slanted name (45°) reaches down and left by width/√2 from its column's middle.
        let slants = names.map { TextMetrics.width($0, size: HeatmapChart.labelSize) / 2.0.squareRoot() }
        var left = pad + rowWidth + 8
        var cell = max(tallest, min(72, (width - left - pad - legendWidth - 16) / columns))
        left = max(left, pad + (slants.first ?? 0) - cell / 2)
        cell = max(tallest, min(72, (width - left - pad - legendWidth - 16) / columns))
        let top = frame.titleBottom + 10
        let gridHeight = cell * columns
        let bar = Rect(x: left + cell * columns + 24, y: top + 18, width: HeatmapChart.barWidth, height: max(60, min(gridHeight - 18, 220)))
        let height = top + gridHeight + (slants.max() ?? 0) + 16 + frame.footnoteHeight
        return Layout(rowLines: rowLines, width: max(width, bar.maxX + legendWidth - 14 + pad), gridOrigin: Point(x: left, y: top),
                      cell: cell, bar: bar, height: height)
    }

    public func svg() -> String {
        let k = names.count
        let layout = layout(frame: ChartFrame(width: width, height: 200, title: title, footnote: note))
        let frame = ChartFrame(width: layout.width, height: layout.height, title: title, footnote: note)
        var canvas = SVGCanvas(width: layout.width, height: layout.height)
        frame.drawTitleAndFootnote(into: &canvas)
        let scale = limit
        let (o, s) = (layout.gridOrigin, layout.cell)
        let valueText = NiceScale(min: 0, max: scale.upper, targetTickCount: 5)
        let decimals = max(2, valueText.decimals + 1)
        let printValues = TextMetrics.width("−" + NiceScale.fixed(scale.upper, decimals: decimals), size: HeatmapChart.valueSize) + 6 <= s
        canvas.beginGroup("cells")
        for i in 1..<max(1, k) {
            for j in 0..<i {
                let (v, distinct) = cell(i, j)
                let box = Rect(x: o.x + Double(j) * s, y: o.y + Double(i - 1) * s, width: s, height: s)
                let fill = v.isFinite ? Palette.diverging(v / scale.upper) : "#f2f2f2"
                canvas.rect(box, fill: fill, stroke: "#ffffff", strokeWidth: 1)
                guard printValues && v.isFinite else { continue }
                let colour = Palette.prefersWhiteText(on: fill) ? "#ffffff" : Palette.text
                canvas.text(ChartFrame.tickText(NiceScale.fixed(v, decimals: decimals)),
                            at: Point(x: box.x + s / 2, y: box.y + s / 2 + 3.5), size: HeatmapChart.valueSize, anchor: .middle,
                            bold: distinct, fill: colour)
            }
        }
        canvas.endGroup()
        canvas.beginGroup("names")
        for i in 1..<max(1, k) {
            let lines = layout.rowLines[i]
            let firstBaseline = o.y + (Double(i) - 0.5) * s - Double(lines.count - 1) * 6.5 + 4
            canvas.textLines(lines, at: Point(x: o.x - 8, y: firstBaseline), size: HeatmapChart.labelSize, lineHeight: 13, anchor: .end)
        }
        for j in 0..<max(0, k - 1) {
            let at = Point(x: o.x + (Double(j) + 0.5) * s + 3, y: o.y + Double(k - 1) * s + 10)
            canvas.text(names[j], at: at, size: HeatmapChart.labelSize, anchor: .end, rotation: -45)
        }
        canvas.endGroup()
        drawColourBar(into: &canvas, at: layout.bar, scale: scale)
        return canvas.document(title: title)
    }

    private func drawColourBar(into canvas: inout SVGCanvas, at bar: Rect, scale: NiceScale) {
        canvas.beginGroup("colour scale")
        canvas.text(valueLabel, at: Point(x: bar.x, y: bar.y - 8), size: ChartFrame.tickSize, bold: true)
        let steps = 24
        for t in 0..<steps {
            let f = 1 - (Double(t) + 0.5) / Double(steps)   // top is +limit
            canvas.rect(Rect(x: bar.x, y: bar.y + Double(t) * bar.height / Double(steps), width: bar.width,
                             height: bar.height / Double(steps) + 0.5), fill: Palette.diverging(2 * f - 1))
        }
        canvas.rect(bar, fill: "none", stroke: Palette.axis, strokeWidth: 0.75)
        for (tick, label) in zip(scale.ticks, scale.labels) {
            let y = bar.maxY - scale.fraction(tick) * bar.height
            canvas.line(Point(x: bar.maxX, y: y), Point(x: bar.maxX + 4, y: y), stroke: Palette.axis)
            canvas.text(ChartFrame.tickText(label), at: Point(x: bar.maxX + 7, y: y + 4), size: ChartFrame.tickSize)
        }
        canvas.endGroup()
    }
}
