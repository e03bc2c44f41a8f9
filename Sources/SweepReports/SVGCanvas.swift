import Foundation

/// Shorthand for `SVGCanvas.number`, used in every attribute.
private func n(_ v: Double) -> String { SVGCanvas.number(v) }

/// A point in SVG user units (pixels, y down).
struct Point: Equatable {
    var x: Double
    var y: Double
}

/// A rectangle in SVG user units.
struct Rect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func intersects(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    func overlapArea(_ other: Rect) -> Double {
        let w = min(maxX, other.maxX) - max(x, other.x)
        let h = min(maxY, other.maxY) - max(y, other.y)
        return w > 0 && h > 0 ? w * h : 0
    }

    func contains(_ other: Rect) -> Bool {
        other.x >= x && other.y >= y && other.maxX <= maxX && other.maxY <= maxY
    }

    func contains(_ p: Point) -> Bool {
        p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY
    }
}

/// An SVG document being drawn, element by element.
///
/// Every chart goes through here so that three rules hold everywhere: text is escaped, numbers
/// are printed with at most two decimals (same input, same bytes; and no "NaN" can reach the
/// file, because a non-finite coordinate is a bug upstream and is drawn at 0 rather than
/// producing an unreadable document), and no element carries an `id`, so several figures can be
/// inlined into one HTML page without clashing.
struct SVGCanvas {
    /// Fonts tried in order, glyph by glyph: the platform UI font, Latin sans-serifs (so Latin
    /// text never takes a CJK font's wide, centred punctuation), then families that cover
    /// Chinese ("时间/年"), then the generic fallback.
    static let fontFamily = "system-ui, 'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans', 'DejaVu Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif"

    enum Anchor: String {
        case start, middle, end
    }

    var width: Double
    var height: Double
    private var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A coordinate or length with at most two decimals and no trailing zeros.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let rounded = (v * 100).rounded() / 100
        if rounded == rounded.rounded() && abs(rounded) < 1e15 {
            return rounded == 0 ? "0" : String(Int(rounded))
        }
        var s = String(format: "%.2f", rounded)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    private static func attributes(_ pairs: [(String, String?)]) -> String {
        var out = ""
        for (key, value) in pairs {
            if let value { out += " \(key)=\"\(value.xmlEscaped)\"" }
        }
        return out
    }


    mutating func rect(
        _ r: Rect, fill: String, stroke: String? = nil, strokeWidth: Double = 1,
        opacity: Double? = nil
    ) {
        body += "<rect" + SVGCanvas.attributes([
            ("x", n(r.x)), ("y", n(r.y)), ("width", n(max(0, r.width))), ("height", n(max(0, r.height))),
            ("fill", fill), ("fill-opacity", opacity.map(n)),
            ("stroke", stroke), ("stroke-width", stroke == nil ? nil : n(strokeWidth)),
        ]) + "/>\n"
    }

    mutating func line(
        _ a: Point, _ b: Point, stroke: String, width: Double = 1, dash: String? = nil
    ) {
        body += "<line" + SVGCanvas.attributes([
            ("x1", n(a.x)), ("y1", n(a.y)), ("x2", n(b.x)), ("y2", n(b.y)),
            ("stroke", stroke), ("stroke-width", n(width)), ("stroke-dasharray", dash),
        ]) + "/>\n"
    }

    mutating func polyline(
        _ points: [Point], stroke: String, width: Double, dash: String? = nil
    ) {
        guard points.count > 1 else { return }
        body += "<polyline" + SVGCanvas.attributes([
            ("points", SVGCanvas.pointList(points)), ("fill", "none"),
            ("stroke", stroke), ("stroke-width", n(width)), ("stroke-dasharray", dash),
            ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
        ]) + "/>\n"
    }

    mutating func polygon(_ points: [Point], fill: String, opacity: Double? = nil) {
        guard points.count > 2 else { return }
        body += "<polygon" + SVGCanvas.attributes([
            ("points", SVGCanvas.pointList(points)), ("fill", fill), ("fill-opacity", opacity.map(n)),
            ("stroke", "none"),
        ]) + "/>\n"
    }

