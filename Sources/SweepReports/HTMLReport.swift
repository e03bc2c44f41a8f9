/// One self-contained HTML page: title, sections of text, inline SVG figures and tables, and a
/// provenance table saying how the results were made.
///
/// The page loads nothing: CSS is inline, figures are inline SVG, there are no scripts and no web
/// fonts, so it opens identically offline, in an e-mail attachment or in ten years. All user
/// text (headings, paragraphs, captions, table cells, provenance) is escaped; only the SVG of a
/// figure is inserted as is, which is why a figure is made from an `SVGChart` or from SVG text
/// the caller vouches for.
///
/// ```swift
/// let report = HTMLReport(
///     title: "Cluster innovation: sensitivity study",
///     sections: [
///         .init(heading: "Baseline", blocks: [
///             .paragraph("Innovation Capability reaches 4.83 at year 20."),
///             .figure(baselineChart, caption: "Figure 4. Baseline run."),
///             .table(HTMLTable(header: ["Parameter", "S1", "ST"],
///                              rows: [[.text("Internal Knowledge Restructuring"),
///                                      .number(0.387, decimals: 3), .number(0.392, decimals: 3)]])),
///         ]),
///     ],
///     provenance: [("SDSweep version", "0.1.0"), ("Seed", "42")])
/// try report.html().write(toFile: "report.html", atomically: true, encoding: .utf8)
/// ```
public struct HTMLReport: Sendable {
    /// A part of a section, shown in the order given.
    public enum Block: Sendable, Equatable {
        case paragraph(String)
        /// Inline SVG (inserted verbatim) with an escaped caption.
        case figure(svg: String, caption: String)
        case table(HTMLTable)

        /// A figure drawn from a chart.
        public static func figure(_ chart: any SVGChart, caption: String) -> Block {
            .figure(svg: chart.svg(), caption: caption)
        }
    }

    /// A headed part of the report.
    public struct Section: Sendable, Equatable {
        public var heading: String
        public var blocks: [Block]

        public init(heading: String, blocks: [Block]) {
            self.heading = heading
            self.blocks = blocks
        }
    }

    public var title: String
    public var sections: [Section]
    /// Key–value pairs (tool version, model file and hash, seed, sample sizes, date), shown in
    /// the order given as the last section.
    public var provenance: [(key: String, value: String)]

    public init(title: String, sections: [Section], provenance: [(key: String, value: String)] = []) {
        self.title = title
        self.sections = sections
        self.provenance = provenance
    }

