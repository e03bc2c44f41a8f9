import Foundation

/// One cell of a data file: a number, a text, or nothing (a blank or missing cell).
enum CellValue: Equatable, Sendable {
    case number(Double)
    case text(String)

    /// The cell as a number: numbers as they are, text that reads as a number (CSV fields,
    /// numbers stored as text in a spreadsheet) as that number. A negative zero (Vensim
    /// prints `-0`) reads as zero, so that the value survives being written as text.
    var number: Double? {
        let v: Double?
        switch self {
        case .number(let x): v = x
        case .text(let s): v = Double(s.trimmingCharacters(in: .whitespaces))
        }
        return v.map { $0 + 0 }
    }

    /// The cell as an element or series name: text trimmed, whole numbers without a fraction.
    var text: String {
        switch self {
        case .text(let s): s.trimmingCharacters(in: .whitespaces)
        case .number(let v): v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
        }
    }
}

/// A sheet of a data file as a sparse grid, rows and columns counted from 0 (`A1` is row 0,
/// column 0).
struct Sheet: Sendable {
    var cells: [CellAddress: CellValue] = [:]

    subscript(_ row: Int, _ column: Int) -> CellValue? { cells[CellAddress(row: row, column: column)] }

    /// One past the last row and column holding a value.
    var extent: (rows: Int, columns: Int) {
        cells.keys.reduce((0, 0)) { (Swift.max($0.0, $1.row + 1), Swift.max($0.1, $1.column + 1)) }
    }
}

/// A cell's position, rows and columns from 0.
struct CellAddress: Hashable, Sendable {
    var row: Int
    var column: Int

    /// Reads `B7` or `$B$7` (letters for the column, digits for the row, each optionally
    /// marked absolute with `$`), case-insensitively: `B7` is row 6, column 1.
    init?(_ text: String) {
        let t = text.replacingOccurrences(of: "$", with: "").uppercased()
        let letters = t.prefix { $0.isASCII && $0.isLetter }
        let digits = t.dropFirst(letters.count)
        guard let column = CellAddress.column(String(letters)), let row = Int(digits), row >= 1,
              digits.allSatisfy(\.isASCII) else { return nil }
        self.row = row - 1
        self.column = column
    }

    init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// The column of a letter name (`A` is 0, `Z` 25, `AA` 26), or nil for anything else.
    static func column(_ letters: String) -> Int? {
        guard !letters.isEmpty, letters.count <= 3, letters.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    }
}

/// A rectangle of cells, both corners included.
struct CellRange: Equatable, Sendable {
    var first: CellAddress
    var last: CellAddress

    /// Reads `B4:G4`, `$B$4:$G$4` or a single cell `B4`.
    init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 1 || parts.count == 2, let a = CellAddress(parts[0]), let b = CellAddress(parts.last!) else { return nil }
        first = CellAddress(row: Swift.min(a.row, b.row), column: Swift.min(a.column, b.column))
        last = CellAddress(row: Swift.max(a.row, b.row), column: Swift.max(a.column, b.column))
    }

    init(first: CellAddress, last: CellAddress) {
        self.first = first
        self.last = last
    }

    var rows: Int { last.row - first.row + 1 }
    var columns: Int { last.column - first.column + 1 }
}

/// A defined name of a workbook (Excel's named ranges): the sheet and range it stands for, and
/// the sheet it is local to (nil for a name of the whole workbook).
struct DefinedName: Sendable {
    var name: String
    var sheet: String
    var range: CellRange
    var scope: String?

    init(name: String, sheet: String, range: CellRange, scope: String?) {
        self.name = name
        self.sheet = sheet
        self.range = range
        self.scope = scope
    }

    /// Reads a name's formula, `Sheet1!$B$3:$B$6` or `'My tab'!$C$5`, or nil when the name
    /// stands for something other than one rectangle of one sheet.
    init?(name: String, formula: String, scope: String?) {
        guard let bang = formula.lastIndex(of: "!") else { return nil }
        var sheet = String(formula[..<bang]).trimmingCharacters(in: .whitespaces)
        if sheet.hasPrefix("'") && sheet.hasSuffix("'") && sheet.count >= 2 {
            sheet = String(sheet.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        guard let range = CellRange(String(formula[formula.index(after: bang)...])) else { return nil }
        self.name = name
        self.sheet = sheet
        self.range = range
        self.scope = scope
    }
}

/// The sheets and defined names of one data file, whatever its format.
struct Workbook: Sendable {
    var sheets: [(name: String, sheet: Sheet)]
    var names: [DefinedName] = []

    /// The sheet named `name` (any case), or nil.
    func sheet(named name: String) -> Sheet? {
        sheets.first { $0.name == name }?.sheet ?? sheets.first { $0.name.lowercased() == name.lowercased() }?.sheet
    }

    /// The range `name` stands for as seen from sheet `from`: a name local to that sheet
    /// first, then a name of the whole workbook (names are case-insensitive, as in Excel).
    func range(named name: String, from sheet: String) -> DefinedName? {
        let key = name.lowercased()
        let matches = names.filter { $0.name.lowercased() == key }
        return matches.first { $0.scope?.lowercased() == sheet.lowercased() } ?? matches.first { $0.scope == nil }
    }
}
