import Foundation
import SweepDiagnostics

/// A CSV file as read from disk: a header and rows of fields, each row remembering its line.
///
/// Accepts what spreadsheets and pandas write: a UTF-8 byte-order mark, LF, CRLF or bare CR
/// line endings, RFC 4180 quoting (`"a, b"`, `""` for a quote). Rejects ragged rows.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]
    /// The 1-based line on which each row starts, for diagnostics.
    public var lines: [Int]
    public var file: String

    public init(header: [String], rows: [[String]], lines: [Int]? = nil, file: String = "<memory>") {
        self.header = header
        self.rows = rows
        self.lines = lines ?? rows.indices.map { $0 + 2 }
        self.file = file
    }

    /// Reads and parses `path`.
    public static func read(path: String) throws -> CSVTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVError(location: SourceLocation(file: path), message: "cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CSVError(location: SourceLocation(file: path), message: "file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses CSV text; `file` names the source in diagnostics.
    public static func parse(_ text: String, file: String = "<memory>") throws -> CSVTable {
        var records: [[String]] = []
        var recordLines: [Int] = []
        var field = ""
        var record: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var fieldStarted = false
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        func endRecord() {
            record.append(field)
            field = ""
            fieldStarted = false
            // A blank line (one empty field) is skipped, as pandas does.
            if !(record.count == 1 && record[0].isEmpty) {
                records.append(record)
                recordLines.append(recordLine)
            }
            record = []
        }
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                        field.unicodeScalars.append("\""); i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" || (c == "\r" && !(i + 1 < scalars.count && scalars[i + 1] == "\n")) { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case "\"" where !fieldStarted || field.isEmpty:
                    inQuotes = true
                    fieldStarted = true
                case ",":
                    record.append(field)
                    field = ""
                    fieldStarted = false
                case "\r", "\n":
                    if c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
                    endRecord()
                    line += 1
                    recordLine = line
                default:
                    field.unicodeScalars.append(c)
                    fieldStarted = true
                }
            }
            i += 1
        }
        if inQuotes {
            throw CSVError(location: SourceLocation(file: file, line: recordLine), message: "unterminated quoted field")
        }
        if !field.isEmpty || !record.isEmpty { endRecord() }
        guard let header = records.first else {
            throw CSVError(location: SourceLocation(file: file), message: "empty file: expected a header row")
        }
        let body = Array(records.dropFirst())
        let bodyLines = Array(recordLines.dropFirst())
        for (r, row) in body.enumerated() where row.count != header.count {
            throw CSVError(
                location: SourceLocation(file: file, line: bodyLines[r]),
                message: "row has \(row.count) fields but the header has \(header.count)")
        }
        return CSVTable(header: header.map { $0.trimmingCharacters(in: .whitespaces) }, rows: body, lines: bodyLines, file: file)
    }

    /// All fields as numbers, column-major, with a diagnostic naming line, column and header
    /// for the first field that is not a finite or explicitly non-finite number.
    public func numericMatrix(allowNonFinite: Bool = true) throws -> Matrix {
        var m = Matrix(rows: rows.count, columns: header.count)
        for (r, row) in rows.enumerated() {
            for (c, text) in row.enumerated() {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                guard let v = Double(trimmed), allowNonFinite || v.isFinite else {
                    let what = Double(trimmed) == nil ? "a number" : "a finite number"
                    throw CSVError(
                        location: SourceLocation(file: file, line: lines[r], column: c + 1),
                        message: "column '\(header[c])': '\(trimmed.count > 40 ? trimmed.prefix(40) + "…" : trimmed)' is not \(what)")
                }
                m[r, c] = v
            }
        }
        return m
    }

    /// The CSV text: header and rows, fields quoted only where they must be.
    public func text() -> String {
        var out = header.map(CSVTable.quote).joined(separator: ",") + "\n"
        for row in rows { out += row.map(CSVTable.quote).joined(separator: ",") + "\n" }
        return out
    }

    /// CSV text of a numeric matrix under `header`, numbers in shortest round-trip form so a
    /// reader gets the exact doubles back.
    public static func text(header: [String], matrix: Matrix) -> String {
        precondition(header.count == matrix.columns)
        var out = header.map(quote).joined(separator: ",") + "\n"
        out.reserveCapacity(out.count + matrix.rows * matrix.columns * 20)
        for r in 0..<matrix.rows {
            for c in 0..<matrix.columns {
                if c > 0 { out += "," }
                out += format(matrix[r, c])
            }
            out += "\n"
        }
        return out
    }

    /// Shortest round-trip decimal form; `nan`, `inf`, `-inf` as pandas writes and reads them.
    public static func format(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        return "\(v)"
    }

    public static func quote(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s != s.trimmingCharacters(in: .whitespaces) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}

public struct CSVError: InputError {
    public let kind: ErrorKind
    public let location: SourceLocation?
    public let message: String
    public init(_ kind: ErrorKind = .syntax, location: SourceLocation?, message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }
}
