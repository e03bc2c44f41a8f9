import Foundation

/// Reads a delimited text file (`.csv`, `.tab`, `.txt`) into a one-sheet `Workbook`: fields
/// split at `separator`, double-quoted fields may hold the separator, `""` and line breaks
/// (RFC 4180); numbers become numbers, anything else text, empty fields blanks. Vensim passes
/// the separator where a spreadsheet would have its tab name (`GET DIRECT DATA('data.csv',
/// ',', 'A', 'B2')`); a `.tab` file is tab-separated and a `.csv` comma-separated otherwise.
///
/// ```swift
/// let book = try DelimitedReader.read(URL(fileURLWithPath: "data.tab"), separator: "\t")
/// ```
enum DelimitedReader {
    /// The separator a file of `url`'s kind uses, given the tab argument of a GET call.
    static func separator(for url: URL, tab: String) -> Character {
        if tab.count == 1, let c = tab.first, !c.isLetter, !c.isNumber { return c }
        if tab == "\\t" { return "\t" }
        return url.pathExtension.lowercased() == "csv" ? "," : "\t"
    }

    /// - Throws: `DataFileError` when the file is not UTF-8 or Latin-1 text.
    static func read(_ url: URL, separator: Character) throws -> Workbook {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw DataFileError("cannot be read") }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw DataFileError("is not text")
        }
        return Workbook(sheets: [("", parse(text, separator: separator))])
    }

    /// The cells of delimited `text`.
    static func parse(_ text: String, separator: Character) -> Sheet {
        var sheet = Sheet()
        var row = 0, column = 0, field = "", quoted = false, wasQuoted = false
        func store() {
            let t = field.trimmingCharacters(in: .whitespaces)
            if !t.isEmpty || wasQuoted {
                sheet.cells[CellAddress(row: row, column: column)] = Double(t).map { .number($0) } ?? .text(wasQuoted ? field : t)
            }
            field = ""
            wasQuoted = false
        }
        var chars = Array(text)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.trimmingCharacters(in: .whitespaces).isEmpty {
                quoted = true
                wasQuoted = true
                field = ""
            } else if c == separator {
                store()
                column += 1
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                store()
                row += 1
                column = 0
            } else {
                field.append(c)
            }
            i += 1
        }
        store()
        return sheet
    }
}
