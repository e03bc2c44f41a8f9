import Foundation
import SweepDiagnostics

/// Reads a numeric CSV file a block of rows at a time, without holding the file or its text in
/// memory: the reader for samples files of 10⁷ rows.
///
/// Accepts exactly what `CSVTable` accepts (a UTF-8 byte-order mark, LF, CRLF or CR line
/// endings, RFC 4180 quotes, blank lines skipped) and rejects the same things with the same
/// diagnostics: ragged rows, fields that are not numbers, and, unless asked for, NaN and
/// infinities, each named by `file:line:column` and the column's header.
///
/// ```swift
/// let reader = try CSVRowReader(path: "x.csv")
/// while let block = try reader.nextBlock(maxRows: 65_536) { … block.rows × reader.header.count … }
/// ```
public final class CSVRowReader {
    public let file: String
    public private(set) var header: [String] = []
    /// Data rows returned so far.
    public private(set) var rowsRead = 0

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var field: [UInt8] = []
    /// The line the record being read starts on.
    private var recordLine = 1

    /// Opens `path` and reads its header row.
    /// - Throws: `CSVError` when the file cannot be read, is empty, or its header is not UTF-8.
    public init(path: String) throws {
        file = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVError(location: SourceLocation(file: path), message: "cannot read file")
        }
        self.handle = handle
        var fields: [String] = []
        let found = try readRecord { _, bytes in
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw CSVError(location: SourceLocation(file: path, line: 1), message: "the header is not UTF-8 text")
            }
            fields.append(text.trimmingCharacters(in: .whitespaces))
        }
        guard found else {
            throw CSVError(location: SourceLocation(file: path), message: "empty file: expected a header row")
        }
        header = fields
    }

    deinit { try? handle.close() }

    /// The next up to `maxRows` data rows as a column-major matrix, or nil at the end of the file.
    /// - Throws: `CSVError` at the first bad row.
    public func nextBlock(maxRows: Int, allowNonFinite: Bool = false) throws -> Matrix? {
        precondition(maxRows >= 1)
        let k = header.count
        var rows: [Double] = []
        rows.reserveCapacity(Swift.min(maxRows, 1 << 16) * k)
        var count = 0
        while count < maxRows {
            // Fast path: a plain line (no quotes, no bare CR) parsed in place in the buffer.
            if let parsed = try fastRow(into: &rows, columns: k, allowNonFinite: allowNonFinite) {
                if parsed { count += 1; continue }
                break
            }
            var fieldCount = 0
            let found = try readRecord { index, bytes in
                fieldCount = index + 1
                guard index < k else { return }
                rows.append(try parse(bytes, line: recordLine, column: index, allowNonFinite: allowNonFinite))
            }
            if !found { break }
            if fieldCount != k {
                throw CSVError(location: SourceLocation(file: file, line: recordLine),
                               message: "row has \(fieldCount) fields but the header has \(k)")
            }
            count += 1
        }
        if count == 0 { return nil }
        rowsRead += count
        // Row-major as read; the engine wants columns contiguous.
        var m = Matrix(rows: count, columns: k)
        rows.withUnsafeBufferPointer { src in
            m.storage.withUnsafeMutableBufferPointer { dst in
                for r in 0..<count { for c in 0..<k { dst[r + c * count] = src[r * k + c] } }
            }
        }
        return m
    }

    /// Counts the data rows of `path` and hashes its bytes in one pass, before any row is
    /// parsed: what a checkpoint's fingerprint and a memory estimate need up front.
    public static func scan(path: String, hashing: Bool = true) throws -> (rows: Int, hash: FNV1a64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVError(location: SourceLocation(file: path), message: "cannot read file")
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

    /// Reads one plain record straight from the buffer: true when a row was appended, false at
    /// the end of the file, nil when the next record needs the general reader (quotes, a bare
    /// CR, or a line longer than the buffer can hold cheaply). About 10× faster than the
    /// general reader, which walks the bytes one call at a time.
    private func fastRow(into rows: inout [Double], columns k: Int, allowNonFinite: Bool) throws -> Bool? {
        // Make sure the buffer holds the whole next line.
        var newline: Int?
        while true {
            newline = buffer[position...].firstIndex(of: 0x0A)
            if newline != nil || atEnd { break }
            if buffer.count - position > 1 << 16 { return nil }   // a huge line: the general reader
            let data = try handle.read(upToCount: 1 << 20) ?? Data()
            if data.isEmpty { atEnd = true; break }
            buffer.removeSubrange(0..<position)
            position = 0
            buffer.append(contentsOf: data)
        }
        let end = newline ?? buffer.count
        if end == position {
            if newline == nil { return false }          // end of file
            position = end + 1; line += 1                // blank line
            return try fastRow(into: &rows, columns: k, allowNonFinite: allowNonFinite)
        }
        var lineEnd = end
        if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        if buffer[position..<lineEnd].contains(where: { $0 == 0x22 || $0 == 0x0D }) { return nil }
        if lineEnd == position { return nil }           // "\r\n" alone: let the general reader skip it
        recordLine = line
        let start = rows.count
        var fields = 0
        try buffer.withUnsafeBufferPointer { b in
            var f = position
            while true {
                var e = f
                while e < lineEnd && b[e] != 0x2C { e += 1 }
                if fields < k {
                    rows.append(try parse(UnsafeBufferPointer(rebasing: b[f..<e]), line: recordLine, column: fields, allowNonFinite: allowNonFinite))
                }
                fields += 1
                if e >= lineEnd { break }
                f = e + 1
            }
        }
        if fields != k {
            rows.removeSubrange(start...)
            throw CSVError(location: SourceLocation(file: file, line: recordLine), message: "row has \(fields) fields but the header has \(k)")
        }
        position = newline.map { $0 + 1 } ?? buffer.count
        line += 1
        return true
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int, allowNonFinite: Bool) throws -> Double {
        var lo = 0, hi = bytes.count
        while lo < hi && (bytes[lo] == 0x20 || bytes[lo] == 0x09) { lo += 1 }
        while hi > lo && (bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09) { hi -= 1 }
        // strtod needs a NUL-terminated string: copy the field to the stack.
        var value = 0.0
        let ok = hi > lo && withUnsafeTemporaryAllocation(of: CChar.self, capacity: hi - lo + 1) { p -> Bool in
            for i in lo..<hi { p[i - lo] = CChar(bitPattern: bytes[i]) }
            p[hi - lo] = 0
            var end: UnsafeMutablePointer<CChar>?
            value = strtod(p.baseAddress!, &end)
            return end.map { $0 - p.baseAddress! } == hi - lo
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

    /// Reads one record, calling `onField(index, bytes)` for each field; false at the end of
    /// the file. Blank lines are skipped, as pandas does.
    private func readRecord(_ onField: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        func next() throws -> UInt8? {
            if position == buffer.count {
                if atEnd { return nil }
                let data = try handle.read(upToCount: 1 << 20) ?? Data()
                if data.isEmpty { atEnd = true; return nil }
                let wasStart = buffer.isEmpty && line == 1
                buffer = [UInt8](data)
                position = wasStart && buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
                if position == buffer.count { return try next() }
            }
            defer { position += 1 }
            return buffer[position]
        }
        func peek() throws -> UInt8? {
            guard let b = try next() else { return nil }
            position -= 1
            return b
        }
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
