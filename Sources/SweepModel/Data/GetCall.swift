import Foundation

/// A call of one of Vensim's functions that read a data file (Vensim DSS Reference Manual,
/// "GET DIRECT CONSTANTS", "GET DIRECT DATA", "GET DIRECT LOOKUPS", "GET DIRECT SUBSCRIPT"
/// and their `GET XLS` twins, which read the same cells): the function and its quoted
/// arguments.
///
/// ```swift
/// let call = try GetCall.parse("GET DIRECT CONSTANTS('inputs.xlsx', 'Sheet1', 'B2*')")
/// // call?.function == .constants, call?.arguments == ["inputs.xlsx", "Sheet1", "B2*"]
/// ```
struct GetCall: Equatable, Sendable {
    enum Function: String, Sendable {
        case constants = "CONSTANTS", data = "DATA", lookups = "LOOKUPS", subscripts = "SUBSCRIPT"

        /// The number of arguments: file, tab, then the cells.
        var arity: Int {
            switch self {
            case .constants: 3
            case .data, .lookups: 4
            case .subscripts: 5
            }
        }
    }

    var function: Function
    /// The name as written, `GET XLS DATA`, for messages.
    var spelling: String
    var arguments: [String]

    /// `text` as a whole GET call, or nil when it is not one (any other equation).
    ///
    /// - Throws: `DataFileError` for a GET call with the wrong arguments.
    static func parse(_ text: String) throws -> GetCall? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let open = t.firstIndex(of: "("), t.hasSuffix(")") else { return nil }
        let words = t[..<open].uppercased().split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "\t" || $0 == "\n" })
        guard words.count == 3, words[0] == "GET", words[1] == "DIRECT" || words[1] == "XLS",
              let f = Function(rawValue: String(words[2])) else { return nil }
        let spelling = words.joined(separator: " ")
        var args: [String] = []
        var chars = Array(t[t.index(after: open)..<t.index(before: t.endIndex)])
        while !chars.isEmpty {
            while let c = chars.first, c.isWhitespace { chars.removeFirst() }
            guard let quote = chars.first, quote == "'" || quote == "\"" else {
                throw DataFileError("\(spelling) takes quoted arguments ('file', 'tab', …)")
            }
            guard let close = chars.dropFirst().firstIndex(of: quote) else { throw DataFileError("\(spelling): an argument's quote is not closed") }
            args.append(String(chars[1..<close]))
            chars.removeSubrange(...close)
            while let c = chars.first, c.isWhitespace { chars.removeFirst() }
            if chars.first == "," { chars.removeFirst() } else if !chars.isEmpty {
                throw DataFileError("\(spelling): expected ',' between arguments")
            }
        }
        guard args.count == f.arity || (f == .subscripts && args.count == 4) else {
            throw DataFileError("\(spelling) takes \(f.arity) arguments, got \(args.count)")
        }
        return GetCall(function: f, spelling: spelling, arguments: args)
    }

    var file: String { arguments[0] }
    var tab: String { arguments[1] }
}

/// Reading a GET call's cells out of its file.
extension DataFiles {
    /// GET … CONSTANTS: the `rows × columns` block at the call's cell (`B2`, or a named range),
    /// transposed when the cell ends with `*` (Vensim reads the first dimension down a column
    /// then). A scalar is `1 × 1`; one dimension of n elements reads across a row, `1 × n`.
    /// Blank cells are `:NA:`.
    func constants(_ call: GetCall, rows: Int, columns: Int) throws -> [[Double]] {
        var cell = call.arguments[2].trimmingCharacters(in: .whitespaces)
        let transposed = cell.hasSuffix("*")
        if transposed { cell.removeLast() }
        let (book, sheet) = try self.sheet(call.file, tab: call.tab)
        let (r, c) = transposed ? (columns, rows) : (rows, columns)
        let range: CellRange
        if let at = CellAddress(cell) {
            range = CellRange(first: at, last: CellAddress(row: at.row + r - 1, column: at.column + c - 1))
        } else if let named = book.range(named: cell, from: call.tab) {
            range = named.range
        } else {
            throw DataFileError("has no cell or named range '\(cell)' in '\(call.tab)'")
        }
        let source = try namedSheet(book, sheet, range: book.range(named: cell, from: call.tab))
        var block = (0..<range.rows).map { i in
            (0..<range.columns).map { j in source[range.first.row + i, range.first.column + j]?.number ?? .nan }
        }
        if transposed { block = block.first.map { first in first.indices.map { j in block.map { $0[j] } } } ?? [] }
        // A named range of one row or column serves one dimension however it lies.
        if rows == 1 && block.count > 1 && block.allSatisfy({ $0.count == 1 }) { block = [block.map { $0[0] }] }
        return block
    }

