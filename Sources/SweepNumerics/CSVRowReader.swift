import Foundation
import SweepDiagnostics

/// The one CSV reader of SDSweep: samples, outputs, shards and a model's matrices are all read
/// by it, a block of rows at a time, from a file it never holds whole or from bytes in memory.
///
/// It accepts what spreadsheets and pandas write: a UTF-8 byte-order mark, LF, CRLF or bare CR
/// line endings, RFC 4180 quotes (`"a, b"`, `""` for a quote), blank lines (skipped, as pandas
/// does). It rejects ragged rows, fields that are not numbers and, unless asked for, NaN and
/// infinities, each named by `file:line:column` and the column's header; when a file holds
/// several problems, the first in the file is the one reported. A number is what C's `strtod`
/// reads from the whole field once spaces and tabs around it are trimmed (`1e5`, `.5`, `nan`,
/// `inf`, `0x1p3`); plain decimals take a faster path with the same result to the bit.
///
/// ```swift
/// let reader = try CSVRowReader(path: "x.csv")
/// while let block = try reader.nextBlock(maxRows: 65_536) { … block.rows × reader.header.count … }
///
/// let outputs = try CSVRowReader.table(path: "y.csv", allowNonFinite: true)   // header, values, lines
/// ```
public final class CSVRowReader {
    public let file: String
    /// The header's fields, trimmed of surrounding whitespace.
    public private(set) var header: [String] = []
    /// The line the header row is on (after any blank lines above it).
    public private(set) var headerLine = 1
    /// Data rows returned so far.
    public private(set) var rowsRead = 0

    /// nil when reading bytes held in memory: then `buffer` holds them all from the start.
    private let handle: FileHandle?
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    /// Until the first bytes are in: a byte-order mark is skipped only there.
    private var atStart = true
    private var line: Int
    private var field: [UInt8] = []
    /// The line the record being read starts on.
    private var recordLine: Int

    /// Opens `path` and reads its header row.
    /// - Throws: `CSVError` when the file cannot be read, is empty, or its header is not UTF-8.
    public convenience init(path: String) throws {
        try self.init(path: path, chunkSize: 1 << 20)
    }

