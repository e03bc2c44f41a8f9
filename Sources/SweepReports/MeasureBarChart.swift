/// One sensitivity measure per parameter as horizontal bars, largest at the top, with
/// interval whiskers when the measure has them: the chart of eFAST's ST, RBD-FAST's S1, δ,
/// PAWN's median KS distance or DGSM's bound.
///
/// Bars start at zero and may go left of it (a bias-corrected S1 can be slightly negative).
///
/// ```swift
/// let chart = MeasureBarChart(title: "δ of Recovered at t = 100", valueLabel: "Borgonovo δ",
///                             entries: [.init(name: "Contact Rate", value: 0.18, halfWidth: 0.03)])
/// ```
public struct MeasureBarChart: SVGChart {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var value: Double
        /// Half-width of the interval; nil or non-finite: no whisker.
        public var halfWidth: Double?

        public init(name: String, value: Double, halfWidth: Double? = nil) {
            self.name = name
            self.value = value
            self.halfWidth = halfWidth
        }
    }

    public var title: String
    public var valueLabel: AxisLabel
    public var entries: [Entry]
    public var intervalName: String?
    public var width: Double
    public var height: Double

    public init(title: String, valueLabel: AxisLabel, entries: [Entry], intervalName: String? = nil, width: Double = 720, height: Double = 400) {
        self.title = title
        self.valueLabel = valueLabel
        self.entries = entries
        self.intervalName = intervalName
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        // Largest first; non-finite values last, ties in the given order.
        let rows = entries.enumerated().sorted { a, b in
            let (x, y) = (a.element.value, b.element.value)
            if x.isFinite != y.isFinite { return x.isFinite }
            return x != y && x.isFinite ? x > y : a.offset < b.offset
        }.map(\.element)
        let color = Palette.categorical[0]
        var legend = [LegendEntry(name: valueLabel.text, swatch: .box(color: color, opacity: 1))]
        if let intervalName, rows.contains(where: { ($0.halfWidth ?? .nan).isFinite }) {
            legend.append(LegendEntry(name: intervalName, swatch: .line(color: Palette.text, width: 1.25, dash: nil)))
        }
        var extent: [Double] = [0]
        for e in rows where e.value.isFinite {
            extent.append(e.value)
            if let h = e.halfWidth, h.isFinite { extent += [e.value - abs(h), e.value + abs(h)] }
        }
        let scale = NiceScale(values: extent, includingZero: true, targetTickCount: 7)
        let frame = BarFrame(width: width, height: height, title: title, valueTitle: valueLabel.text,
                             names: rows.map(\.name), scale: scale, legend: legend, footnote: nil)
        var canvas = frame.makeCanvas()
        frame.drawChrome(into: &canvas)
        let thickness = min(18, frame.rowHeight * 0.5), zero = frame.px(0)
        for (i, e) in rows.enumerated() where e.value.isFinite {
            canvas.beginGroup("parameter: \(e.name)")
            let top = frame.rowCentre(i) - thickness / 2, x = frame.px(e.value)
            canvas.rect(Rect(x: min(x, zero), y: top, width: abs(x - zero), height: thickness), fill: color)
            if let h = e.halfWidth, h.isFinite, h > 0 {
                let lo = frame.px(e.value - h), hi = frame.px(e.value + h), mid = top + thickness / 2
                canvas.line(Point(x: lo, y: mid), Point(x: hi, y: mid), stroke: Palette.text, width: 1.25)
                for end in [lo, hi] { canvas.line(Point(x: end, y: mid - 4), Point(x: end, y: mid + 4), stroke: Palette.text, width: 1.25) }
            }
            canvas.endGroup()
        }
        canvas.line(Point(x: zero, y: frame.plot.y), Point(x: zero, y: frame.plot.maxY), stroke: Palette.axis)
        return canvas.document(title: title)
    }
}
