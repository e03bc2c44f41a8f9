import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SweepDiagnostics

/// One element of an XMILE file, read into a small tree: its name without namespace prefix,
/// attributes, children, text and the line it starts on (for messages).
///
/// Foundation's `XMLParser` does the reading; this only keeps what the XMILE reader walks.
///
/// ```swift
/// let root = try XMILEElement.parse(data, file: "sir.stmx")
/// root.child("sim_specs")?.child("dt")?.text  // "0.125"
/// ```
struct XMILEElement {
    /// The local name: `prefs` for `<isee:prefs>`.
    var name: String
    /// The prefix of a namespaced name (`isee`), empty for XMILE's own elements.
    var prefix: String
    var attributes: [String: String]
    var children: [XMILEElement] = []
    var text = ""
    var line: Int

    /// The first child named `name` in XMILE's own namespace (no prefix).
    func child(_ name: String) -> XMILEElement? {
        children.first { $0.name == name && $0.prefix.isEmpty }
    }

    /// The children named `name` in XMILE's own namespace, in document order.
    func children(_ name: String) -> [XMILEElement] {
        children.filter { $0.name == name && $0.prefix.isEmpty }
    }

    /// The text with surrounding blanks removed.
    var trimmedText: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Reads a whole XMILE document.
    /// - Throws: `ModelError` at the line where the XML is malformed.
    static func parse(_ data: Data, file: String) throws -> XMILEElement {
        let parser = XMLParser(data: data)
        let builder = TreeBuilder(parser: parser)
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        if !parser.parse() || builder.stack.count != 1 || builder.stack[0].children.count != 1 {
            let code = parser.parserError.map { ($0 as NSError).code }
            let reason = code.map { XMILEElement.reasons[$0] ?? "XMLParser error \($0)" } ?? "the document has no root element"
            throw ModelError(.syntax, "malformed XML: \(reason)", at: SourceLocation(file: file, line: max(1, parser.lineNumber)))
        }
        return builder.stack[0].children[0]
    }

    /// What the common `XMLParser.ErrorCode`s mean, in words.
    static let reasons: [Int: String] = [
        4: "the document is empty",
        5: "the document ends before all its elements are closed (an end tag is missing)",
        9: "an invalid character",
        38: "an attribute is not closed",
        76: "an end tag does not match its start tag",
    ]

    /// Collects elements on a stack as `XMLParser` reports them.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        unowned let parser: XMLParser
        var stack = [XMILEElement(name: "", prefix: "", attributes: [:], line: 0)]

        init(parser: XMLParser) { self.parser = parser }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            let parts = elementName.split(separator: ":", maxSplits: 1).map(String.init)
            let (prefix, local) = parts.count == 2 ? (parts[0], parts[1]) : ("", elementName)
            stack.append(XMILEElement(name: local, prefix: prefix, attributes: attributes, line: parser.lineNumber))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard stack.count > 1 else { return }
            let done = stack.removeLast()
            stack[stack.count - 1].children.append(done)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}
