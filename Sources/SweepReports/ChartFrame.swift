/// The shared frame of every chart: canvas size, title, plot area, legend and footnote.
///
/// Margins are computed from what must fit around the plot (wrapped title, tick labels, axis
/// titles, legend, footnote) rather than fixed, so long names and wide numbers push the plot
/// inward instead of being clipped at the canvas edge.
struct ChartFrame {
    /// A tick label as drawn: a leading hyphen becomes the typographic minus sign (U+2212),
    /// which is as wide as a digit and lines up in a column of labels.
    static func tickText(_ label: String) -> String {
        label.hasPrefix("-") ? "\u{2212}" + label.dropFirst() : label
    }

    static let padding = 14.0
    static let titleSize = 17.0
    static let titleLineHeight = 21.0
    static let tickSize = 12.0
    static let axisTitleSize = 13.0
    static let footnoteSize = 11.0
    static let footnoteLineHeight = 14.0

    let width: Double
    let height: Double
    let titleLines: [String]
    let footnoteLines: [String]

    /// Space the title takes from the top edge, padding included.
    var titleBottom: Double {
        ChartFrame.padding + Double(titleLines.count) * ChartFrame.titleLineHeight + 6
    }

    /// Space the footnote takes above the bottom edge, padding included.
    var footnoteHeight: Double {
        footnoteLines.isEmpty ? ChartFrame.padding
            : ChartFrame.padding + Double(footnoteLines.count) * ChartFrame.footnoteLineHeight + 6
    }

    init(width: Double, height: Double, title: String, footnote: String?) {
        self.width = width
        self.height = height
        let textWidth = width - 2 * ChartFrame.padding
        titleLines = TextMetrics.wrap(title, maxWidth: textWidth, size: ChartFrame.titleSize, bold: true)
        footnoteLines = footnote.map { TextMetrics.wrap($0, maxWidth: textWidth, size: ChartFrame.footnoteSize) } ?? []
    }

    /// The same frame on a taller canvas (when a legend or many bars need the room).
    func withHeight(_ newHeight: Double) -> ChartFrame {
        var copy = self
        copy.heightOverride = newHeight
        return copy
    }

    private var heightOverride: Double?
    var canvasHeight: Double { heightOverride ?? height }

    func drawTitleAndFootnote(into canvas: inout SVGCanvas) {
        canvas.textLines(titleLines, at: Point(x: ChartFrame.padding, y: ChartFrame.padding + 15),
                         size: ChartFrame.titleSize, lineHeight: ChartFrame.titleLineHeight, bold: true)
        if !footnoteLines.isEmpty {
            let firstBaseline = canvasHeight - ChartFrame.padding
                - Double(footnoteLines.count - 1) * ChartFrame.footnoteLineHeight - 3
            canvas.textLines(footnoteLines, at: Point(x: ChartFrame.padding, y: firstBaseline),
                             size: ChartFrame.footnoteSize, lineHeight: ChartFrame.footnoteLineHeight,
                             fill: Palette.mutedText)
        }
    }
}

/// A frame with two numeric axes: the layout behind line, fan, index-over-time and scatter
/// charts. The layout is computed by the initialiser in the extension at the end of this file,
/// which ends in the memberwise initialiser.
struct XYFrame {
    let frame: ChartFrame
    let plot: Rect
    /// The horizontal and vertical scales.
    let x, y: NiceScale
    let xTitle: String
    let yTitleLines: [String]
    let legend: Legend
    let legendOrigin: Point

    func px(_ v: Double) -> Double { plot.x + x.fraction(v) * plot.width }
    func py(_ v: Double) -> Double { plot.maxY - y.fraction(v) * plot.height }
    func point(_ vx: Double, _ vy: Double) -> Point { Point(x: px(vx), y: py(vy)) }

    /// A canvas of the frame's size.
    func makeCanvas() -> SVGCanvas {
        SVGCanvas(width: frame.width, height: frame.canvasHeight)
    }

    /// Draws everything but the data: gridlines, axes, ticks, titles, legend and footnote.
    func drawChrome(into canvas: inout SVGCanvas) {
        frame.drawTitleAndFootnote(into: &canvas)
        canvas.beginGroup("axes")
        for (tick, label) in zip(y.ticks, y.labels) {
            let yy = py(tick)
            canvas.line(Point(x: plot.x, y: yy), Point(x: plot.maxX, y: yy), stroke: Palette.grid)
            canvas.line(Point(x: plot.x - 5, y: yy), Point(x: plot.x, y: yy), stroke: Palette.axis)
            canvas.text(ChartFrame.tickText(label), at: Point(x: plot.x - 8, y: yy + 4), size: ChartFrame.tickSize, anchor: .end)
        }
        for (tick, label) in zip(x.ticks, x.labels) {
            let xx = px(tick)
            canvas.line(Point(x: xx, y: plot.y), Point(x: xx, y: plot.maxY), stroke: Palette.grid)
            canvas.line(Point(x: xx, y: plot.maxY), Point(x: xx, y: plot.maxY + 5), stroke: Palette.axis)
            canvas.text(ChartFrame.tickText(label), at: Point(x: xx, y: plot.maxY + 8 + ChartFrame.tickSize), size: ChartFrame.tickSize,
                        anchor: .middle)
        }
        // Zero gets a darker line when it lies inside the range: signs matter for indices.
        if y.lower < 0 && y.upper > 0 {
            canvas.line(Point(x: plot.x, y: py(0)), Point(x: plot.maxX, y: py(0)), stroke: "#9a9a9a")
        }
        canvas.line(Point(x: plot.x, y: plot.y), Point(x: plot.x, y: plot.maxY), stroke: Palette.axis)
        canvas.line(Point(x: plot.x, y: plot.maxY), Point(x: plot.maxX, y: plot.maxY), stroke: Palette.axis)
        canvas.text(xTitle, at: Point(x: plot.x + plot.width / 2, y: plot.maxY + 8 + ChartFrame.tickSize + 10 + ChartFrame.axisTitleSize),
                    size: ChartFrame.axisTitleSize, anchor: .middle)
        for (i, line) in yTitleLines.enumerated() {
            let baseline = ChartFrame.padding + 12 + Double(i) * 16
            canvas.text(line, at: Point(x: baseline, y: plot.y + plot.height / 2), size: ChartFrame.axisTitleSize,
                        anchor: .middle, rotation: -90)
        }
        canvas.endGroup()
        legend.draw(into: &canvas, at: legendOrigin)
    }

