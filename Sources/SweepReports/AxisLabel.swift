/// An axis title made of a quantity and its unit, written `label / unit` ("Time / Year").
///
/// The slash form is ISO 80000-1's quantity-calculus notation (the axis shows the quantity
/// divided by its unit), which journals prefer to "Time (Year)". Between CJK words the slash is
/// written without spaces, as Chinese typesetting does: `时间/年`.
///
/// A plain string literal is a label without a unit, so `xLabel: "Time"` also works.
///
/// ```swift
/// AxisLabel("Time", unit: "Year").text      // "Time / Year"
/// AxisLabel("时间", unit: "年").text          // "时间/年"
/// AxisLabel("Sobol' index").text            // "Sobol' index"
/// ```
public struct AxisLabel: Sendable, Equatable, ExpressibleByStringLiteral {
    /// The quantity, in the modeller's words.
    public var label: String
    /// The unit, or `nil` for a dimensionless quantity.
    public var unit: String?

    public init(_ label: String, unit: String? = nil) {
        self.label = label
        self.unit = unit
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The title as drawn on the axis.
    public var text: String {
        guard let unit, !unit.isEmpty else { return label }
        let tight = label.last.map(TextMetrics.isWide) == true && unit.first.map(TextMetrics.isWide) == true
        return tight ? "\(label)/\(unit)" : "\(label) / \(unit)"
    }
}
