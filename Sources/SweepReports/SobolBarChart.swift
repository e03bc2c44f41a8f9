/// First-order (S1) and total-order (ST) Sobol' indices per parameter, as paired horizontal bars
/// with confidence-interval whiskers, most influential parameter at the top.
///
/// Bars start at zero and may go left of it: estimated S1 is often slightly negative for
/// unimportant parameters, and its interval may cross zero, which the reader must be able to
/// see rather than have clipped. Whiskers span value ± half-width (SALib's `S1_conf`,
/// `ST_conf`). Rows are sorted by ST, the measure used to screen parameters out.
///
/// ```swift
/// let chart = SobolBarChart(title: "Sobol' indices of Innovation Capability at year 20", entries: [
///     .init(name: "Internal Knowledge Restructuring Coefficient",
///           firstOrder: 0.387, firstOrderConf: 0.021, totalOrder: 0.392, totalOrderConf: 0.025),
///     .init(name: "External Process Integration Coefficient",
///           firstOrder: -0.002, firstOrderConf: 0.004, totalOrder: 0.001, totalOrderConf: 0.0005),
/// ])
/// ```
public struct SobolBarChart: SVGChart {
    /// The indices of one parameter.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var firstOrder: Double
        /// Half-width of the first-order confidence interval.
        public var firstOrderConf: Double
        public var totalOrder: Double
        /// Half-width of the total-order confidence interval.
        public var totalOrderConf: Double

        public init(name: String, firstOrder: Double, firstOrderConf: Double, totalOrder: Double, totalOrderConf: Double) {
            self.name = name
            self.firstOrder = firstOrder
            self.firstOrderConf = firstOrderConf
            self.totalOrder = totalOrder
            self.totalOrderConf = totalOrderConf
        }
    }

    public var title: String
    public var entries: [Entry]
    public var valueLabel: AxisLabel
    /// The legend name of the whiskers, e.g. "95% confidence interval".
    public var intervalName: String
    public var note: String?
    public var width: Double
    public var height: Double

    public init(
        title: String, entries: [Entry], valueLabel: AxisLabel = "Sobol' index",
        intervalName: String = "95% confidence interval", note: String? = nil,
        width: Double = 720, height: Double = 440
    ) {
        self.title = title
        self.entries = entries
        self.valueLabel = valueLabel
        self.intervalName = intervalName
        self.note = note
        self.width = width
        self.height = height
    }

    /// Entries by decreasing ST; a non-finite ST sorts last, ties keep the given order.
    var sortedEntries: [Entry] {
        entries.enumerated().sorted { a, b in
            let (x, y) = (a.element.totalOrder, b.element.totalOrder)
            switch (x.isFinite, y.isFinite) {
            case (true, true): return x != y ? x > y : a.offset < b.offset
            case (true, false): return true
            case (false, true): return false
            case (false, false): return a.offset < b.offset
            }
        }.map(\.element)
    }

    public func svg() -> String {
        let rows = sortedEntries
        let s1Color = Palette.categorical[0], stColor = Palette.categorical[1]
        let legend = [
            LegendEntry(name: "First order (S1)", swatch: .box(color: s1Color, opacity: 1)),
            LegendEntry(name: "Total order (ST)", swatch: .box(color: stColor, opacity: 1)),
            LegendEntry(name: intervalName, swatch: .line(color: Palette.text, width: 1.25, dash: nil)),
        ]
        var extent: [Double] = [0]
        for e in rows {
            extent += [e.firstOrder, e.totalOrder]
            for (v, c) in [(e.firstOrder, e.firstOrderConf), (e.totalOrder, e.totalOrderConf)] where c.isFinite {
                extent += [v - abs(c), v + abs(c)]
            }
        }
        let scale = NiceScale(values: extent, includingZero: true, targetTickCount: 7)
        let frame = BarFrame(width: width, height: height, title: title, valueTitle: valueLabel.text,
                             names: rows.map(\.name), scale: scale, legend: legend, footnote: note)
        var canvas = frame.makeCanvas()
        frame.drawChrome(into: &canvas)

        let thickness = min(16, frame.rowHeight * 0.3)
        let zero = frame.px(0)
        for (i, e) in rows.enumerated() {
            canvas.beginGroup("parameter: \(e.name)")
            let centre = frame.rowCentre(i)
            let bars = [(e.firstOrder, e.firstOrderConf, s1Color, centre - thickness - 1),
                        (e.totalOrder, e.totalOrderConf, stColor, centre + 1)]
            for (v, conf, color, top) in bars where v.isFinite {
                let x = frame.px(v)
                canvas.rect(Rect(x: min(x, zero), y: top, width: abs(x - zero), height: thickness), fill: color)
                if conf.isFinite && conf > 0 {
                    let lo = frame.px(v - conf), hi = frame.px(v + conf), mid = top + thickness / 2
                    canvas.line(Point(x: lo, y: mid), Point(x: hi, y: mid), stroke: Palette.text, width: 1.25)
                    for end in [lo, hi] {
                        canvas.line(Point(x: end, y: mid - 4), Point(x: end, y: mid + 4), stroke: Palette.text, width: 1.25)
                    }
                }
            }
            canvas.endGroup()
        }
        // Drawn last so the zero line stays visible where bars start.
        canvas.line(Point(x: zero, y: frame.plot.y), Point(x: zero, y: frame.plot.maxY), stroke: Palette.axis)
        return canvas.document(title: title)
    }
}
