extension CSVRowReader {
    /// A whole numeric CSV table: what `analyze` reads as samples and outputs, and the tests
    /// read as reference designs.
    public struct Table: Sendable {
        /// The header's fields, trimmed.
        public var header: [String]
        /// Rows × header columns.
        public var values: Matrix
        /// The line each row starts on (blank lines and quoted line breaks make it differ
        /// from row + 2), for diagnostics that point at a row.
        public var lines: [Int]
    }

    /// Reads every row of `path` at once.
    ///
    /// ```swift
    /// let outputs = try CSVRowReader.table(path: "y.csv", allowNonFinite: true)
    /// let y = outputs.values.column(0)
    /// ```
    /// - Throws: `CSVError` as `nextBlock` does, at the first problem in the file.
    public static func table(path: String, allowNonFinite: Bool = false) throws -> Table {
        try CSVRowReader(path: path).remainingTable(allowNonFinite: allowNonFinite)
    }

    /// Reads every row of CSV bytes held in memory; `firstLine` is the line the first byte is on.
    public static func table(bytes: [UInt8], file: String, firstLine: Int = 1, allowNonFinite: Bool = false) throws -> Table {
        try CSVRowReader(bytes: bytes, file: file, firstLine: firstLine).remainingTable(allowNonFinite: allowNonFinite)
    }

    /// The rows not read yet, as one table.
    public func remainingTable(allowNonFinite: Bool = false) throws -> Table {
        var values: [Double] = []
        var lines: [Int]? = []
        let rows = try readRows(into: &values, lines: &lines, maxRows: .max, allowNonFinite: allowNonFinite)
        return Table(header: header, values: CSVRowReader.columnMajor(values, rows: rows, columns: header.count), lines: lines ?? [])
    }
}