    /// GET … DATA and GET … LOOKUPS: one series per element (`count` of them). The times come
    /// from `time_row_or_col`: a row number (`'4'`, times across that row from the first
    /// cell's column on, one element per row below), a column letter (`'A'`, times down that
    /// column from the first cell's row on, one element per column to the right) or a named
    /// range; the values start at the first cell (or named range). Trailing blanks end a
    /// series; blank values are no data points.
    func series(_ call: GetCall, count: Int) throws -> [DataSeries] {
        let (book, sheet) = try self.sheet(call.file, tab: call.tab)
        let timeArg = call.arguments[2].trimmingCharacters(in: .whitespaces)
        let cellArg = call.arguments[3].trimmingCharacters(in: .whitespaces)
        let namedValues = CellAddress(cellArg) == nil ? book.range(named: cellArg, from: call.tab) : nil
        guard let first = CellAddress(cellArg) ?? namedValues?.range.first else {
            throw DataFileError("has no cell or named range '\(cellArg)' in '\(call.tab)'")
        }
        let valueSheet = try namedSheet(book, sheet, range: namedValues)
        var times: [Double?], across: Bool, start: Int
        if let row = Int(timeArg), row >= 1 {
            across = true
            start = first.column
            let end = Swift.max(sheet.extent.columns, start)
            times = (start..<end).map { sheet[row - 1, $0]?.number }
        } else if let column = CellAddress.column(timeArg) {
            across = false
            start = first.row
            let end = Swift.max(sheet.extent.rows, start)
            times = (start..<end).map { sheet[$0, column]?.number }
        } else if let named = book.range(named: timeArg, from: call.tab) {
            let timeSheet = try namedSheet(book, sheet, range: named)
            across = named.range.rows == 1
            start = across ? first.column : first.row
            let r = named.range
            times = across ? (r.first.column...r.last.column).map { timeSheet[r.first.row, $0]?.number }
                : (r.first.row...r.last.row).map { timeSheet[$0, r.first.column]?.number }
        } else {
            throw DataFileError("has no row, column or named range '\(timeArg)' for the times in '\(call.tab)'")
        }
        return try (0..<count).map { k in
            let values = times.indices.map { i in
                across ? valueSheet[first.row + k, start + i]?.number : valueSheet[start + i, first.column + k]?.number
            }
            do {
                return try DataSeries(times: times, values: values)
            } catch let e as DataFileError {
                throw DataFileError("\(e.message) for the series at \(across ? "row \(first.row + k + 1)" : "column \(first.column + k + 1)") in '\(call.tab)'")
            }
        }
    }

    /// GET … SUBSCRIPT: the element names in the cells from the first to the last (a cell, a
    /// column letter ending the row, a row number ending the column, or blank: up to the first
    /// blank cell along the row, or down the column when the first cell stands alone in its
    /// row), each with the prefix before it.
    func subscripts(_ call: GetCall) throws -> [String] {
        let (_, sheet) = try self.sheet(call.file, tab: call.tab)
        guard let first = CellAddress(call.arguments[2]) else { throw DataFileError("has no cell '\(call.arguments[2])'") }
        let lastArg = call.arguments[3].trimmingCharacters(in: .whitespaces)
        let prefix = call.arguments.count > 4 ? call.arguments[4] : ""
        var last: CellAddress
        if let l = CellAddress(lastArg) {
            last = l
        } else if let column = CellAddress.column(lastArg) {
            last = CellAddress(row: first.row, column: column)
        } else if let row = Int(lastArg), row >= 1 {
            last = CellAddress(row: row - 1, column: first.column)
        } else {
            let acrossRow = sheet[first.row, first.column + 1] != nil
            last = first
            while sheet[last.row + (acrossRow ? 0 : 1), last.column + (acrossRow ? 1 : 0)] != nil {
                last = CellAddress(row: last.row + (acrossRow ? 0 : 1), column: last.column + (acrossRow ? 1 : 0))
            }
        }
        let range = CellRange(first: first, last: last)
        var out: [String] = []
        for i in 0..<range.rows {
            for j in 0..<range.columns {
                if let v = sheet[range.first.row + i, range.first.column + j] { out.append(prefix + v.text) }
            }
        }
        guard !out.isEmpty else { throw DataFileError("has no element names in \(call.arguments[2])…\(lastArg) of '\(call.tab)'") }
        return out
    }

    /// The sheet a named range lies on (a name may point to another sheet than the call's tab).
    private func namedSheet(_ book: Workbook, _ sheet: Sheet, range: DefinedName?) throws -> Sheet {
        guard let range, !range.sheet.isEmpty else { return sheet }
        guard let s = book.sheet(named: range.sheet) else { throw DataFileError("names a range on sheet '\(range.sheet)', which it lacks") }
        return s
    }
}
