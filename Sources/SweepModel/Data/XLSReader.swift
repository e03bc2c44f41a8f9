import Foundation

/// Reads a legacy Excel `.xls` workbook (BIFF8, Excel 97–2003, in a compound file; Microsoft's
/// [MS-XLS]): the sheets' numbers (NUMBER, RK, MULRK, cached FORMULA results), their text
/// (shared strings, LABEL, formula strings) and the defined names that stand for one
/// rectangle of one sheet.
///
/// ```swift
/// let book = try XLSReader.read(URL(fileURLWithPath: "input.xls"))
/// ```
enum XLSReader {
    /// - Throws: `DataFileError` for a file that is not a BIFF8 workbook (an encrypted or
    ///   pre-97 one among them).
    static func read(_ url: URL) throws -> Workbook {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw DataFileError("cannot be read") }
        let cfb = try CompoundFile(data)
        guard let stream = try cfb.stream(named: "Workbook") else {
            if try cfb.stream(named: "Book") != nil { throw DataFileError("is an Excel 5/95 workbook (BIFF5); save it as .xlsx to read it") }
            throw DataFileError("is not an Excel workbook (no Workbook stream)")
        }
        return try BIFFWorkbook(stream).workbook()
    }
}

/// The records of a BIFF8 workbook stream.
private struct BIFFWorkbook {
    let stream: [UInt8]

    init(_ stream: [UInt8]) { self.stream = stream }

    /// The records from `start` to the next EOF: type and body, a CONTINUE's body kept apart.
    func records(from start: Int) -> [(type: UInt16, body: ArraySlice<UInt8>)] {
        var out: [(UInt16, ArraySlice<UInt8>)] = []
        var i = start
        while i + 4 <= stream.count {
            let type = CompoundFile.u16(stream, i), length = Int(CompoundFile.u16(stream, i + 2))
            let end = Swift.min(i + 4 + length, stream.count)
            out.append((type, stream[(i + 4)..<end]))
            i = end
            if type == 0x000A { break }  // EOF
        }
        return out
    }

    func workbook() throws -> Workbook {
        let globals = records(from: 0)
        var sheets: [(name: String, offset: Int)] = []
        var strings: [String] = []
        var externSheets: [Int] = []
        var names: [(name: String, local: Int?, formula: ArraySlice<UInt8>)] = []
        for (k, r) in globals.enumerated() {
            let b = Array(r.body)
            switch r.type {
            case 0x002F: throw DataFileError("is encrypted; save it without a password to read it")
            case 0x0085 where b.count >= 8:  // BOUNDSHEET
                if b[5] == 0 { sheets.append((BIFFText.short(b, at: 6), Int(CompoundFile.u32(b, 0)))) }
            case 0x00FC:  // SST and its CONTINUE records
                var parts = [b]
                var j = k + 1
                while j < globals.count && globals[j].type == 0x003C { parts.append(Array(globals[j].body)); j += 1 }
                strings = BIFFText.sharedStrings(parts)
            case 0x0017 where b.count >= 2:  // EXTERNSHEET: each XTI's first sheet
                externSheets = (0..<Int(CompoundFile.u16(b, 0))).map { Int(CompoundFile.u16(b, 2 + 6 * $0 + 2)) }
            case 0x0018 where b.count >= 14:  // NAME, unless built-in
                let flags = CompoundFile.u16(b, 0)
                guard flags & 0x20 == 0 else { break }
                let cch = Int(b[3]), cce = Int(CompoundFile.u16(b, 4)), itab = Int(CompoundFile.u16(b, 8))
                let (name, end) = BIFFText.unicode(b, at: 14, count: cch)
                names.append((name, itab > 0 ? itab - 1 : nil, b[Swift.min(end, b.count)..<Swift.min(end + cce, b.count)]))
            default: break
            }
        }
        let parsed = try sheets.map { (name: $0.name, sheet: try sheet(at: $0.offset, strings: strings)) }
        let defined = names.compactMap { n -> DefinedName? in
            guard let (sheetIndex, range) = BIFFWorkbook.area(Array(n.formula), externSheets: externSheets), sheetIndex < sheets.count else { return nil }
            return DefinedName(name: n.name, sheet: sheets[sheetIndex].name, range: range, scope: n.local.flatMap { $0 < sheets.count ? sheets[$0].name : nil })
        }
        return Workbook(sheets: parsed, names: defined)
    }

    /// The cells of the worksheet whose BOF is at `offset`.
    func sheet(at offset: Int, strings: [String]) throws -> Sheet {
        var sheet = Sheet()
        var pendingFormula: CellAddress?
        for r in records(from: offset) {
            let b = Array(r.body)
            guard b.count >= 4 || r.type == 0x0207 else { continue }
            let at = CellAddress(row: Int(CompoundFile.u16(b, 0)), column: Int(CompoundFile.u16(b, 2)))
            switch r.type {
            case 0x0203 where b.count >= 14: sheet.cells[at] = .number(BIFFWorkbook.double(b, 6))  // NUMBER
            case 0x027E where b.count >= 10: sheet.cells[at] = .number(BIFFWorkbook.rk(CompoundFile.u32(b, 6)))  // RK
            case 0x00BD where b.count >= 12:  // MULRK
                for k in 0..<((b.count - 6) / 6) {
                    sheet.cells[CellAddress(row: at.row, column: at.column + k)] = .number(BIFFWorkbook.rk(CompoundFile.u32(b, 4 + 6 * k + 2)))
                }
            case 0x00FD where b.count >= 10:  // LABELSST
                let i = Int(CompoundFile.u32(b, 6))
                if i < strings.count { sheet.cells[at] = .text(strings[i]) }
            case 0x0204 where b.count >= 9:  // LABEL
                sheet.cells[at] = .text(BIFFText.unicode(b, at: 8, count: Int(CompoundFile.u16(b, 6))).0)
            case 0x0006 where b.count >= 14:  // FORMULA: its cached result
                if b[12] == 0xFF && b[13] == 0xFF {
                    if b[6] == 0 { pendingFormula = at }  // a string, in the STRING record next
                    if b[6] == 1 { sheet.cells[at] = .number(Double(b[8])) }
                } else {
                    sheet.cells[at] = .number(BIFFWorkbook.double(b, 6))
                }
            case 0x0207:  // STRING
                if let f = pendingFormula, b.count >= 3 { sheet.cells[f] = .text(BIFFText.unicode(b, at: 2, count: Int(CompoundFile.u16(b, 0))).0) }
                pendingFormula = nil
            case 0x0205 where b.count >= 8 && b[7] == 0: sheet.cells[at] = .number(Double(b[6]))  // BOOLERR, a boolean
            default: break
            }
        }
        return sheet
    }