    mutating func circle(
        _ centre: Point, radius: Double, fill: String, stroke: String? = nil, strokeWidth: Double = 1
    ) {
        body += "<circle" + SVGCanvas.attributes([
            ("cx", n(centre.x)), ("cy", n(centre.y)), ("r", n(radius)), ("fill", fill),
            ("stroke", stroke), ("stroke-width", stroke == nil ? nil : n(strokeWidth)),
        ]) + "/>\n"
    }

    /// Many round dots as one path of zero-length strokes with round caps (SVG draws each as a
    /// disc of the stroke's width): a scatter of a thousand points in about 16 kB.
    mutating func dots(_ points: [Point], diameter: Double, fill: String, opacity: Double? = nil) {
        guard !points.isEmpty else { return }
        let d = points.map { "M\(n($0.x)) \(n($0.y))h0" }.joined()
        body += "<path" + SVGCanvas.attributes([
            ("d", d), ("fill", "none"), ("stroke", fill), ("stroke-width", n(diameter)),
            ("stroke-linecap", "round"), ("stroke-opacity", opacity.map(n)),
        ]) + "/>\n"
    }

    /// Text with its baseline at `at.y`; `rotation` turns it (degrees, about the anchor point).
    ///
    /// A `halo` outlines the glyphs in white under the fill, so a label stays readable where a
    /// gridline or reference line runs behind it.
    mutating func text(
        _ text: String, at p: Point, size: Double, anchor: Anchor = .start, bold: Bool = false,
        fill: String = Palette.text, rotation: Double? = nil, halo: Bool = false
    ) {
        body += "<text" + SVGCanvas.attributes([
            ("x", n(p.x)), ("y", n(p.y)), ("font-size", n(size)),
            ("text-anchor", anchor == .start ? nil : anchor.rawValue),
            ("font-weight", bold ? "bold" : nil), ("fill", fill),
            ("stroke", halo ? "#ffffff" : nil), ("stroke-width", halo ? "3" : nil),
            ("stroke-linejoin", halo ? "round" : nil), ("paint-order", halo ? "stroke" : nil),
            ("transform", rotation.map { "rotate(\(n($0)) \(n(p.x)) \(n(p.y)))" }),
        ]) + ">" + text.xmlEscaped + "</text>\n"
    }

    /// Several lines of text, the first baseline at `at.y`, `lineHeight` apart.
    mutating func textLines(
        _ lines: [String], at p: Point, size: Double, lineHeight: Double, anchor: Anchor = .start,
        bold: Bool = false, fill: String = Palette.text, halo: Bool = false
    ) {
        for (i, line) in lines.enumerated() {
            text(line, at: Point(x: p.x, y: p.y + Double(i) * lineHeight), size: size,
                 anchor: anchor, bold: bold, fill: fill, halo: halo)
        }
    }

    /// Places a finished chart (`document(title:)` of another canvas) with its top-left corner
    /// at `origin`, as a translated group of its elements (its title left out): one figure made
    /// of panels that are charts themselves.
    mutating func embed(_ document: String, at origin: Point) {
        guard let open = document.range(of: "</title>\n"), let close = document.range(of: "</svg>", options: .backwards),
              open.upperBound <= close.lowerBound else { return }
        body += "<g transform=\"translate(\(n(origin.x)) \(n(origin.y)))\">\n" + document[open.upperBound..<close.lowerBound] + "</g>\n"
    }

    /// Opens a group; `label` becomes a comment so a reader of the file can find the part.
    mutating func beginGroup(_ label: String) {
        // "--" may not appear inside an XML comment.
        let safe = label.xmlEscaped.replacingOccurrences(of: "--", with: "- -")
        body += "<g><!-- \(safe) -->\n"
    }

    mutating func endGroup() {
        body += "</g>\n"
    }

    /// The finished document; `title` is its accessible name.
    func document(title: String) -> String {
        let w = SVGCanvas.number(width), h = SVGCanvas.number(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" "
            + "viewBox=\"0 0 \(w) \(h)\" role=\"img\" font-family=\"\(SVGCanvas.fontFamily.xmlEscaped)\">\n"
            + "<title>\(title.xmlEscaped)</title>\n"
            + "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>\n"
            + body
            + "</svg>\n"
    }

    private static func pointList(_ points: [Point]) -> String {
        points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
    }
}
