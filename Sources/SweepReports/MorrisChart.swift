/// The Morris screening plane: σ against μ* per parameter, each point labelled with its name.
///
/// Parameters far right matter; those also high up act non-linearly or through interactions.
/// Optional reference lines σ = r·μ* mark the ratios Garcia Sanchez et al. use to classify
/// effects (σ/μ* < 0.1 linear, < 0.5 monotonic, < 1 almost monotonic, above that non-linear or
/// non-monotonic).
///
/// Labels are placed greedily, most influential parameter first, at the first of several
/// positions around the point (then farther out, with a leader line) that overlaps no other
/// label, point or the plot's edge. Points whose label finds no room (typically a crowd of
/// negligible parameters at the origin) are named in a note under the chart instead of being
/// printed on top of each other.
///
/// ```swift
/// let chart = MorrisChart(title: "Morris screening of Innovation Capability", factors: [
///     .init(name: "Internal Knowledge Restructuring Coefficient", muStar: 1.38, sigma: 0.02),
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

        public init(name: String, muStar: Double, sigma: Double) {
            self.name = name
            self.muStar = muStar
            self.sigma = sigma
        }
    }

    public var title: String
    public var factors: [Factor]
    /// Slopes r of reference lines σ = r·μ* (none by default).
    public var referenceRatios: [Double]
    public var xLabel: AxisLabel
    public var yLabel: AxisLabel
    public var width: Double
    public var height: Double

    public init(
        title: String, factors: [Factor], referenceRatios: [Double] = [],
        xLabel: AxisLabel = "μ* (mean absolute elementary effect)",
        yLabel: AxisLabel = "σ (std. dev. of elementary effects)",
        width: Double = 720, height: Double = 440
    ) {
        self.title = title
        self.factors = factors
        self.referenceRatios = referenceRatios
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    static let labelSize = 11.0
    static let labelLineHeight = 13.0
    static let pointRadius = 4.5

    public func svg() -> String {
        let drawn = factors.filter { $0.muStar.isFinite && $0.sigma.isFinite }
        // The note naming unlabelled points shortens the plot, which moves the points; so
        // place, add the note, and place again on the final frame. A second pass can only
        // label fewer points (the plot got smaller), so the note is then rebuilt once more.
        var frame = makeFrame(note: nil)
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
        canvas.beginGroup("points")
        for f in drawn {
            canvas.circle(frame.point(f.muStar, f.sigma), radius: MorrisChart.pointRadius,
                          fill: Palette.categorical[0], stroke: "#ffffff", strokeWidth: 1)
        }
        canvas.endGroup()
        canvas.beginGroup("labels")
        for label in placement.labels {
            if let leader = label.leader {
                canvas.line(leader.0, leader.1, stroke: "#9a9a9a", width: 0.75)
            }
            canvas.textLines(label.lines, at: Point(x: label.box.x, y: label.box.y + 10), size: MorrisChart.labelSize,
                             lineHeight: MorrisChart.labelLineHeight, halo: true)
        }
        canvas.endGroup()
        return canvas.document(title: title)
    }

    private func note(for names: [String]) -> String? {
        names.isEmpty ? nil : "Not labelled for lack of room: " + names.joined(separator: ", ") + "."
    }

    func makeFrame(note: String?) -> XYFrame {
        let drawn = factors.filter { $0.muStar.isFinite && $0.sigma.isFinite }
        let xs = (0.0, drawn.map(\.muStar).max() ?? 1)
        let ys = (0.0, drawn.map(\.sigma).max() ?? 1)
        return XYFrame(width: width, height: height, title: title, xTitle: xLabel.text, yTitle: yLabel.text,
                       xRange: xs, yRange: ys, legend: [], footnote: note)
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
        var leader: (Point, Point)?
    }

    /// Greedy placement, most influential first; coincident points share one label.
    func placeLabels(_ drawn: [Factor], in frame: XYFrame) -> (labels: [Label], unlabelled: [String]) {
        let r = MorrisChart.pointRadius + 1.5
        var obstacles = drawn.map { f -> Rect in
            let p = frame.point(f.muStar, f.sigma)
            return Rect(x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r)
        }
        let references = referenceLines(in: frame)
        obstacles += references.map(\.box)
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

        var labels: [Label] = []
        var unlabelled: [String] = []
        for group in groups {
            // First the names on one line each, then wrapped narrower, which fits more places;
            // first clear of the reference lines, and only then across one.
            let wrapped = group.names.flatMap { TextMetrics.wrap($0, maxWidth: 150, size: MorrisChart.labelSize) }
            let variants = wrapped.count == group.names.count ? [group.names] : [group.names, wrapped]
            let tries = [true, false].flatMap { avoid in variants.map { (lines: $0, avoidLines: avoid) } }
            let chosen = tries.lazy.compactMap { attempt in
                self.firstSpot(for: attempt.lines, at: group.at, in: frame, obstacles: obstacles,
                               references: attempt.avoidLines ? references.map(\.end) : [])
            }.first
            if let chosen {
                labels.append(chosen)
                obstacles.append(chosen.box)
            } else {
                unlabelled += group.names
            }
        }
        return (labels, unlabelled)
    }

    /// The first free spot for a label of `lines` around the point `p`: near positions first
    /// (no leader), then rings farther out joined to the point by a leader line.
    private func firstSpot(
        for lines: [String], at p: Point, in frame: XYFrame, obstacles: [Rect], references: [Point]
    ) -> Label? {
        let w = lines.map { TextMetrics.width($0, size: MorrisChart.labelSize) }.max() ?? 0
        let h = Double(lines.count) * MorrisChart.labelLineHeight + 2
        let origin = frame.point(0, 0)
        let marker = MorrisChart.pointRadius + 1.5
        for (ring, d) in [6.0, 18, 32, 48, 66, 88, 112].enumerated() {
            // Diagonal offsets must still clear the marker's square obstacle box.
            let e = max(d * 0.7, marker + 0.5)
            let candidates = [
                Rect(x: p.x + d, y: p.y - h / 2, width: w, height: h),                 // right
                Rect(x: p.x - d - w, y: p.y - h / 2, width: w, height: h),             // left
                Rect(x: p.x + e, y: p.y - e - h, width: w, height: h),     // upper right
                Rect(x: p.x + e, y: p.y + e, width: w, height: h),         // lower right
                Rect(x: p.x - w / 2, y: p.y - d - h, width: w, height: h),             // above
                Rect(x: p.x - w / 2, y: p.y + d, width: w, height: h),                 // below
                Rect(x: p.x - e - w, y: p.y - e - h, width: w, height: h), // upper left
                Rect(x: p.x - e - w, y: p.y + e, width: w, height: h),     // lower left
            ]
            for box in candidates where frame.plot.contains(box) {
                if obstacles.contains(where: { $0.intersects(box) }) { continue }
                if references.contains(where: { segment(origin, $0, crosses: box, from: 0) }) { continue }
                guard ring > 0 else { return Label(lines: lines, box: box, leader: nil) }
                let target = Point(x: min(max(p.x, box.x), box.maxX), y: min(max(p.y, box.y), box.maxY))
                // A leader through another label or point would point at the wrong thing.
                if obstacles.contains(where: { segment(p, target, crosses: $0, from: marker) }) { continue }
                return Label(lines: lines, box: box, leader: (p, target))
            }
        }
        return nil
    }

    /// Whether the segment a–b passes through `box`, ignoring its first `skip` pixels (which
    /// lie inside the point's own marker). Sampled: exact enough at label spacing.
    private func segment(_ a: Point, _ b: Point, crosses box: Rect, from skip: Double) -> Bool {
        let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
        guard length > skip else { return false }
        // One sample every 2 px: no label is thinner than that.
        let samples = max(20, Int(length / 2))
        for i in 0...samples {
            let t = (skip + (length - skip) * Double(i) / Double(samples)) / length
            let x = a.x + (b.x - a.x) * t, y = a.y + (b.y - a.y) * t
            if x > box.x + 0.5 && x < box.maxX - 0.5 && y > box.y + 0.5 && y < box.maxY - 0.5 { return true }
        }
        return false
    }
}