    static func double(_ b: [UInt8], _ i: Int) -> Double {
        Double(bitPattern: UInt64(CompoundFile.u32(b, i)) | UInt64(CompoundFile.u32(b, i + 4)) << 32)
    }

    /// An RK number: a 30-bit integer or the top 30 bits of a double, divided by 100 when flagged.
    static func rk(_ v: UInt32) -> Double {
        let x = v & 0x02 != 0 ? Double(Int32(bitPattern: v) >> 2) : Double(bitPattern: UInt64(v & 0xFFFF_FFFC) << 32)
        return v & 0x01 != 0 ? x / 100 : x
    }

    /// A name's formula when it is one ptgRef3d or ptgArea3d: the sheet index and the range.
    static func area(_ f: [UInt8], externSheets: [Int]) -> (Int, CellRange)? {
        guard let token = f.first else { return nil }
        let sheetOf = { (ixti: Int) in ixti < externSheets.count ? externSheets[ixti] : nil }
        switch token {
        case 0x3A, 0x5A, 0x7A where f.count >= 7:
            guard let s = sheetOf(Int(CompoundFile.u16(f, 1))) else { return nil }
            let at = CellAddress(row: Int(CompoundFile.u16(f, 3)), column: Int(CompoundFile.u16(f, 5) & 0x3FFF))
            return (s, CellRange(first: at, last: at))
        case 0x3B, 0x5B, 0x7B where f.count >= 11:
            guard let s = sheetOf(Int(CompoundFile.u16(f, 1))) else { return nil }
            let first = CellAddress(row: Int(CompoundFile.u16(f, 3)), column: Int(CompoundFile.u16(f, 7) & 0x3FFF))
            let last = CellAddress(row: Int(CompoundFile.u16(f, 5)), column: Int(CompoundFile.u16(f, 9) & 0x3FFF))
            return (s, CellRange(first: first, last: last))
        default: return nil
        }
    }
}

/// BIFF8's string forms.
private enum BIFFText {
    /// A ShortXLUnicodeString at `i`: a count byte, a flags byte, the characters.
    static func short(_ b: [UInt8], at i: Int) -> String {
        guard i < b.count else { return "" }
        return unicode(b, at: i + 1, count: Int(b[i])).0
    }

    /// A flags byte at `i` (bit 0: two-byte characters) and `count` characters; the text and
    /// the index after it.
    static func unicode(_ b: [UInt8], at i: Int, count: Int) -> (String, Int) {
        guard i < b.count else { return ("", i) }
        let wide = b[i] & 0x01 != 0
        var j = i + 1
        var units: [UInt16] = []
        for _ in 0..<count where j + (wide ? 1 : 0) < b.count {
            units.append(wide ? CompoundFile.u16(b, j) : UInt16(b[j]))
            j += wide ? 2 : 1
        }
        return (String(decoding: units, as: UTF16.self), j)
    }

    /// The SST's strings, read across its CONTINUE records: a string's characters may go on in
    /// the next record, which then starts with a fresh flags byte.
    static func sharedStrings(_ parts: [[UInt8]]) -> [String] {
        var part = 0, i = 8
        func byte() -> UInt8? {
            while part < parts.count && i >= parts[part].count { part += 1; i = 0 }
            guard part < parts.count else { return nil }
            defer { i += 1 }
            return parts[part][i]
        }
        func u16() -> Int? { guard let a = byte(), let b = byte() else { return nil }; return Int(a) | Int(b) << 8 }
        func skip(_ n: Int) { for _ in 0..<n { _ = byte() } }
        let unique = parts.first.map { Int(CompoundFile.u32($0, 4)) } ?? 0
        var out: [String] = []
        while out.count < unique, let cch = u16(), let flags = byte() {
            var wide = flags & 0x01 != 0
            let runs = flags & 0x08 != 0 ? (u16() ?? 0) : 0
            var ext = 0
            if flags & 0x04 != 0, let a = u16(), let b = u16() { ext = a | b << 16 }
            var units: [UInt16] = []
            while units.count < cch {
                if part < parts.count && i >= parts[part].count, part + 1 < parts.count {
                    part += 1
                    i = 0
                    wide = (byte() ?? 0) & 0x01 != 0  // a character run split across records
                }
                if wide { guard let u = u16() else { break }; units.append(UInt16(u)) } else { guard let c = byte() else { break }; units.append(UInt16(c)) }
            }
            skip(4 * runs + ext)
            out.append(String(decoding: units, as: UTF16.self))
        }
        return out
    }
}
