import Foundation
import Testing
@testable import SweepNumerics

/// The one CSV reader on well-formed and malformed input: every record shape it accepts, and
/// the exact diagnostic for each thing it rejects.
@Suite struct CSVRowReaderTests {
    static func reader(_ text: String, file: String = "<memory>") throws -> CSVRowReader {
        try CSVRowReader(bytes: Array(text.utf8), file: file)
    }

    static func records(_ text: String, file: String = "<memory>") throws -> (header: [String], records: [(line: Int, fields: [String])]) {
        let r = try reader(text, file: file)
        var out: [(line: Int, fields: [String])] = []
        while let record = try r.nextRecord() { out.append(record) }
        return (r.header, out)
    }

    static func table(_ text: String, file: String = "<memory>", allowNonFinite: Bool = false) throws -> CSVRowReader.Table {
        try CSVRowReader.table(bytes: Array(text.utf8), file: file, allowNonFinite: allowNonFinite)
    }

    /// A file in a fresh temporary directory.
    static func file(_ bytes: [UInt8]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("t.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "no error"
    }

    // MARK: Records

    @Test func acceptsBOMCRLFAndQuotes() throws {
        let (header, records) = try Self.records("\u{FEFF}a,\"b, c\"\r\n1,\"x\"\"y\"\r\n2,3\r\n")
        #expect(header == ["a", "b, c"])
        #expect(records.map(\.fields) == [["1", "x\"y"], ["2", "3"]])
        #expect(records.map(\.line) == [2, 3])
    }

    @Test func acceptsBareCR() throws {
        let (_, records) = try Self.records("a,b\r1,2\r3,4")
        #expect(records.map(\.fields) == [["1", "2"], ["3", "4"]])
    }

    @Test func quotedLineBreaksCountAsLines() throws {
        let (_, records) = try Self.records("a,b\n\"one\ntwo\",1\n\n2,\"x\r\ny\"\n3,4\n")
        #expect(records.map(\.fields) == [["one\ntwo", "1"], ["2", "x\r\ny"], ["3", "4"]])
        #expect(records.map(\.line) == [2, 5, 7])
    }

    @Test func headerIsTrimmedAndFoundBelowBlankLines() throws {
        let r = try Self.reader("\n\n  a , b\t\n1,2\n")
        #expect(r.header == ["a", "b"])
        #expect(r.headerLine == 3)
        #expect(try CSVRowReader(bytes: Array("x\n1\n".utf8), file: "s", firstLine: 2).headerLine == 2)
    }

    // MARK: Numbers

    @Test func readsNumbersColumnMajorWithTheirLines() throws {
        let t = try Self.table("x,y\n1,2\n\n 3 ,\t4\n\"5\",6\r\n7,8")
        #expect(t.header == ["x", "y"])
        #expect(t.values == Matrix(rowArrays: [[1, 2], [3, 4], [5, 6], [7, 8]]))
        #expect(t.lines == [2, 4, 5, 6])
    }

    @Test func headerOnlyAndEmptyInput() throws {
        let t = try Self.table("a,b\n")
        #expect(t.header == ["a", "b"] && t.values.rows == 0 && t.values.columns == 2 && t.lines.isEmpty)
        #expect(try Self.reader("a,b").nextBlock(maxRows: 10) == nil)
        #expect(Self.message { _ = try Self.table("", file: "e.csv") } == "e.csv: error: empty file: expected a header row")
        #expect(Self.message { _ = try Self.table("\n\r\n\n", file: "e.csv") } == "e.csv: error: empty file: expected a header row")
    }

    @Test func nonFiniteTextIsRefusedUnlessAllowed() throws {
        #expect(Self.message { _ = try Self.table("a,b\n1,nan\n", file: "n.csv") } == "n.csv:2:2: error: column 'b': 'nan' is not a finite number")
        #expect(Self.message { _ = try Self.table("a\n-inf\n", file: "n.csv") } == "n.csv:2:1: error: column 'a': '-inf' is not a finite number")
        let t = try Self.table("a,b,c\nnan,inf,-Infinity\n", allowNonFinite: true)
        #expect(t.values.storage[0].isNaN && t.values.storage[1] == .infinity && t.values.storage[2] == -.infinity)
    }

    @Test func overflowIsNotFiniteAndUnderflowIsZero() throws {
        #expect(Self.message { _ = try Self.table("a\n1e999\n", file: "o.csv") } == "o.csv:2:1: error: column 'a': '1e999' is not a finite number")
        #expect(try Self.table("a\n1e-400\n").values.storage == [0])
        let long = String(repeating: "9", count: 400)
        #expect(Self.message { _ = try Self.table("a\n\(long)\n", file: "o.csv") }
                == "o.csv:2:1: error: column 'a': '\(String(repeating: "9", count: 40))…' is not a finite number")
    }

