import Foundation
import FoundationXML
import Testing

/// Checks every chart test relies on: the SVG parses as XML, has an `<svg>` root, and holds no
/// "NaN" or "inf" anywhere (a non-finite number in an attribute is silently dropped by some
/// renderers and fatal in others; test data must therefore not use those words as names).
enum SVGCheck {
    /// Parses `svg` and returns the text of all `<text>` and `<title>` elements, in order.
    static func texts(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let document = try XMLDocument(xmlString: svg, options: [])
        let root = try #require(document.rootElement(), sourceLocation: sourceLocation)
        #expect(root.name == "svg", sourceLocation: sourceLocation)
        // Words such as "Influence" contain "inf", so look for whole tokens only.
        let nonFinite = try Regex("(?i)\\b(nan|inf|infinity)\\b")
        #expect(svg.firstMatch(of: nonFinite) == nil, "non-finite number in SVG", sourceLocation: sourceLocation)
        let nodes = try root.nodes(forXPath: "//*[local-name()='text' or local-name()='title']")
        return nodes.map { $0.stringValue ?? "" }
    }

    /// All text of the chart joined with spaces, for "contains" checks across wrapped lines.
    static func joinedText(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try texts(svg, sourceLocation: sourceLocation).joined(separator: " ")
    }
}