    /// `chunkSize` is how many bytes are read from the file at a time (tests make it tiny so
    /// that rows and quoted fields straddle chunk boundaries).
    init(path: String, chunkSize: Int) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CSVError(.unreadable, location: SourceLocation(file: path), message: "this is a folder; give a CSV file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVError(.unreadable, location: SourceLocation(file: path), message: "cannot read file")
        }
        file = path
        self.handle = handle
        self.chunkSize = chunkSize
        line = 1
        recordLine = 1
        try readHeader()
    }

    /// Reads CSV text held in memory; `file` names it in diagnostics and `firstLine` is the
    /// line its first byte is on (a table embedded after other lines keeps the file's numbers).
    ///
    /// ```swift
    /// let reader = try CSVRowReader(bytes: Array(text.utf8), file: "weights.csv")
    /// ```
    /// - Throws: `CSVError` when the bytes are empty or the header is not UTF-8.
    public init(bytes: [UInt8], file: String, firstLine: Int = 1) throws {
        self.file = file
        handle = nil
        chunkSize = 0
        buffer = bytes
        atEnd = true
        atStart = false
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        line = firstLine
        recordLine = firstLine
        try readHeader()
    }

    deinit { try? handle?.close() }

    private func readHeader() throws {
        var fields: [String] = []
        let found = try readRecord { _, bytes in
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw CSVError(location: SourceLocation(file: file, line: recordLine), message: "the header is not UTF-8 text")
            }
            fields.append(text.trimmingCharacters(in: .whitespaces))
        }
        guard found else {
            throw CSVError(location: SourceLocation(file: file), message: "empty file: expected a header row")
        }
        header = fields
        headerLine = recordLine
    }

    /// The next up to `maxRows` data rows as a column-major matrix, or nil at the end of the file.
    /// - Throws: `CSVError` at the first bad row.
    public func nextBlock(maxRows: Int, allowNonFinite: Bool = false) throws -> Matrix? {
        var values: [Double] = []
        values.reserveCapacity(Swift.min(maxRows, 1 << 16) * header.count)
        var noLines: [Int]?
        let count = try readRows(into: &values, lines: &noLines, maxRows: maxRows, allowNonFinite: allowNonFinite)
        return count == 0 ? nil : CSVRowReader.columnMajor(values, rows: count, columns: header.count)
    }

    /// The next record's fields as text (not trimmed), with the line it starts on, or nil at
    /// the end: for tables whose fields are labels as well as numbers. Bytes that are not UTF-8
    /// are decoded with replacement characters.
    /// - Throws: `CSVError` for a ragged row or an unterminated quoted field.
    public func nextRecord() throws -> (line: Int, fields: [String])? {
        var fields: [String] = []
        let found = try readRecord { _, bytes in fields.append(String(decoding: bytes, as: UTF8.self)) }
        guard found else { return nil }
        try checkWidth(fields.count)
        rowsRead += 1
        return (recordLine, fields)
    }

    /// Appends up to `maxRows` rows to `values`, row-major, and each row's first line to
    /// `lines` when it is not nil; returns how many rows were read.
    func readRows(into values: inout [Double], lines: inout [Int]?, maxRows: Int, allowNonFinite: Bool) throws -> Int {
        precondition(maxRows >= 1)
        let k = header.count
        var count = 0
        while count < maxRows {
            // Fast path: a plain line (no quotes, no bare CR) parsed in place in the buffer.
            if let parsed = try fastRow(into: &values, columns: k, allowNonFinite: allowNonFinite) {
                if !parsed { break }
            } else {
                var fieldCount = 0
                let found = try readRecord { index, bytes in
                    fieldCount = index + 1
                    guard index < k else { return }
                    values.append(try number(bytes, line: recordLine, column: index, allowNonFinite: allowNonFinite))
                }
                if !found { break }
                try checkWidth(fieldCount)
            }
            lines?.append(recordLine)
            count += 1
        }
        rowsRead += count
        return count
    }

    /// Rows read row-major, as a column-major matrix (the engine wants columns contiguous).
    static func columnMajor(_ values: [Double], rows: Int, columns k: Int) -> Matrix {
        var m = Matrix(rows: rows, columns: k)
        values.withUnsafeBufferPointer { src in
            m.storage.withUnsafeMutableBufferPointer { dst in
                for r in 0..<rows { for c in 0..<k { dst[r + c * rows] = src[r * k + c] } }
            }
        }
        return m
    }

    private func checkWidth(_ fields: Int) throws {
        guard fields != header.count else { return }
        throw CSVError(location: SourceLocation(file: file, line: recordLine),
                       message: "row has \(fields) fields but the header has \(header.count)")
    }

    /// Counts the data rows of `path` and hashes its bytes in one pass, before any row is
    /// parsed: what a checkpoint's fingerprint and a memory estimate need up front.
    public static func scan(path: String, hashing: Bool = true) throws -> (rows: Int, hash: FNV1a64) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CSVError(.unreadable, location: SourceLocation(file: path), message: "this is a folder; give a CSV file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVError(.unreadable, location: SourceLocation(file: path), message: "cannot read file")
        }
        defer { try? handle.close() }
        var hash = FNV1a64()
        var records = 0
        var inQuotes = false
        var fieldBytes = 0     // bytes in the current record outside line ends
        var previous: UInt8 = 0
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
            data.withUnsafeBytes { raw in
                if hashing { hash.update(raw) }
                for b in raw {
                    if b == UInt8(ascii: "\"") { inQuotes.toggle() }
                    if !inQuotes && (b == 0x0A || b == 0x0D) {
                        if !(b == 0x0A && previous == 0x0D) && fieldBytes > 0 { records += 1 }
                        fieldBytes = 0
                    } else {
                        fieldBytes += 1
                    }
                    previous = b
                }
            }
        }
        if fieldBytes > 0 { records += 1 }
        return (Swift.max(0, records - 1), hash)
    }

    // MARK: - Parsing

    /// Reads the next chunk of the file into `buffer` (appended, or replacing the bytes before
    /// `position` when `keep` is false); false at the end of the input.
    private func load(keep: Bool) throws -> Bool {
        guard !atEnd, let handle else { atEnd = true; return false }
        var data = try handle.read(upToCount: chunkSize) ?? Data()
        // A byte-order mark is looked for in whole: the first chunk holds at least 3 bytes.
        while atStart && data.count < 3, let more = try handle.read(upToCount: chunkSize), !more.isEmpty { data += more }
        if data.isEmpty { atEnd = true; return false }
        if keep {
            buffer.removeSubrange(0..<position)
            buffer.append(contentsOf: data)
        } else {
            buffer = [UInt8](data)
        }
        position = 0
        if atStart && buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        atStart = false
        return true
    }

    /// Reads one plain record straight from the buffer: true when a row was appended, false at
    /// the end of the input, nil when the next record needs the general reader (quotes, a bare
    /// CR, or a line longer than the buffer can hold cheaply). About 10× faster than the
    /// general reader, which walks the bytes one call at a time.
    private func fastRow(into rows: inout [Double], columns k: Int, allowNonFinite: Bool) throws -> Bool? {
        var end: Int
        while true {
            // Make sure the buffer holds the whole next line.
            var newline = firstNewline(from: position)
            while newline == nil && !atEnd {
                if buffer.count - position > 1 << 16 { return nil }   // a huge line: the general reader
                let searched = buffer.count - position
                if try !load(keep: true) { break }
                newline = firstNewline(from: position + searched)
            }
            end = newline ?? buffer.count
            if end > position { break }
            if newline == nil { return false }          // end of the input
            position = end + 1; line += 1                // a blank line
        }
        var lineEnd = end
        if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        if lineEnd == position { return nil }           // "\r\n" alone: let the general reader skip it
        recordLine = line
        let lineNumber = line, start = rows.count
        var fields = 0
        let plain = try buffer.withUnsafeBufferPointer { b in
            // memchr scans a line many bytes at a time; these lines are most of a file's bytes.
            let base = UnsafeRawPointer(b.baseAddress!)
            func first(_ byte: UInt8, from: Int) -> Int? {
                memchr(base + from, Int32(byte), lineEnd - from).map { UnsafeRawPointer($0) - base }
            }
            if first(0x22, from: position) != nil || first(0x0D, from: position) != nil { return false }
            var f = position
            while true {
                let e = first(0x2C, from: f) ?? lineEnd
                if fields < k {
                    // A ',', CR or LF follows the field in the buffer unless the input ends there.
                    rows.append(try number(UnsafeBufferPointer(rebasing: b[f..<e]), delimited: e < b.count, line: lineNumber,
                                           column: fields, allowNonFinite: allowNonFinite))
                }
                fields += 1
                if e >= lineEnd { break }
                f = e + 1
            }
            return true
        }
        if !plain { return nil }
        if fields != k {
            rows.removeSubrange(start...)
            try checkWidth(fields)
        }
        position = end < buffer.count ? end + 1 : buffer.count
        line += 1
        return true
    }

    /// The index of the first LF at or after `from` in the buffer.
    private func firstNewline(from: Int) -> Int? {
        guard from < buffer.count else { return nil }
        return buffer.withUnsafeBytes { raw in
            memchr(raw.baseAddress! + from, 0x0A, raw.count - from).map { UnsafeRawPointer($0) - raw.baseAddress! }
        }
    }

    /// The field as a number. strtod stops at the first byte that cannot continue a number,
    /// so when the field is `delimited` (its next byte in memory is a ',', space, tab, CR or
    /// LF) it reads the field in place; otherwise from a NUL-terminated copy.
    private func number(_ bytes: UnsafeBufferPointer<UInt8>, delimited: Bool = false, line: Int, column: Int, allowNonFinite: Bool) throws -> Double {
        var lo = 0, hi = bytes.count
        while lo < hi && (bytes[lo] == 0x20 || bytes[lo] == 0x09) { lo += 1 }
        while hi > lo && (bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09) { hi -= 1 }
        if hi > lo, let v = CSVRowReader.plainDecimal(UnsafeBufferPointer(rebasing: bytes[lo..<hi])) { return v }
        let length = hi - lo
        func read(_ p: UnsafePointer<CChar>) -> (value: Double, whole: Bool) {
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(p, &end)
            return (value, end.map { UnsafePointer($0) - p } == length)
        }
        let (value, ok): (Double, Bool)
        if length == 0 {
            (value, ok) = (0, false)
        } else if delimited || hi < bytes.count {
            (value, ok) = UnsafeRawPointer(bytes.baseAddress! + lo).withMemoryRebound(to: CChar.self, capacity: length + 1, read)
        } else {
            (value, ok) = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { p in
                for i in lo..<hi { p[i - lo] = CChar(bitPattern: bytes[i]) }
                p[length] = 0
                return read(p.baseAddress!)
            }
        }
        guard ok, allowNonFinite || value.isFinite else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
            let shown = text.count > 40 ? text.prefix(40) + "…" : text
            throw CSVError(location: SourceLocation(file: file, line: line, column: column + 1),
                           message: "column '\(header[column])': '\(shown)' is not \(ok ? "a finite number" : "a number")")
        }
        return value
    }

    /// Hands the current field to `onField` from a copy, so the callback may use the reader.
    private func emit(_ index: Int, _ onField: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let bytes = field
        try bytes.withUnsafeBufferPointer { try onField(index, $0) }
    }

    /// The next byte of the input, or nil at its end.
    private func next() throws -> UInt8? {
        if position == buffer.count {
            guard try load(keep: false) else { return nil }
            if position == buffer.count { return try next() }
        }
        defer { position += 1 }
        return buffer[position]
    }

    private func peek() throws -> UInt8? {
        guard let b = try next() else { return nil }
        position -= 1
        return b
    }

    /// Reads one record, calling `onField(index, bytes)` for each field; false at the end of
    /// the input. Blank lines are skipped, as pandas does.
    private func readRecord(_ onField: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        while true {
            recordLine = line
            field.removeAll(keepingCapacity: true)
            var index = 0
            var inQuotes = false
            var quoted = false
            var sawAnything = false
            while true {
                guard let c = try next() else {
                    if inQuotes {
                        throw CSVError(location: SourceLocation(file: file, line: recordLine), message: "unterminated quoted field")
                    }
                    if !sawAnything { return false }
                    try emit(index, onField)
                    return true
                }
                if inQuotes {
                    if c == UInt8(ascii: "\"") {
                        if try peek() == UInt8(ascii: "\"") { _ = try next(); field.append(c) } else { inQuotes = false }
                    } else {
                        let crBeforeLF = c == 0x0D ? try peek() == 0x0A : false
                        if c == 0x0A || (c == 0x0D && !crBeforeLF) { line += 1 }
                        field.append(c)
                    }
                    continue
                }
                switch c {
                case UInt8(ascii: "\"") where field.isEmpty && !quoted:
                    inQuotes = true
                    quoted = true
                    sawAnything = true
                case UInt8(ascii: ","):
                    sawAnything = true
                    try emit(index, onField)
                    index += 1
                    field.removeAll(keepingCapacity: true)
                    quoted = false
                case 0x0D, 0x0A:
                    if c == 0x0D, try peek() == 0x0A { _ = try next() }
                    line += 1
                    if sawAnything {
                        try emit(index, onField)
                        return true
                    }
                    recordLine = line
                default:
                    sawAnything = true
                    field.append(c)
                }
            }
        }
    }
}

/// A problem in a CSV file, at its line and column.
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