    @Test func nonNumberNamesLineColumnAndHeader() throws {
        #expect(Self.message { _ = try Self.table("a,b\n1,oops\n", file: "y.csv") } == "y.csv:2:2: error: column 'b': 'oops' is not a number")
        #expect(Self.message { _ = try Self.table("a,b\n1,\"2\"\n3,\n", file: "y.csv") } == "y.csv:3:2: error: column 'b': '' is not a number")
        #expect(Self.message { _ = try Self.table("a\n1 2\n", file: "y.csv") } == "y.csv:2:1: error: column 'a': '1 2' is not a number")
    }

    // MARK: Malformed records

    @Test func raggedRowNamesItsLine() {
        #expect {
            try Self.records("a,b\n1,2\n3\n", file: "x.csv")
        } throws: { error in
            "\(error)" == "x.csv:3: error: row has 1 fields but the header has 2"
        }
        // Both paths: a plain line, and one with quotes (read byte by byte).
        #expect(Self.message { _ = try Self.table("a,b\n1,2\n3,4,5\n", file: "x.csv") } == "x.csv:3: error: row has 3 fields but the header has 2")
        #expect(Self.message { _ = try Self.table("a,b\n1,2\n\"3\"\n", file: "x.csv") } == "x.csv:3: error: row has 1 fields but the header has 2")
    }

    @Test func unterminatedQuoteNamesTheLineItOpensOn() {
        #expect(Self.message { _ = try Self.table("a\n1\n\"2\n3\n", file: "q.csv") } == "q.csv:3: error: unterminated quoted field")
    }

    @Test func headerThatIsNotUTF8() throws {
        let path = try Self.file([0x61, 0xFF, 0x0A, 0x31, 0x0A])
        #expect(Self.message { _ = try CSVRowReader(path: path) } == "\(path):1: error: the header is not UTF-8 text")
        #expect(Self.message { _ = try CSVRowReader(path: path + ".missing") } == "\(path).missing: error: cannot read file")
    }

    // MARK: Chunks

    /// Every row and quoted field straddles a chunk boundary somewhere when the reader takes
    /// the file a few bytes at a time; the values and the lines are the same as in one chunk.
    @Test(arguments: [1, 2, 3, 7, 64])
    func aChunkBoundaryInsideARowChangesNothing(chunkSize: Int) throws {
        let text = "\u{FEFF}x,\"y\"\r\n1.5,2\r\n\n\"3\",\"4\"\n5,6\r7,-8e-3\n" + (0..<50).map { "\($0),\(Double($0) / 7)\n" }.joined()
        let whole = try Self.table(text)
        let reader = try CSVRowReader(path: try Self.file(Array(text.utf8)), chunkSize: chunkSize)
        #expect(reader.header == ["x", "y"])
        var values: [Double] = []
        var lines: [Int]? = []
        while try reader.readRows(into: &values, lines: &lines, maxRows: 5, allowNonFinite: false) > 0 {}
        #expect(CSVRowReader.columnMajor(values, rows: values.count / 2, columns: 2) == whole.values)
        #expect(lines == whole.lines)
        #expect(reader.rowsRead == 54)
        // A bad field past a boundary is still named by its own line and column.
        let bad = try Self.file(Array((text + "9,nine\n").utf8))
        let r = try CSVRowReader(path: bad, chunkSize: chunkSize)
        #expect(Self.message { while try r.nextBlock(maxRows: 7) != nil {} } == "\(bad):57:2: error: column 'y': 'nine' is not a number")
        // Quoted fields with line breaks, split anywhere.
        let quoted = "a,b\r\n\"x\r\ny\",\"\"\"\"\n\n\"p,q\",\"r\ns\"\rend,\"\""
        let chunked = try CSVRowReader(path: try Self.file(Array(quoted.utf8)), chunkSize: chunkSize)
        var got: [(line: Int, fields: [String])] = []
        while let record = try chunked.nextRecord() { got.append(record) }
        let expected = try Self.records(quoted).records
        #expect(got.map(\.fields) == expected.map(\.fields) && got.map(\.line) == expected.map(\.line))
        #expect(expected.map(\.fields) == [["x\r\ny", "\""], ["p,q", "r\ns"], ["end", ""]] && expected.map(\.line) == [2, 5, 7])
    }

    @Test func blocksResumeWhereTheLastStopped() throws {
        let path = try Self.file(Array(("n\n" + (1...10).map { "\($0)\n" }.joined()).utf8))
        let reader = try CSVRowReader(path: path)
        #expect(try reader.nextBlock(maxRows: 4)?.storage == [1, 2, 3, 4])
        #expect(try reader.nextBlock(maxRows: 4)?.storage == [5, 6, 7, 8])
        #expect(try reader.remainingTable().values.storage == [9, 10])
        #expect(try reader.nextBlock(maxRows: 4) == nil)
        #expect(try CSVRowReader.scan(path: path, hashing: false).rows == 10)
    }

    @Test func inMemoryBytesKeepTheirFileLines() {
        #expect(Self.message { _ = try CSVRowReader.table(bytes: Array("a\n1\nx\n".utf8), file: "s.csv", firstLine: 2) }
                == "s.csv:4:1: error: column 'a': 'x' is not a number")
    }

    // MARK: Writing

    @Test func matrixTextRoundTripsExactly() throws {
        let m = Matrix(rowArrays: [[0.1, 1.0 / 3.0], [-2e-300, .nan]])
        let back = try Self.table(CSVFormat.text(header: ["x", "y"], matrix: m), allowNonFinite: true).values
        #expect(back.storage[0] == 0.1 && back.storage[1] == -2e-300 && back.storage[2] == 1.0 / 3.0)
        #expect(back.storage[3].isNaN)
    }

    @Test func fieldsAreQuotedOnlyWhereTheyMustBe() throws {
        #expect(CSVFormat.line(["a", "b, c", "say \"hi\"", " pad", "x\ny", ""]) == "a,\"b, c\",\"say \"\"hi\"\"\",\" pad\",\"x\ny\",\n")
        let (header, records) = try Self.records(CSVFormat.text(header: ["h, 1", "h2"], rows: [["q\"", "\r"]]))
        #expect(header == ["h, 1", "h2"] && records.map(\.fields) == [["q\"", "\r"]])
        #expect([1.0, -0.0, 1e300, .infinity, -.infinity, .nan].map(CSVFormat.number) == ["1.0", "-0.0", "1e+300", "inf", "-inf", "nan"])
    }

    @Test func atomicWriteLeavesNoTemporaryFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID())")
        let path = dir.appendingPathComponent("out.csv").path
        try AtomicFile.write("a\n1\n", to: path)
        try AtomicFile.write("a\n2\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\n2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    }
}

