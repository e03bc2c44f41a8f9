/// The Morris screening plane: σ against μ* per parameter, each point labelled with its name,
/// and μ*'s confidence interval as a horizontal bar through the point when it is known.
///
/// Parameters far right matter; those also high up act non-linearly or through interactions.
/// Optional reference lines σ = r·μ* mark the ratios Garcia Sanchez et al. use to classify
/// effects (σ/μ* < 0.1 linear, < 0.5 monotonic, < 1 almost monotonic, above that non-linear or
/// non-monotonic).
///
/// The axes reach a little past the largest μ* (or the end of its interval) and σ, so every
/// marker and its label sit inside the plot. Labels are placed by ``LabelPlacer``, most
/// influential parameter first: beside the point, else farther out with a leader line that
/// crosses no other leader, label, point or reference line. With at most
/// ``MorrisChart/alwaysLabelled`` points every point gets its label; beyond that, points whose
/// label finds no room (typically a crowd of negligible parameters at the origin) are named in a
/// note under the chart instead of being printed on top of each other.
///
/// ```swift
/// let chart = MorrisChart(title: "Morris screening of Innovation Capability at t = 20", factors: [
///     .init(name: "Internal Knowledge Restructuring Coefficient", muStar: 1.38, sigma: 0.02, muStarConf: 0.05),
///     .init(name: "Internal Technology Upgrading Coefficient", muStar: 0.07, sigma: 0.001),
/// ], referenceRatios: [0.1, 0.5, 1])
/// ```
///
/// References: M. D. Morris, "Factorial sampling plans for preliminary computational
/// experiments", *Technometrics* 33(2), 1991; F. Campolongo, J. Cariboni and A. Saltelli, "An
/// effective screening design for sensitivity analysis of large models", *Environmental
/// Modelling & Software* 22, 2007; D. Garcia Sanchez, B. Lacarrière, M. Musy and B. Bourges,
/// "Application of sensitivity analysis in building energy simulations", *Energy and Buildings*
/// 68, 2014.
public struct MorrisChart: SVGChart {
    /// The Morris measures of one parameter.
    public struct Factor: Sendable, Equatable {
        public var name: String
        /// Mean of the absolute elementary effects.
        public var muStar: Double
        /// Standard deviation of the elementary effects.
        public var sigma: Double
        /// Half-width of μ*'s confidence interval (SALib's `mu_star_conf`); nil when unknown.
        public var muStarConf: Double?

        public init(name: String, muStar: Double, sigma: Double, muStarConf: Double? = nil) {
            self.name = name
            self.muStar = muStar
            self.sigma = sigma
            self.muStarConf = muStarConf
        }

