/// One named line of a chart: y against x, in the modeller's names.
///
/// Points where x or y is not finite are left out and split the line into pieces, so a run
/// that blew up shows as a gap rather than as a spike to infinity.
///
/// ```swift
/// let baseline = ChartSeries(name: "Baseline", x: time, y: capability, style: .baseline)
/// ```
public struct ChartSeries: Sendable, Equatable {
    /// The legend entry.
    public var name: String
    public var x: [Double]
    public var y: [Double]
    public var style: SeriesStyle

    /// - Precondition: `x` and `y` have the same count.
    public init(name: String, x: [Double], y: [Double], style: SeriesStyle = .automatic) {
        precondition(x.count == y.count, "series '\(name)' has \(x.count) x values but \(y.count) y values")
        self.name = name
        self.x = x
        self.y = y
        self.style = style
    }
}

/// How a series is drawn.
public enum SeriesStyle: Sendable, Equatable {
    /// The next colour of the colour-blind-safe palette, solid.
    case automatic
    /// Black and thicker, drawn on top: the reference every other run is compared with.
    case baseline
    /// The next palette colour, dashed, for a second family of runs on the same axes.
    case dashed
}
