import Foundation

/// How SDSweep writes CSV: numbers in shortest round-trip form, fields quoted only where they
/// must be. `CSVNumberWriter` streams with these rules; the functions here build whole texts
/// (a design, a trajectory, a results table) in memory.
///
/// ```swift
/// CSVFormat.number(0.1)                  // "0.1"
/// CSVFormat.number(.nan)                 // "nan"
/// CSVFormat.field("Peak, Year")          // "\"Peak, Year\""
/// CSVFormat.text(header: ["x"], matrix: m)
/// ```
public enum CSVFormat {
    /// Shortest round-trip decimal form, so a reader gets the exact double back; `nan`, `inf`,
    /// `-inf` as pandas writes and reads them.
    public static func number(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        return "\(v)"
    }

    /// `s` as one field: in double quotes (inner quotes doubled) when it holds a comma, a quote
    /// or a line break, or starts or ends with whitespace a reader would trim.
    public static func field(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s != s.trimmingCharacters(in: .whitespaces) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// One line of fields, quoted where they must be, ending in a newline.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// A table of text fields under `header`.
    public static func text(header: [String], rows: [[String]]) -> String {
        var out = line(header)
        for row in rows { out += line(row) }
        return out
    }

    /// A numeric matrix under `header`, one line per row.
    public static func text(header: [String], matrix: Matrix) -> String {
        precondition(header.count == matrix.columns)
        var out = line(header)
        out.reserveCapacity(out.utf8.count + matrix.rows * matrix.columns * 20)
        for r in 0..<matrix.rows {
            for c in 0..<matrix.columns {
                if c > 0 { out += "," }
                out += number(matrix[r, c])
            }
            out += "\n"
        }
        return out
    }
}
