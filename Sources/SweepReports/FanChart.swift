import SweepNumerics

/// The spread of many runs over time: a median line inside shaded quantile bands.
///
/// The outer band (5–95% by default) is pale and the inner one (25–75%) darker, the usual
/// "fan" of forecast charts; an optional reference run (the baseline) is drawn black on top, so
/// the reader sees where the nominal model sits inside the uncertainty.
///
/// ```swift
/// let chart = FanChart(
///     title: "Innovation Capability under ±50% coefficients",
///     xLabel: AxisLabel("Time", unit: "Year"), yLabel: "Innovation Capability",
///     time: time, trajectories: runs,   // runs[r][t]
///     reference: ChartSeries(name: "Baseline", x: time, y: base, style: .baseline))
/// ```
public struct FanChart: SVGChart {
    /// One shaded band between two quantile curves.
    public struct Band: Sendable, Equatable {
        /// The legend entry, e.g. "5–95%".
        public var name: String
        public var lower: [Double]
        public var upper: [Double]

        public init(name: String, lower: [Double], upper: [Double]) {
            precondition(lower.count == upper.count, "band '\(name)' has bounds of different lengths")
            self.name = name
            self.lower = lower
            self.upper = upper
        }
    }

    public var title: String
    public var xLabel: AxisLabel
    public var yLabel: AxisLabel
    public var time: [Double]
    public var median: [Double]
    /// Bands from the widest to the narrowest (at most a few: each gets a darker shade).
    public var bands: [Band]
    public var reference: ChartSeries?
    public var medianName: String
    public var note: String?
    public var width: Double
    public var height: Double

    /// Makes a fan chart from precomputed quantile curves.
    ///
    /// - Precondition: `median` and every band have one value per time.
    public init(
        title: String, xLabel: AxisLabel, yLabel: AxisLabel, time: [Double], median: [Double],
        bands: [Band], reference: ChartSeries? = nil, medianName: String = "Median",
        note: String? = nil, width: Double = 720, height: Double = 440
    ) {
        precondition(median.count == time.count, "median needs one value per time")
        precondition(bands.allSatisfy { $0.lower.count == time.count }, "bands need one value per time")
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.time = time
        self.median = median
        self.bands = bands
        self.reference = reference
        self.medianName = medianName
        self.note = note
        self.width = width
        self.height = height
    }

    /// Makes a fan chart from raw runs, with the median and the 5–95% and 25–75% bands.
    ///
    /// Quantiles are numpy's default (linear interpolation, Hyndman & Fan type 7) over the finite
    /// values at each time; a time with no finite value gets a gap.
    ///
    /// - Parameter trajectories: one array per run, each with one value per time.
    public init(
        title: String, xLabel: AxisLabel, yLabel: AxisLabel, time: [Double], trajectories: [[Double]],
        reference: ChartSeries? = nil, note: String? = nil, width: Double = 720, height: Double = 440
    ) {
        precondition(trajectories.allSatisfy { $0.count == time.count }, "every run needs one value per time")
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, time: time, values: { t in trajectories.map { $0[t] } },
                  reference: reference, note: note, width: width, height: height)
    }

    /// As the trajectories' initialiser, with `values(t)` the runs' values at time index t (a
    /// column of a runs × times matrix, say). The times are summarised on every core, each by
    /// selection (``Statistics/quantiles(_:_:)``), so a hundred thousand runs take a moment.
    public init(
        title: String, xLabel: AxisLabel, yLabel: AxisLabel, time: [Double], values: @Sendable (Int) -> [Double],
        reference: ChartSeries? = nil, note: String? = nil, width: Double = 720, height: Double = 440
    ) {
        let levels = [0.05, 0.25, 0.5, 0.75, 0.95]
        let perTime = Statistics.perIndex(time.count) { t -> [Double] in
            let column = values(t).filter(\.isFinite)
            return column.isEmpty ? levels.map { _ in .nan } : Statistics.quantiles(column, levels)
        }
        let curves = levels.indices.map { i in perTime.map { $0[i] } }
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, time: time, median: curves[2],
                  bands: [Band(name: "5–95%", lower: curves[0], upper: curves[4]),
                          Band(name: "25–75%", lower: curves[1], upper: curves[3])],
                  reference: reference, note: note, width: width, height: height)
    }

    public func svg() -> String {
        let color = Palette.categorical[0]
        // Opacities chosen so two stacked bands read as two clearly different blues.
        let opacities = bands.indices.map { 0.18 + 0.2 * Double($0) }
        var entries = [LegendEntry(name: medianName, swatch: .line(color: color, width: 2.25, dash: nil))]
        for (band, opacity) in zip(bands, opacities) {
            entries.append(LegendEntry(name: band.name, swatch: .box(color: color, opacity: opacity)))
        }
        if let reference {
            entries.insert(LegendEntry(name: reference.name, swatch: .line(color: Palette.black, width: 2, dash: "6 3")), at: 0)
        }

        let xs = XYFrame.extent(time + (reference?.x ?? [])) ?? (0, 1)
        let ys = XYFrame.extent(median + bands.flatMap { $0.lower + $0.upper } + (reference?.y ?? [])) ?? (0, 1)
        let frame = XYFrame(width: width, height: height, title: title, xTitle: xLabel.text, yTitle: yLabel.text,
                            xRange: xs, yRange: ys, legend: entries, footnote: note)
        var canvas = frame.makeCanvas()
        frame.drawChrome(into: &canvas)

        for (band, opacity) in zip(bands, opacities) {
            canvas.beginGroup("band: \(band.name)")
            frame.drawBand(x: time, lower: band.lower, upper: band.upper, fill: color, opacity: opacity, into: &canvas)
            canvas.endGroup()
        }
        canvas.beginGroup("median")
        for piece in XYFrame.segments(x: time, y: median) {
            canvas.polyline(piece.map { frame.point($0.0, $0.1) }, stroke: color, width: 2.25)
        }
        canvas.endGroup()
        if let reference {
            canvas.beginGroup("reference: \(reference.name)")
            for piece in XYFrame.segments(x: reference.x, y: reference.y) {
                canvas.polyline(piece.map { frame.point($0.0, $0.1) }, stroke: Palette.black, width: 2, dash: "6 3")
            }
            canvas.endGroup()
        }
        return canvas.document(title: title)
    }
}