    /// Shades the band between `lower` and `upper` over `x`: one polygon per stretch of points
    /// where x and both bounds are finite, so a gap in the data is a gap in the band.
    func drawBand(x: [Double], lower: [Double], upper: [Double], fill: String, opacity: Double, into canvas: inout SVGCanvas) {
        var stretch: [Int] = []
        func flush() {
            if stretch.count > 1 {
                let top = stretch.map { point(x[$0], upper[$0]) }
                let bottom = stretch.reversed().map { point(x[$0], lower[$0]) }
                canvas.polygon(top + bottom, fill: fill, opacity: opacity)
            }
            stretch = []
        }
        for t in x.indices {
            if x[t].isFinite && lower[t].isFinite && upper[t].isFinite { stretch.append(t) } else { flush() }
        }
        flush()
    }

    /// Splits a series into drawable pieces at non-finite points.
    static func segments(x: [Double], y: [Double]) -> [[(Double, Double)]] {
        var pieces: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for (vx, vy) in zip(x, y) {
            if vx.isFinite && vy.isFinite {
                current.append((vx, vy))
            } else if !current.isEmpty {
                pieces.append(current)
                current = []
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// The finite extent of `values`, or nil if there is none.
    static func extent(_ values: [Double]) -> (Double, Double)? {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        return lo <= hi ? (lo, hi) : nil
    }
}

extension XYFrame {
    /// Lays out the frame.
    ///
    /// - Parameters:
    ///   - xRange, yRange: the data extent (the scales enclose it with nice ticks).
    ///   - legend: entries shown in a column right of the plot; empty for none.
    ///   - xTicks: fixed ticks for the x axis (a log axis labelled with the values, say),
    ///     instead of nice ones over `xRange`.
    init(
        width: Double, height: Double, title: String, xTitle: String, yTitle: String,
        xRange: (Double, Double), yRange: (Double, Double), legend entries: [LegendEntry],
        footnote: String? = nil, xTicks: NiceScale? = nil
    ) {
        var frame = ChartFrame(width: width, height: height, title: title, footnote: footnote)
        let pad = ChartFrame.padding

        // Legend column: at most about 28% of the width, so the plot keeps the larger share.
        let legendTextWidth = min(185, width * 0.28)
        let legend = Legend(entries, placement: .column(maxTextWidth: legendTextWidth))
        let legendSpace = legend.isEmpty ? 0 : legend.width + 22

        let top = frame.titleBottom + 8
        // Tick labels (12) + gap (8) + axis title (13) + gaps.
        let bottomAxis = 8 + ChartFrame.tickSize + 10 + ChartFrame.axisTitleSize + 6
        var plotHeight = height - top - bottomAxis - frame.footnoteHeight
        if legend.height > plotHeight {
            plotHeight = legend.height
            frame = frame.withHeight(top + plotHeight + bottomAxis + frame.footnoteHeight)
        }

        let yScale = NiceScale(min: yRange.0, max: yRange.1,
                               targetTickCount: max(3, min(8, Int(plotHeight / 55) + 1)))
        let yLabelWidth = yScale.labels.map { TextMetrics.width($0, size: ChartFrame.tickSize) }.max() ?? 0
        let yTitleLines = TextMetrics.wrap(yTitle, maxWidth: plotHeight, size: ChartFrame.axisTitleSize)
        let left = pad + Double(yTitleLines.count) * 16 + 6 + yLabelWidth + 9

        // The last x label is centred on the plot's right edge: leave half of it as margin.
        var right = width - pad - legendSpace
        var targetX = max(3, min(9, Int((right - left) / 85) + 1))
        var xScale = xTicks ?? NiceScale(min: xRange.0, max: xRange.1, targetTickCount: targetX)
        while true {
            let lastHalf = TextMetrics.width(xScale.labels.last ?? "", size: ChartFrame.tickSize) / 2
            right = width - pad - max(legendSpace, lastHalf + 2)
            let widest = xScale.labels.map { TextMetrics.width($0, size: ChartFrame.tickSize) }.max() ?? 0
            let spacing = (right - left) / Double(max(1, xScale.ticks.count - 1))
            if widest + 14 <= spacing || targetX <= 2 || xTicks != nil { break }
            targetX -= 1
            xScale = NiceScale(min: xRange.0, max: xRange.1, targetTickCount: targetX)
        }

        self.init(frame: frame, plot: Rect(x: left, y: top, width: right - left, height: plotHeight), x: xScale, y: yScale,
                  xTitle: xTitle, yTitleLines: yTitleLines, legend: legend, legendOrigin: Point(x: width - pad - legend.width, y: top))
    }
}
