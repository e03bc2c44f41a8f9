import SweepDiagnostics
import SweepNumerics

/// One record of a Vensim `.mdl` file, `name = expression ~ units ~ comment |`, with the line
/// each character of its equation came from.
///
/// The splitter does the lexical work Vensim's file format needs before any expression is
/// parsed (Vensim DSS Reference Manual, "Model file format"; PySD's `vensim_file.py` does the
/// same split): the `{UTF-8}` header and other `{…}` comments are dropped, `\` line
/// continuations are joined with a space, `|` and `~` inside quoted names do not split, and
/// everything from the sketch marker `\\\---///` on is ignored. Line endings may be LF, CRLF or
/// bare CR; a UTF-8 byte-order mark is skipped.
///
/// ```swift
/// let records = try VensimRecord.split("x = 1 ~ widgets ~ a constant |", file: "m.mdl")
/// // records[0].equation == "x = 1 ", records[0].units == " widgets ", records[0].line == 1
/// ```
struct VensimRecord {
    /// The equation text, cleaned of comments and continuations.
    var equation: String
    /// The 1-based source line of each character of `equation` (same count of characters).
    var lines: [Int]
    var units: String
    var comment: String
    /// The line the record starts on (its first non-blank character).
    var line: Int

    /// The source line of character `offset` of the equation.
    func line(atOffset offset: Int) -> Int {
        lines.isEmpty ? line : lines[Swift.max(0, Swift.min(offset, lines.count - 1))]
    }

    /// Splits a whole `.mdl` text into records.
    ///
    /// - Throws: `ModelError` for an unterminated quoted name, `{` comment or record.
    static func split(_ text: String, file: String) throws -> [VensimRecord] {
        var chars = Array(text)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        // Swift reads "\r\n" as one Character, so only bare "\r" needs mapping to "\n".
        chars = chars.map { $0 == "\r\n" || $0 == "\r" ? "\n" : $0 }
        let marker = Array("\\\\\\---///")
        if let cut = chars.firstRange(of: marker) { chars.removeSubrange(cut.lowerBound...) }

        var records: [VensimRecord] = []
        var line = 1
        var i = 0
        while i < chars.count, let record = try next(in: chars, at: &i, line: &line, file: file) {
            records.append(record)
        }
        return records
    }

    /// The record starting at `chars[i]`, with `i` and `line` moved past it; nil when only
    /// blanks and comments are left.
    private static func next(in chars: [Character], at i: inout Int, line: inout Int, file: String) throws -> VensimRecord? {
        var equation: [Character] = [], lines: [Int] = []
        var units: [Character] = [], comment: [Character] = []
        var part = 0
        var inQuote = false
        var start: Int?
        var quoteLine = 0
        var terminated = false
        while i < chars.count {
            let c = chars[i]
            // The record starts at its first character that is not a blank or a comment.
            if start == nil && !c.isWhitespace && c != "{" && c != "\\" { start = line }
            if part == 0 {
                if c == "\"" {
                    inQuote.toggle()
                    quoteLine = line
                } else if c == "{" && !inQuote {
                    let open = line
                    while i < chars.count && chars[i] != "}" {
                        if chars[i] == "\n" { line += 1 }
                        i += 1
                    }
                    guard i < chars.count else {
                        throw ModelError(.syntax, "unterminated '{' comment", at: SourceLocation(file: file, line: open))
                    }
                    i += 1
                    equation.append(" "); lines.append(line)
                    continue
                } else if c == "\\" , let next = VensimRecord.continuationEnd(chars, from: i + 1) {
                    // A continuation joins two lines; Vensim breaks lines between words.
                    line += 1
                    i = next
                    equation.append(" "); lines.append(line)
                    continue
                } else if !inQuote && c == "~" {
                    part = 1; i += 1; continue
                } else if !inQuote && c == "|" {
                    i += 1; terminated = true; break
                }
                equation.append(c); lines.append(line)
            } else {
                if c == "|" { i += 1; terminated = true; break }
                if c == "~" && part == 1 { part = 2; i += 1; continue }
                if c == "~" && part == 2 {
                    try rejectThirdTilde(chars, at: i, equation: equation, line: line, start: start, file: file)
                }
                if part == 1 { units.append(c) } else { comment.append(c) }
            }
            if c == "\n" { line += 1 }
            i += 1
        }
        guard let first = start else { return nil }
        if inQuote {
            throw ModelError(.syntax, "unterminated quoted name (the '\"' opened here has no partner)", at: SourceLocation(file: file, line: quoteLine))
        }
        if !terminated {
            throw ModelError(.invalidValue, "malformed record: it does not end with '|' (each record is 'name = expression ~ units ~ comment |')",
                             at: SourceLocation(file: file, line: first))
        }
        return VensimRecord(equation: String(equation), lines: lines, units: String(units),
                            comment: String(comment), line: first)
    }

    /// A third '~' means the '|' closing this record is missing and the next record is being
    /// read as its comment (group headers aside, which have no equation); it may only
    /// introduce a flag such as `:SUPPLEMENTARY`.
    private static func rejectThirdTilde(_ chars: [Character], at i: Int, equation: [Character], line: Int, start: Int?, file: String) throws {
        let body = String(equation).trimmingCharacters(in: .whitespacesAndNewlines)
        var j = i + 1
        while j < chars.count && chars[j].isWhitespace { j += 1 }
        let flag = j < chars.count && chars[j] == ":"
        if !flag && !body.isEmpty && !body.hasPrefix("*") {
            throw ModelError(.missingValue, "malformed record: a third '~' at line \(line); is the '|' that ends the record missing?",
                             at: SourceLocation(file: file, line: start ?? line))
        }
    }

    /// If a `\` at `from - 1` ends its line (only blanks follow), the index after the newline
    /// and the next line's indentation.
    static func continuationEnd(_ chars: [Character], from: Int) -> Int? {
        var j = from
        while j < chars.count && (chars[j] == " " || chars[j] == "\t") { j += 1 }
        guard j < chars.count, chars[j] == "\n" else { return nil }
        j += 1
        while j < chars.count && (chars[j] == " " || chars[j] == "\t") { j += 1 }
        return j
    }
}
