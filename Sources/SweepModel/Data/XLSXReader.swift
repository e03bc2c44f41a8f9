import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an Excel `.xlsx` workbook (Office Open XML, ECMA-376 Part 1 §18): the sheets' cell
/// values, shared strings and defined names; formulas count by their cached value, as Vensim
/// and PySD read them. The zip container is opened with ZIPFoundation and each part parsed
/// with Foundation's `XMLParser`.
///
/// ```swift
/// let book = try XLSXReader.read(URL(fileURLWithPath: "inputs.xlsx"))
/// book.sheet(named: "Sheet1")?[0, 1]   // cell B1
/// ```
enum XLSXReader {
    /// - Throws: `DataFileError` when the file is not a zip archive or lacks the parts of a workbook.
    static func read(_ url: URL) throws -> Workbook {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw DataFileError("is not an .xlsx workbook (not a zip archive)")
        }
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return data
        }
        guard let workbookXML = try part("xl/workbook.xml") else { throw DataFileError("is not an .xlsx workbook (no xl/workbook.xml)") }
        let targets = try part("xl/_rels/workbook.xml.rels").map(relationships) ?? [:]
        let strings = try part("xl/sharedStrings.xml").map(sharedStrings) ?? []
        let (entries, names) = try workbook(workbookXML)
        var sheets: [(name: String, sheet: Sheet)] = []
        for entry in entries {
            guard let target = targets[entry.id] else { throw DataFileError("names sheet '\(entry.name)' but holds no part for it") }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = try part(path) else { throw DataFileError("lacks the part \(path) of sheet '\(entry.name)'") }
            sheets.append((entry.name, try sheet(xml, strings: strings)))
        }
        let defined = names.compactMap { n in
            DefinedName(name: n.name, formula: n.formula, scope: n.localSheet.flatMap { $0 < entries.count ? entries[$0].name : nil })
        }
        return Workbook(sheets: sheets, names: defined)
    }

    /// Relationship ids to their targets (`xl/_rels/workbook.xml.rels`).
    private static func relationships(_ xml: Data) throws -> [String: String] {
        var out: [String: String] = [:]
        try XMLEvents.parse(xml) { name, attributes in
            if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { out[id] = target }
        }
        return out
    }

    /// The shared strings table: each `<si>` as the concatenation of its `<t>` runs (phonetic
    /// `<rPh>` runs left out).
    private static func sharedStrings(_ xml: Data) throws -> [String] {
        var out: [String] = []
        var current = "", inPhonetic = false
        try XMLEvents.parse(xml, start: { name, _ in
            if name == "si" { current = "" }
            if name == "rPh" { inPhonetic = true }
        }, end: { name, text in
            switch name {
            case "t" where !inPhonetic: current += text
            case "rPh": inPhonetic = false
            case "si": out.append(current)
            default: break
            }
        })
        return out
    }

    private struct SheetEntry { var name: String; var id: String }
    private struct NameEntry { var name: String; var formula: String; var localSheet: Int? }

    /// The sheets in workbook order with their relationship ids, and the defined names.
    private static func workbook(_ xml: Data) throws -> ([SheetEntry], [NameEntry]) {
        var sheets: [SheetEntry] = [], names: [NameEntry] = []
        var pending: (String, Int?)?
        try XMLEvents.parse(xml, start: { name, a in
            if name == "sheet", let n = a["name"], let id = a["r:id"] ?? a.first(where: { $0.key.hasSuffix(":id") })?.value {
                sheets.append(SheetEntry(name: n, id: id))
            }
            if name == "definedName", let n = a["name"] { pending = (n, a["localSheetId"].flatMap { Int($0) }) }
        }, end: { name, text in
            if name == "definedName", let (n, local) = pending {
                names.append(NameEntry(name: n, formula: text, localSheet: local))
                pending = nil
            }
        })
        return (sheets, names)
    }

    /// A worksheet's cells: `<c r="B2" t="…"><v>…</v></c>`, shared strings (`t="s"`) looked
    /// up, inline strings (`<is><t>`) and formula text results (`t="str"`) as text, errors as
    /// blanks, booleans as 0 and 1.
    private static func sheet(_ xml: Data, strings: [String]) throws -> Sheet {
        var sheet = Sheet()
        var address: CellAddress?, type = "n", value: String?, inline = ""
        var nextColumn = 0, row = 0
        try XMLEvents.parse(xml, start: { name, a in
            switch name {
            case "row":
                row = a["r"].flatMap { Int($0) }.map { $0 - 1 } ?? row + 1
                nextColumn = 0
            case "c":
                address = a["r"].flatMap(CellAddress.init) ?? CellAddress(row: row, column: nextColumn)
                type = a["t"] ?? "n"
                value = nil
                inline = ""
            default: break
            }
        }, end: { name, text in
            switch name {
            case "v": value = text
            case "t": inline += text
            case "c":
                guard let at = address else { return }
                nextColumn = at.column + 1
                let cell: CellValue?
                switch type {
                case "s": cell = value.flatMap { Int($0) }.flatMap { $0 < strings.count ? .text(strings[$0]) : nil }
                case "str": cell = value.map { .text($0) }
                case "inlineStr": cell = .text(inline)
                case "e": cell = nil
                default: cell = value.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }.map { .number($0) }
                }
                if let cell { sheet.cells[at] = cell }
            default: break
            }
        })
        return sheet
    }
}

/// `XMLParser` as two callbacks: an element's start with its attributes, and its end with
/// the text directly inside it.
final class XMLEvents: NSObject, XMLParserDelegate {
    private let start: (String, [String: String]) -> Void
    private let end: (String, String) -> Void
    private var text: [String] = []

    private init(start: @escaping (String, [String: String]) -> Void, end: @escaping (String, String) -> Void) {
        self.start = start
        self.end = end
    }

    static func parse(_ data: Data, start: @escaping (String, [String: String]) -> Void = { _, _ in },
                      end: @escaping (String, String) -> Void = { _, _ in }) throws {
        let parser = XMLParser(data: data)
        let events = XMLEvents(start: start, end: end)
        parser.delegate = events
        guard parser.parse() else {
            throw DataFileError("holds malformed XML (\(parser.parserError.map { "\($0.localizedDescription)" } ?? "parse error"))")
        }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        text.append("")
        start(XMLEvents.localName(elementName), attributeDict)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !text.isEmpty { text[text.count - 1] += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        end(XMLEvents.localName(elementName), text.popLast() ?? "")
    }

    /// `x:c` as `c`: some writers prefix SpreadsheetML's elements.
    private static func localName(_ name: String) -> String {
        name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
    }
}

/// What is wrong with a data file, as the end of a sentence naming it ("… 'inputs.xlsx' is
/// not an .xlsx workbook"); the caller adds the file and the equation that asked for it.
struct DataFileError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
