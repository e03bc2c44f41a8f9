import Foundation

/// A Vensim (or Stella) output table from the SD test-models collection: `output.tab`
/// (tab-separated) or `output.csv`.
///
/// Read the way `shared/test-models/README.md` says the files really are: LF, CRLF or bare
/// CR line endings, an optional UTF-8 BOM, CSV-quoted headers, and blank cells: a column
/// blank in every row after its first is a constant Vensim printed once (forward-filled);
/// any other blank is `:NA:` (NaN).
struct ExpectedOutput {
    /// Column names after `Time`, as printed (quoted Vensim names keep their quotes).
    var names: [String]
    var times: [Double]
    /// columns[j][row]
    var columns: [[Double]]

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads `path`: `.csv` is comma-separated, anything else tab-separated. Vensim writes its
    /// tables in UTF-8 or, on older versions, Latin-1 (unicode_characters' `output.tab`).
    init(contentsOfFile path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw FormatError(description: "\(path) is neither UTF-8 nor Latin-1")
        }
        try self.init(text: text, separator: path.hasSuffix(".csv") ? "," : "\t")
    }

    init(text: String, separator: Character) throws {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // "\r\n" is one Character in Swift; bare "\r" and "\n" are the others.
        let lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            .map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let headerLine = lines.first else { throw FormatError(description: "empty output file") }
        let header = ExpectedOutput.cells(headerLine, separator: separator)
        guard header.count >= 2 else { throw FormatError(description: "header has no variables: \(headerLine)") }
        names = Array(header.dropFirst())
        var rows: [[String]] = []
        for line in lines.dropFirst() {
            var cells = ExpectedOutput.cells(line, separator: separator)
            if cells.count < header.count { cells += Array(repeating: "", count: header.count - cells.count) }
            rows.append(Array(cells.prefix(header.count)))
        }
        times = try rows.map { row in
            guard let t = Double(row[0].trimmingCharacters(in: .whitespaces)) else {
                throw FormatError(description: "time cell '\(row[0])' is not a number")
            }
            return t
        }
        columns = try (1..<header.count).map { j in
            let raw = rows.map { $0[j].trimmingCharacters(in: .whitespaces) }
            let constant = raw.count > 1 && !raw[0].isEmpty && raw.dropFirst().allSatisfy(\.isEmpty)
            var out: [Double] = []
            for (r, cell) in raw.enumerated() {
                if cell.isEmpty {
                    out.append(constant ? out[0] : .nan)
                } else if let v = Double(cell) {
                    out.append(v)
                } else if cell == ":NA:" {
                    out.append(.nan)
                } else {
                    throw FormatError(description: "row \(r + 2), column '\(header[j])': '\(cell)' is not a number")
                }
            }
            return out
        }
    }

    /// Splits one line on `separator`, honouring CSV double quotes (`""` inside quotes is a
    /// quote) in tab-separated files too: Vensim writes `"a/b"` as `"""a/b"""` in both.
    static func cells(_ line: String, separator: Character) -> [String] {
        var out: [String] = []
        var field = ""
        var inQuotes = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { inQuotes = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
            } else if c == separator {
                out.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        out.append(field)
        return out
    }
}
