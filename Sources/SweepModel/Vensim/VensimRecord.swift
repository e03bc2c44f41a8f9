import SweepDiagnostics
import SweepNumerics

/// One record of a Vensim `.mdl` file, `name = expression ~ units ~ comment |`, with the line
/// each character of its equation came from.
///
/// The splitter does the lexical work Vensim's file format needs before any expression is
/// parsed (Vensim DSS Reference Manual, "Model file format"; PySD's `vensim_file.py` does the
/// same split): the `{UTF-8}` header and other `{…}` comments are dropped wherever they stand in
/// an equation (nested ones included), `\` line continuations are joined with a space, `|` and
/// `~` inside quoted names do not split (nor does `\"`, a quote inside a quoted name), and
/// everything from the sketch marker on is ignored (`\\\---///`, also written `\\---///`). Line
/// endings may be LF, CRLF or bare CR; a UTF-8 byte-order mark is skipped.
///
/// A macro's header `:MACRO: NAME(in1, in2 : out1)` and its closing `:END OF MACRO:` carry no
/// `~ … |` of their own: each becomes a record of its own with `directive` set.
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
    /// Set for the lines that open and close a macro definition.
    var directive: Directive? = nil

    /// A line that structures the file rather than defining a variable.
    enum Directive: Equatable {
        /// `:MACRO: NAME(in1, in2 : out1)`: the text after the keyword.
        case macro(header: String)
        /// `:END OF MACRO:`
        case endOfMacro
    }

    /// The source line of character `offset` of the equation.
    func line(atOffset offset: Int) -> Int {
        lines.isEmpty ? line : lines[Swift.max(0, Swift.min(offset, lines.count - 1))]
    }

    /// Splits a whole `.mdl` text into records.
    ///
    /// - Throws: `ModelError` for an unterminated quoted name, `{` comment, record or macro header.
    static func split(_ text: String, file: String) throws -> [VensimRecord] {
        var chars = Array(text)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        // Swift reads "\r\n" as one Character, so only bare "\r" needs mapping to "\n".
        chars = chars.map { $0 == "\r\n" || $0 == "\r" ? "\n" : $0 }
        chars.removeSubrange(sketchStart(chars)...)

        var records: [VensimRecord] = []
        var line = 1
        var i = 0
        while i < chars.count, let record = try next(in: chars, at: &i, line: &line, file: file) {
            records.append(record)
        }
        return records
    }

    /// Where the sketch section starts: the first run of backslashes before `---///` (Vensim
    /// writes three; some tools two), or the end of the text.
    static func sketchStart(_ chars: [Character]) -> Int {
        guard var cut = chars.firstRange(of: Array("\\\\---///"))?.lowerBound else { return chars.count }
        while cut > 0 && chars[cut - 1] == "\\" { cut -= 1 }
        return cut
    }

    /// The record starting at `chars[i]`, with `i` and `line` moved past it; nil when only
    /// blanks and comments are left.
    private static func next(in chars: [Character], at i: inout Int, line: inout Int, file: String) throws -> VensimRecord? {
        guard try skipToContent(chars, at: &i, line: &line, file: file) else { return nil }
        if let directive = try directive(in: chars, at: &i, line: &line, file: file) { return directive }
        var equation: [Character] = [], lines: [Int] = []
        var units: [Character] = [], comment: [Character] = []
        var part = 0
        var inQuote = false
        let start = line
        var quoteLine = 0
        var terminated = false
        while i < chars.count {
            let c = chars[i]
            if part == 0 {
                if inQuote && c == "\\" && i + 1 < chars.count && chars[i + 1] == "\"" {
                    // `\"` is a quote inside a quoted name, not its end.
                    equation += ["\\", "\""]; lines += [line, line]
                    i += 2
                    continue
                } else if c == "\"" {
                    inQuote.toggle()
                    quoteLine = line
                } else if c == "{" && !inQuote {
                    try skipComment(chars, at: &i, line: &line, file: file)
                    equation.append(" "); lines.append(line)
                    continue
                } else if c == "\\", let next = VensimRecord.continuationEnd(chars, from: i + 1) {
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
                if c == "~" && part >= 2 {
                    try rejectThirdTilde(chars, at: i, equation: equation, line: line, start: start, file: file)
                    // What follows is a flag such as `:SUPPLEMENTARY`, not part of the comment.
                    part = 3
                }
                if part == 1 { units.append(c) } else if part == 2 { comment.append(c) }
            }
            if c == "\n" { line += 1 }
            i += 1
        }
        if inQuote {
            throw ModelError(.syntax, "unterminated quoted name (the '\"' opened here has no partner)", at: SourceLocation(file: file, line: quoteLine))
        }
        if !terminated {
            throw ModelError(.invalidValue, "malformed record: it does not end with '|' (each record is 'name = expression ~ units ~ comment |')",
                             at: SourceLocation(file: file, line: start))
        }
        return VensimRecord(equation: String(equation), lines: lines, units: String(units),
                            comment: String(comment), line: start)
    }

    /// Moves `i` past blanks, comments and stray continuation backslashes; false at the end.
    private static func skipToContent(_ chars: [Character], at i: inout Int, line: inout Int, file: String) throws -> Bool {
        while i < chars.count {
            let c = chars[i]
            if c == "{" {
                try skipComment(chars, at: &i, line: &line, file: file)
            } else if c.isWhitespace || c == "\\" {
                if c == "\n" { line += 1 }
                i += 1
            } else {
                return true
            }
        }
        return false
    }

    /// Moves `i` past the `{…}` comment opening at `chars[i]`; comments nest.
    private static func skipComment(_ chars: [Character], at i: inout Int, line: inout Int, file: String) throws {
        let open = line
        var depth = 0
        while i < chars.count {
            switch chars[i] {
            case "{": depth += 1
            case "}": depth -= 1
            case "\n": line += 1
            default: break
            }
            i += 1
            if depth == 0 { return }
        }
        throw ModelError(.syntax, "unterminated '{' comment", at: SourceLocation(file: file, line: open))
    }

    /// The macro header or end starting at `chars[i]`, as a record of its own, with `i` moved
    /// past it; nil (and `i` unmoved) for any other record.
    private static func directive(in chars: [Character], at i: inout Int, line: inout Int, file: String) throws -> VensimRecord? {
        func keyword(_ k: String) -> Bool {
            let n = k.count
            return i + n <= chars.count && String(chars[i..<(i + n)]).uppercased() == k
        }
        let start = line
        if keyword(":END OF MACRO:") {
            i += 14
            return VensimRecord(equation: "", lines: [], units: "", comment: "", line: start, directive: .endOfMacro)
        }
        guard keyword(":MACRO:") else { return nil }
        i += 7
        // The header runs to the parenthesis that closes its argument list.
        var header: [Character] = []
        var depth = 0
        while i < chars.count {
            let c = chars[i]
            i += 1
            if c == "\n" { line += 1 }
            if c == "\\", let next = continuationEnd(chars, from: i) { line += 1; i = next; header.append(" "); continue }
            header.append(c == "\n" ? " " : c)
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1; if depth == 0 { break } }
        }
        guard depth == 0, header.contains("(") else {
            throw ModelError(.syntax, "malformed macro header: ':MACRO: NAME(inputs)' has no closing ')'", at: SourceLocation(file: file, line: start))
        }
        return VensimRecord(equation: String(header), lines: [], units: "", comment: "", line: start,
                            directive: .macro(header: String(header)))
    }

    /// A third '~' means the '|' closing this record is missing and the next record is being
    /// read as its comment (group headers aside, which have no equation); it may only
    /// introduce a flag such as `:SUPPLEMENTARY`.
    private static func rejectThirdTilde(_ chars: [Character], at i: Int, equation: [Character], line: Int, start: Int, file: String) throws {
        let body = String(equation).trimmingCharacters(in: .whitespacesAndNewlines)
        var j = i + 1
        while j < chars.count && chars[j].isWhitespace { j += 1 }
        let flag = j < chars.count && chars[j] == ":"
        if !flag && !body.isEmpty && !body.hasPrefix("*") {
            throw ModelError(.missingValue, "malformed record: a third '~' at line \(line); is the '|' that ends the record missing?",
                             at: SourceLocation(file: file, line: start))
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