/// The fast path for plain decimals against strtod, bit for bit.
@Suite struct PlainDecimalTests {
    static func strtodValue(_ s: String) -> Double { s.withCString { strtod($0, nil) } }

    static func fast(_ s: String) -> Double? {
        Array(s.utf8).withUnsafeBufferPointer { CSVRowReader.plainDecimal($0) }
    }

    @Test func agreesWithStrtodToTheBit() {
        var rng = SeededGenerator(seed: 12)
        var texts: [String] = []
        for _ in 0..<20_000 {
            // Shortest round-trip forms of doubles across magnitudes, as SDSweep writes them.
            let v = Double.random(in: 1...10, using: &rng) * pow(10, Double(Int.random(in: -30...30, using: &rng)))
            texts.append("\(Bool.random(using: &rng) ? -v : v)")
            // Random digit strings: up to 20 digits, a point anywhere, an exponent or not.
            var digits = (0..<Int.random(in: 1...20, using: &rng)).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            if Bool.random(using: &rng) { digits.insert(".", at: digits.index(digits.startIndex, offsetBy: Int.random(in: 0...digits.count, using: &rng))) }
            if Bool.random(using: &rng) { digits += "e\(Int.random(in: -40...40, using: &rng))" }
            texts.append(digits)
        }
        // Exact midpoints between two doubles, and their neighbours.
        texts += ["9007199254740993", "9007199254740992", "9007199254740994", "9007199254740995",
                  "0.5", "1e-27", "1e27", "123456789012345678e-27", "-0", "-0.0", "+.5", "5.", "0e999", "007"]
        var fastCount = 0
        for t in texts {
            guard let f = Self.fast(t) else { continue }
            fastCount += 1
            #expect(f.bitPattern == Self.strtodValue(t).bitPattern, "\(t)")
        }
        #expect(fastCount > texts.count / 2)
        #expect(Self.fast("9007199254740993") == nil)   // a midpoint: strtod rounds it
        for t in ["nan", "inf", "1e", ".", "-", "1.2.3", "0x1p3", "1e99999", "12345678901234567890", "1 2", ""] {
            #expect(Self.fast(t) == nil, "\(t)")
        }
    }
}