    /// The complete page as UTF-8 text.
    public func html() -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title.xmlEscaped)</title>
        <style>
        \(HTMLReport.css)
        </style>
        </head>
        <body>
        <main>
        <h1>\(title.xmlEscaped)</h1>

        """
        if sections.count + (provenance.isEmpty ? 0 : 1) > 1 {
            // Numbered section links: a report of many figures needs a way around it, and
            // anchors are the one piece of navigation that needs no script.
            out += "<nav><ol>\n"
            for (i, section) in sections.enumerated() {
                out += "<li><a href=\"#section-\(i + 1)\">\(section.heading.xmlEscaped)</a></li>\n"
            }
            if !provenance.isEmpty { out += "<li><a href=\"#provenance\">Provenance</a></li>\n" }
            out += "</ol></nav>\n"
        }
        for (i, section) in sections.enumerated() {
            out += "<section id=\"section-\(i + 1)\">\n<h2>\(section.heading.xmlEscaped)</h2>\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    out += "<p>\(text.xmlEscaped)</p>\n"
                case .figure(let svg, let caption):
                    out += "<figure>\n\(HTMLReport.strippingXMLDeclaration(svg))"
                    if !caption.isEmpty { out += "<figcaption>\(caption.xmlEscaped)</figcaption>\n" }
                    out += "</figure>\n"
                case .table(let table):
                    out += table.html()
                }
            }
            out += "</section>\n"
        }
        if !provenance.isEmpty {
            out += "<section id=\"provenance\" class=\"provenance\">\n<h2>Provenance</h2>\n<table>\n<tbody>\n"
            for (key, value) in provenance {
                out += "<tr><th scope=\"row\">\(key.xmlEscaped)</th><td>\(value.xmlEscaped)</td></tr>\n"
            }
            out += "</tbody>\n</table>\n</section>\n"
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// An XML declaration is legal at the top of an .svg file but not inside HTML.
    static func strippingXMLDeclaration(_ svg: String) -> String {
        var text = Substring(svg)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") {
            text = text[end.upperBound...]
            while text.first?.isWhitespace == true { text = text.dropFirst() }
        }
        let body = String(text)
        return body.hasSuffix("\n") ? body : body + "\n"
    }

    static let css = """
    :root { color-scheme: light; }
    body { margin: 0; background: #fafafa; color: #222;
      font-family: system-ui, 'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans', 'DejaVu Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif;
      line-height: 1.5; }
    main { max-width: 960px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }
    h1 { font-size: 1.7em; margin: 0.4em 0 0.6em; }
    h2 { font-size: 1.3em; margin: 1.6em 0 0.5em; padding-bottom: 0.2em; border-bottom: 1px solid #ddd; }
    nav ol { margin: 0 0 1em; padding-left: 1.4em; }
    nav a { color: #0060a0; }
    figure { margin: 1.2em 0; }
    figure svg { max-width: 100%; height: auto; display: block; }
    figcaption { font-size: 0.92em; color: #444; margin-top: 0.4em; }
    table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
    caption { text-align: left; font-weight: 600; padding-bottom: 0.3em; }
    th, td { padding: 4px 10px; border-bottom: 1px solid #e2e2e2; vertical-align: top; }
    thead th { border-bottom: 2px solid #888; text-align: left; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .provenance th { text-align: left; font-weight: 600; }
    .provenance td { font-family: 'DejaVu Sans Mono', monospace; font-size: 0.95em; word-break: break-all; }
    @media print { body { background: #fff; } main { padding: 0; } figure { break-inside: avoid; } }
    """
}

/// A table for the HTML report: a header row and data rows, numbers right-aligned with a fixed
/// number of decimals.
///
/// ```swift
/// let table = HTMLTable(caption: "Sobol' indices at year 20",
///                       header: ["Parameter", "S1", "ST"],
///                       rows: [[.text("Internal Resource Mining"),
///                               .estimate(0.0967, halfWidth: 0.012, decimals: 3),
///                               .number(0.0971, decimals: 3)]])
/// ```
public struct HTMLTable: Sendable, Equatable {
    /// One cell.
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A number printed with `decimals` digits after the point ("–" if not finite).
        case number(Double, decimals: Int)
        /// An estimate and the half-width of its confidence interval: "0.387 ± 0.021".
        case estimate(Double, halfWidth: Double, decimals: Int)
        /// A number the caller formatted ("85.6%", "83.3–87.6%"), aligned as a number.
        case numeric(String)

        var isNumeric: Bool {
            if case .text = self { return false }
            return true
        }

        var text: String {
            switch self {
            case .text(let s), .numeric(let s):
                return s
            case .number(let v, let d):
                return NiceScale.fixed(v, decimals: d)
            case .estimate(let v, let h, let d):
                return NiceScale.fixed(v, decimals: d) + " ± " + NiceScale.fixed(h, decimals: d)
            }
        }
    }

    public var caption: String?
    public var header: [String]
    public var rows: [[Cell]]

    public init(caption: String? = nil, header: [String], rows: [[Cell]]) {
        self.caption = caption
        self.header = header
        self.rows = rows
    }

    func html() -> String {
        // A column is right-aligned when all its cells are numbers, header included.
        let numericColumns = Set(header.indices.filter { c in
            !rows.isEmpty && rows.allSatisfy { c < $0.count && $0[c].isNumeric }
        })
        var out = "<table>\n"
        if let caption { out += "<caption>\(caption.xmlEscaped)</caption>\n" }
        out += "<thead><tr>"
        for (c, name) in header.enumerated() {
            out += numericColumns.contains(c) ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">"
            out += name.xmlEscaped + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (c, cell) in row.enumerated() {
                out += cell.isNumeric || numericColumns.contains(c) ? "<td class=\"num\">" : "<td>"
                out += cell.text.xmlEscaped + "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }
}