        /// The finite, positive half-width, if any.
        var interval: Double? { muStarConf.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } }
    }

    public var title: String
    public var factors: [Factor]
    /// Slopes r of reference lines σ = r·μ* (none by default).
    public var referenceRatios: [Double]
    public var xLabel: AxisLabel
    public var yLabel: AxisLabel
    /// What the bars are, for the note under the chart ("95% bootstrap interval of μ*").
    public var intervalName: String
    public var width: Double
    public var height: Double

    public init(
        title: String, factors: [Factor], referenceRatios: [Double] = [],
        xLabel: AxisLabel = "μ* (mean absolute elementary effect)",
        yLabel: AxisLabel = "σ (std. dev. of elementary effects)",
        intervalName: String = "confidence interval of μ*",
        width: Double = 720, height: Double = 440
    ) {
        self.title = title
        self.factors = factors
        self.referenceRatios = referenceRatios
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.intervalName = intervalName
        self.width = width
        self.height = height
    }

    /// Up to this many distinct points (coincident points count once), every point is labelled.
    public static let alwaysLabelled = 8

    static let labelSize = 11.0
    static let labelLineHeight = 13.0
    static let pointRadius = 4.5
    /// The axes reach this far past the largest value, so the outermost marker and its label
    /// fit inside the plot rather than sitting on its edge.
    static let headroom = 1.12

    var drawn: [Factor] { factors.filter { $0.muStar.isFinite && $0.sigma.isFinite } }

    public func svg() -> String {
        let drawn = self.drawn
        // The note naming unlabelled points shortens the plot, which moves the points; so
        // place, add the note, and place again on the final frame. A second pass can only
        // label fewer points (the plot got smaller), so the note is then rebuilt once more.
        var frame = makeFrame(note: note(for: []))
        var placement = placeLabels(drawn, in: frame)
        if !placement.unlabelled.isEmpty {
            frame = makeFrame(note: note(for: placement.unlabelled))
            placement = placeLabels(drawn, in: frame)
            frame = makeFrame(note: note(for: placement.unlabelled))
        }

        var canvas = frame.makeCanvas()
        frame.drawChrome(into: &canvas)
        canvas.beginGroup("reference lines")
        for line in referenceLines(in: frame) {
            canvas.line(frame.point(0, 0), line.end, stroke: "#8a8a8a", width: 1, dash: "5 4")
            canvas.text(line.label, at: line.labelAt, size: 10.5, anchor: line.anchor, fill: Palette.mutedText, halo: true)
        }
        canvas.endGroup()
        let bars = intervalBars(drawn, in: frame)
        if !bars.isEmpty {
            canvas.beginGroup("confidence intervals of μ*")
            for bar in bars {
                canvas.line(bar.a, bar.b, stroke: Palette.categorical[0], width: 1.25)
                for end in [bar.a, bar.b] {
                    canvas.line(Point(x: end.x, y: end.y - 3.5), Point(x: end.x, y: end.y + 3.5), stroke: Palette.categorical[0], width: 1.25)
                }
            }
            canvas.endGroup()
        }
        canvas.beginGroup("points")
        for f in drawn {
            canvas.circle(frame.point(f.muStar, f.sigma), radius: MorrisChart.pointRadius,
                          fill: Palette.categorical[0], stroke: "#ffffff", strokeWidth: 1)
        }
        canvas.endGroup()
        canvas.beginGroup("labels")
        for label in placement.labels {
            if let leader = label.leader {
                canvas.line(leader.a, leader.b, stroke: "#9a9a9a", width: 0.75)
            }
            canvas.textLines(label.lines, at: Point(x: label.box.x + 1, y: label.box.y + 10.5), size: MorrisChart.labelSize,
                             lineHeight: MorrisChart.labelLineHeight, halo: true)
        }
        canvas.endGroup()
        return canvas.document(title: title)
    }

    /// The small print: what the bars are, and the points left unlabelled.
    private func note(for names: [String]) -> String? {
        var parts: [String] = []
        if drawn.contains(where: { $0.interval != nil }) { parts.append("Horizontal bars: \(intervalName).") }
        if !names.isEmpty { parts.append("Not labelled for lack of room: " + names.joined(separator: ", ") + ".") }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    func makeFrame(note: String?) -> XYFrame {
        let drawn = self.drawn
        let xMax = drawn.map { $0.muStar + ($0.interval ?? 0) }.max() ?? 1
        let ys = (0.0, (drawn.map(\.sigma).max() ?? 1) * MorrisChart.headroom)
        return XYFrame(width: width, height: height, title: title, xTitle: xLabel.text, yTitle: yLabel.text,
                       xRange: (0, xMax * MorrisChart.headroom), yRange: ys, legend: [], footnote: note)
    }

    /// Each interval as a horizontal segment at its point's σ, cut at μ* = 0 (μ* is never negative).
    func intervalBars(_ drawn: [Factor], in frame: XYFrame) -> [Segment] {
        drawn.compactMap { f in
            f.interval.map { c in Segment(a: frame.point(max(0, f.muStar - c), f.sigma), b: frame.point(f.muStar + c, f.sigma)) }
        }
    }

    private struct ReferenceLine {
        var end: Point
        var label: String
        var labelAt: Point
        var anchor: SVGCanvas.Anchor
        var box: Rect
    }

    /// Where each σ = r·μ* line leaves the plot, and its label beside that end, on the side
    /// away from the line so the dashes never run through the text.
    private func referenceLines(in frame: XYFrame) -> [ReferenceLine] {
        referenceRatios.filter { $0.isFinite && $0 > 0 }.map { r in
            let xEnd = min(frame.x.upper, frame.y.upper / r)
            let end = frame.point(xEnd, r * xEnd)
            let label = "σ/μ* = " + NiceScale.fixed(r, decimals: r < 1 ? (r < 0.1 ? 2 : 1) : 0)
            let w = TextMetrics.width(label, size: 10.5)
            if end.x < frame.plot.maxX - w - 8 {
                // Leaves through the top: write right of the exit point, under the top edge.
                let at = Point(x: end.x + 5, y: frame.plot.y + 12)
                return ReferenceLine(end: end, label: label, labelAt: at, anchor: .start,
                                     box: Rect(x: at.x, y: at.y - 10, width: w, height: 13))
            }
            // Leaves through the right edge: write above the line, right-aligned; where the
            // line ends too close to the top for that, write below it, past the point where the
            // line has dropped under the text's left end.
            let x = frame.plot.maxX - 4
            var y = end.y - 6
            if y - 11 < frame.plot.y {
                let drop = (x - w - frame.plot.x) / (end.x - frame.plot.x) * (end.y - frame.plot.maxY)
                y = frame.plot.maxY + drop + 16
            }
            let at = Point(x: x, y: y)
            return ReferenceLine(end: end, label: label, labelAt: at, anchor: .end,
                                 box: Rect(x: at.x - w, y: at.y - 10, width: w, height: 13))
        }
    }

    struct Label {
        var lines: [String]
        var box: Rect
        var leader: Segment?
    }

    /// The reference lines as segments from the origin to where they leave the plot.
    func referenceSegments(in frame: XYFrame) -> [Segment] {
        referenceLines(in: frame).map { Segment(a: frame.point(0, 0), b: $0.end) }
    }

    /// Labels by ``LabelPlacer``, most influential first; coincident points share one label.
    func placeLabels(_ drawn: [Factor], in frame: XYFrame) -> (labels: [Label], unlabelled: [String]) {
        let order = drawn.enumerated().sorted { a, b in
            a.element.muStar != b.element.muStar ? a.element.muStar > b.element.muStar : a.offset < b.offset
        }.map(\.element)
        // Points closer than 3 px are one dot to the reader: they get one label listing all.
        var groups: [(at: Point, names: [String])] = []
        for f in order {
            let p = frame.point(f.muStar, f.sigma)
            if let i = groups.firstIndex(where: { abs($0.at.x - p.x) < 3 && abs($0.at.y - p.y) < 3 }) {
                groups[i].names.append(f.name)
            } else {
                groups.append((p, [f.name]))
            }
        }
        let r = MorrisChart.pointRadius + 1.5
        let references = referenceLines(in: frame)
        let placer = LabelPlacer(
            bounds: frame.plot,
            markers: drawn.map { LabelPlacer.marker(at: frame.point($0.muStar, $0.sigma), radius: r) } + references.map(\.box),
            referenceLines: referenceSegments(in: frame),
            softObstacles: intervalBars(drawn, in: frame).map { Rect(x: $0.a.x, y: $0.a.y - 4, width: $0.b.x - $0.a.x, height: 8) },
            fontSize: MorrisChart.labelSize, lineHeight: MorrisChart.labelLineHeight, markerRadius: r)
        // First the names on one line each, then wrapped narrower, which fits more places.
        let items = groups.map { group -> LabelPlacer.Item in
            let wrapped = group.names.flatMap { TextMetrics.wrap($0, maxWidth: 150, size: MorrisChart.labelSize) }
            return LabelPlacer.Item(point: group.at, variants: wrapped.count == group.names.count ? [group.names] : [group.names, wrapped])
        }
        let result = placer.place(items)
        return (result.placed.map { Label(lines: $0.lines, box: $0.box, leader: $0.leader) },
                result.unplaced.flatMap { groups[$0].names })
    }
}
