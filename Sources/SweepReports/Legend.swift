/// One legend item: a sample of how the data is drawn, and the modeller's name for it.
struct LegendEntry {
    enum Swatch {
        case line(color: String, width: Double, dash: String?)
        case box(color: String, opacity: Double)
        case marker(color: String)
    }

    var name: String
    var swatch: Swatch
}

/// A legend laid out either as a column beside the plot or as rows above it.
///
/// Long names ("Internal Knowledge Restructuring Coefficient") wrap inside the legend instead of
/// running into the plot, which is why the legend is measured before the plot area is fixed.
struct Legend {
    enum Placement {
        /// A column whose text wraps at `maxTextWidth`.
        case column(maxTextWidth: Double)
        /// Rows filling `availableWidth`, each entry on one line where it fits.
        case rows(availableWidth: Double)
    }

    static let fontSize = 12.0
    static let lineHeight = 15.0
    static let swatchWidth = 24.0
    static let swatchGap = 6.0

    private struct Item {
        var entry: LegendEntry
        var lines: [String]
        var offset: Point
    }

    private var items: [Item] = []
    private(set) var width = 0.0
    private(set) var height = 0.0

    init(_ entries: [LegendEntry], placement: Placement) {
        let textIndent = Legend.swatchWidth + Legend.swatchGap
        switch placement {
        case .column(let maxTextWidth):
            var y = 0.0
            for entry in entries {
                let lines = TextMetrics.wrap(entry.name, maxWidth: maxTextWidth, size: Legend.fontSize)
                items.append(Item(entry: entry, lines: lines, offset: Point(x: 0, y: y)))
                let textWidth = lines.map { TextMetrics.width($0, size: Legend.fontSize) }.max() ?? 0
                width = max(width, textIndent + textWidth)
                y += Double(lines.count) * Legend.lineHeight + 6
            }
            height = max(0, y - 6)
        case .rows(let availableWidth):
            let spacing = 18.0
            var x = 0.0, y = 0.0, rowHeight = 0.0
            for entry in entries {
                let lines = TextMetrics.wrap(entry.name, maxWidth: max(40, availableWidth - textIndent), size: Legend.fontSize)
                let itemWidth = textIndent + (lines.map { TextMetrics.width($0, size: Legend.fontSize) }.max() ?? 0)
                if x > 0 && x + itemWidth > availableWidth {
                    x = 0
                    y += rowHeight + 4
                    rowHeight = 0
                }
                items.append(Item(entry: entry, lines: lines, offset: Point(x: x, y: y)))
                width = max(width, x + itemWidth)
                x += itemWidth + spacing
                rowHeight = max(rowHeight, Double(lines.count) * Legend.lineHeight)
            }
            height = y + rowHeight
        }
    }

    var isEmpty: Bool { items.isEmpty }

    /// Draws the legend with its top-left corner at `origin`.
    func draw(into canvas: inout SVGCanvas, at origin: Point) {
        guard !items.isEmpty else { return }
        canvas.beginGroup("legend")
        for item in items {
            let left = origin.x + item.offset.x
            let top = origin.y + item.offset.y
            let middle = top + Legend.lineHeight / 2
            switch item.entry.swatch {
            case .line(let color, let width, let dash):
                canvas.line(Point(x: left, y: middle), Point(x: left + Legend.swatchWidth, y: middle),
                            stroke: color, width: width, dash: dash)
            case .box(let color, let opacity):
                canvas.rect(Rect(x: left + 2, y: middle - 5.5, width: Legend.swatchWidth - 4, height: 11),
                            fill: color, opacity: opacity)
            case .marker(let color):
                canvas.circle(Point(x: left + Legend.swatchWidth / 2, y: middle), radius: 4.5, fill: color,
                              stroke: "#ffffff")
            }
            canvas.textLines(item.lines, at: Point(x: left + Legend.swatchWidth + Legend.swatchGap, y: top + 11.5),
                             size: Legend.fontSize, lineHeight: Legend.lineHeight)
        }
        canvas.endGroup()
    }
}
