import Foundation
import Testing
@testable import SweepModel

/// The data-file readers and Vensim's GET functions and data variables, on the small files in
/// `Fixtures/` (`data.xlsx` written with openpyxl, `data.xls` with xlwt, the text files by
/// hand). Reference: the cells as written there, and Vensim's documented semantics of each
/// function and keyword; every expected value is worked out by hand at its assertion.
/// Tolerance: exact — the values are read, not computed, and the interpolations tested here
/// land on binary fractions.
@Suite struct DataFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let control = """
    INITIAL TIME = 0 ~~|
    FINAL TIME = 6 ~~|
    TIME STEP = 0.5 ~~|

    """

    /// A model beside the fixtures (so their relative paths resolve), with `dataFiles`.
    func model(_ text: String, dataFiles: [String] = []) throws -> Model {
        try Model.parseVensim(text + DataFileTests.control, file: DataFileTests.fixtures.appendingPathComponent("m.mdl").path,
                              dataFiles: dataFiles.map { DataFileTests.fixtures.appendingPathComponent($0).path })
    }

    /// Variable `name`'s value at time `t`: a constant's number, an auxiliary evaluated at `t`.
    func value(_ m: Model, _ name: String, at t: Double = 0) -> Double? {
        guard let v = m.variable(named: name) else { return nil }
        switch v.kind {
        case .constant(let x): return x
        case .auxiliary(let e), .flow(let e):
            return e.evaluate(variable: { m.constantValue(named: $0) }, lookup: { _ in nil }, time: { $0 == .time ? t : nil })
        default: return nil
        }
    }

    func lookup(_ m: Model, _ name: String) -> Lookup? {
        if case .lookup(let l) = m.variable(named: name)?.kind { return l }
        return nil
    }

    // MARK: Readers

    @Test func xlsxReaderReadsNumbersStringsAndDefinedNames() throws {
        let book = try XLSXReader.read(DataFileTests.fixtures.appendingPathComponent("data.xlsx"))
        #expect(book.sheets.map(\.name) == ["Inputs", "Other"])
        let s = try #require(book.sheet(named: "inputs"))  // sheet names are case-insensitive
        #expect(s[0, 0] == .text("Time"))  // A1, a shared string
        #expect(s[1, 2] == .number(20))  // C2
        #expect(s[1, 3] == nil)  // D2 was left blank
        #expect(s[7, 3] == .text("East"))  // D8
        #expect(book.range(named: "BLOCK", from: "Inputs")?.range == CellRange("B5:C6"))  // names are case-insensitive
        #expect(book.range(named: "local", from: "Other")?.range == CellRange("B2"))  // local to sheet Other
        #expect(book.range(named: "local", from: "Inputs") == nil)  // … and not seen from Inputs
    }

    @Test func xlsReaderReadsTheSameCellsFromABIFF8Workbook() throws {
        let book = try XLSReader.read(DataFileTests.fixtures.appendingPathComponent("data.xls"))
        #expect(book.sheets.map(\.name) == ["Inputs"])
        let s = try #require(book.sheet(named: "Inputs"))
        #expect(s[0, 0] == .text("Time"))  // A1, a shared string
        #expect(s[0, 4] == .number(4))  // E1, written as an RK integer
        #expect(s[1, 3] == nil)  // D2 blank
        #expect(s[7, 1] == .text("North"))  // B8
        #expect(s[11, 10] == .number(1.5))  // K12
        #expect(s[12, 10] == .number(123456789.25))  // K13, a full double
        #expect(s[13, 10] == .number(-7))  // K14, a negative RK integer
    }

    @Test func delimitedReaderReadsQuotedFieldsAndBlanks() {
        let s = DelimitedReader.parse("a,\"b,c\",\"say \"\"hi\"\"\"\n1,,2.5\r\n", separator: ",")
        #expect(s[0, 1] == .text("b,c"))
        #expect(s[0, 2] == .text("say \"hi\""))
        #expect(s[1, 0] == .number(1))
        #expect(s[1, 1] == nil)  // an empty field is a blank
        #expect(s[1, 2] == .number(2.5))
    }

    @Test func cellReferencesAndRanges() {
        #expect(CellAddress("B7") == CellAddress(row: 6, column: 1))
        #expect(CellAddress("$AA$10") == CellAddress(row: 9, column: 26))  // AA is column 26 from 0
        #expect(CellAddress("7B") == nil)
        #expect(CellRange("$C$9:$B$4") == CellRange(first: CellAddress(row: 3, column: 1), last: CellAddress(row: 8, column: 2)))
    }

    // MARK: GET … CONSTANTS

    @Test func getDirectConstantsReadsCellsRowsColumnsAndNames() throws {
        let m = try model("""
        D: d1, d2, d3, d4 ~~|
        R: r1, r2 ~~|
        C: c1, c2 ~~|
        T: t1, t2, t3 ~~|
        one = GET DIRECT CONSTANTS('data.xlsx', 'Inputs', 'B3') ~~|
        across[D] = GET XLS CONSTANTS('data.xlsx', 'Inputs', 'B3') ~~|
        down[T] = GET DIRECT CONSTANTS('data.xlsx', 'Inputs', 'G2*') ~~|
        block[R, C] = GET DIRECT CONSTANTS('data.xlsx', 'Inputs', 'B5') ~~|
        flipped[R, C] = GET DIRECT CONSTANTS('data.xlsx', 'Inputs', 'B5*') ~~|
        named[R, C] = GET DIRECT CONSTANTS('data.xlsx', 'Inputs', 'block') ~~|
        elsewhere = GET DIRECT CONSTANTS('data.xlsx', 'Inputs', 'seven') ~~|
        local = GET DIRECT CONSTANTS('data.xlsx', 'Other', 'local') ~~|
        blank = GET DIRECT CONSTANTS('data.xlsx', 'Inputs', 'Z99') ~~|
        """)
        #expect(value(m, "one") == 1)  // B3
        #expect((1...4).map { value(m, "across[d\($0)]") } == [1, 2, 3, 4])  // B3:E3, across the row
        #expect((1...3).map { value(m, "down[t\($0)]") } == [0, 5, 10])  // G2:G4, down the column ('*')
        #expect([value(m, "block[r1,c1]"), value(m, "block[r1,c2]"), value(m, "block[r2,c1]"), value(m, "block[r2,c2]")] == [1, 2, 3, 4])
        // '*' reads the first dimension down the columns: flipped[r1,c2] is C5's neighbour below, B6 = 3.
        #expect([value(m, "flipped[r1,c1]"), value(m, "flipped[r1,c2]"), value(m, "flipped[r2,c1]"), value(m, "flipped[r2,c2]")] == [1, 3, 2, 4])
        #expect(value(m, "named[r2,c1]") == 3)  // 'block' is B5:C6
        #expect(value(m, "elsewhere") == 7)  // 'seven' lies on sheet Other, whatever the tab
        #expect(value(m, "local") == 8)  // Other's own name 'local' is B2
        #expect(value(m, "blank")?.isNaN == true)  // a blank cell is :NA:
    }

    @Test func getConstantsFromCSVAndFromAnXLSWorkbook() throws {
        let m = try model("""
        csv = GET DIRECT CONSTANTS('data.csv', ',', 'C2') ~~|
        xls = GET DIRECT CONSTANTS('data.xls', 'Inputs', 'K13') ~~|
        relative = GET DIRECT CONSTANTS('../Fixtures/data.xlsx', 'Inputs', 'E3') ~~|
        """)
        #expect(value(m, "csv") == 6)  // data.csv row 2: x,5,6,8
        #expect(value(m, "xls") == 123456789.25)
        #expect(value(m, "relative") == 4)  // resolved against the model's folder
    }

    // MARK: GET … LOOKUPS

    @Test func getDirectLookupsReadsRowAndColumnSeriesSkippingBlanks() throws {
        let m = try model("""
        S: s1, s2 ~~|
        row = GET DIRECT LOOKUPS('data.xlsx', 'Inputs', '1', 'B2') ~~|
        column[S] = GET XLS LOOKUPS('data.xlsx', 'Inputs', 'G', 'H2') ~~|
        named = GET DIRECT LOOKUPS('data.xlsx', 'Inputs', 'times', 'xs') ~~|
        form(GET DIRECT LOOKUPS('data.xls', 'Inputs', '1', 'B3')) ~~|
        """)
        // Row 1 holds the times 0, 1, 2, 4 from column B; row 2 the values 10, 20, blank, 50.
        #expect(lookup(m, "row") == (try Lookup(xs: [0, 1, 4], ys: [10, 20, 50])))
        #expect(lookup(m, "column[s1]") == (try Lookup(xs: [0, 5, 10], ys: [100, 150, 300])))  // G2:G4 and H2:H4
        #expect(lookup(m, "column[s2]") == (try Lookup(xs: [0, 5, 10], ys: [1, 2, 3])))  // the next column, I
        #expect(lookup(m, "named") == (try Lookup(xs: [0, 1, 4], ys: [10, 20, 50])))
        #expect(lookup(m, "form") == (try Lookup(xs: [0, 1, 2, 4], ys: [1, 2, 3, 4])))  // the lookup-record form, from .xls
    }

    // MARK: Data equations and keywords

    @Test func dataKeywordsInterpolateHoldLookForwardAndRaw() throws {
        let m = try model("""
        interp := GET DIRECT DATA('data.xlsx', 'Inputs', '1', 'B2') ~~|
        hold:HOLD BACKWARD::= GET DIRECT DATA('data.xlsx', 'Inputs', '1', 'B2') ~~|
        forward:LOOK FORWARD::= GET XLS DATA('data.xlsx', 'Inputs', '1', 'B2') ~~|
        raw:RAW::= GET DIRECT DATA('data.xlsx', 'Inputs', '1', 'B2') ~~|
        """)
        // The points are (0, 10), (1, 20), (4, 50): the blank at t = 2 is no data point.
        // Interpolated: 15 halfway to 1; 20 + (2 − 1)·(50 − 20)/3 = 30 at 2; the end values outside.
        #expect([-1, 0, 0.5, 2, 4, 6].map { value(m, "interp", at: $0) } == [10, 10, 15, 30, 50, 50])
        // Held back: the value at the last data time at or before t.
        #expect([0, 0.5, 1, 3.5, 4, 6].map { value(m, "hold", at: $0) } == [10, 10, 20, 20, 50, 50])
        // Looked forward: the value at the first data time at or after t.
        #expect([0, 0.5, 1, 1.5, 4, 6].map { value(m, "forward", at: $0) } == [10, 20, 20, 50, 50, 50])
        // Raw: the data at its times, :NA: in between and outside.
        let raw = [0, 0.5, 1, 2, 4, 5].map { value(m, "raw", at: $0) }
        #expect(raw.map { $0?.isNaN } == [false, true, false, true, false, true])
        #expect([raw[0], raw[2], raw[4]] == [10, 20, 50])
    }

    @Test func subscriptedDataAndTimesDownAColumn() throws {
        let m = try model("""
        S: s1, s2 ~~|
        d[S]:INTERPOLATE::= GET DIRECT DATA('data.xlsx', 'Inputs', 'G', 'H2') ~~|
        csv := GET DIRECT DATA('data.csv', ',', '1', 'B2') ~~|
        """)
        #expect(value(m, "d[s1]", at: 2.5) == 125)  // halfway between (0, 100) and (5, 150)
        #expect(value(m, "d[s2]", at: 7.5) == 2.5)  // halfway between (5, 2) and (10, 3)
        #expect(value(m, "csv", at: 1.5) == 7)  // between (1, 6) and (2, 8)
    }

    // MARK: Data variables without an equation

    @Test func dataVariablesReadTheirSeriesFromAnotherModelsOutput() throws {
        let m = try model("""
        Dim: A, B ~~|
        a ~~|
        b[Dim]:HOLD BACKWARD: ~~|
        """, dataFiles: ["other.tab"])
        #expect(value(m, "a", at: 1.5) == 3)  // other.tab: a is 1, 2, 4 at 0, 1, 2
        #expect(value(m, "b[A]", at: 1.5) == 10)  // b[A] is blank at 1: held from t = 0
        #expect(value(m, "b[B]", at: 1.5) == 21)
        let t = try model("a:RAW: ~~|", dataFiles: ["transposed.tab"])  // one row per variable
        #expect(value(t, "a", at: 2) == 4)
        #expect(value(t, "a", at: 2.5)?.isNaN == true)
    }

    // MARK: GET DIRECT SUBSCRIPT

    @Test func getDirectSubscriptReadsElementNames() throws {
        let m = try model("""
        Region: GET DIRECT SUBSCRIPT('data.xlsx', 'Inputs', 'B8', 'D8', '') ~~|
        Short: GET DIRECT SUBSCRIPT('data.xls', 'Inputs', 'B8', '', 'r ') ~~|
        x[Region] = 1, 2, 3 ~~|
        """)
        #expect(m.dimensions.map(\.elements) == [["North", "South", "East"], ["r North", "r South", "r East"]])
        #expect(value(m, "x[East]") == 3)
    }

    // MARK: Errors

    @Test func aMissingFileNamesTheFileAndTheEquation() {
        #expect {
            try model("x = GET DIRECT CONSTANTS('nowhere.xlsx', 'Inputs', 'B3') ~~|")
        } throws: { e in
            let m = (e as? ModelError)?.message ?? ""
            return m.hasPrefix("in 'x': data file 'nowhere.xlsx' does not exist") && (e as? ModelError)?.location?.line == 1
        }
        #expect {
            try model("y := GET DIRECT DATA('data.xlsx', 'Nope', '1', 'B2') ~~|")
        } throws: { e in
            (e as? ModelError)?.message == "in 'y': data file 'data.xlsx' has no sheet 'Nope' (its sheets: 'Inputs', 'Other')"
        }
        #expect {
            try model("z = GET DIRECT CONSTANTS('data.csv', ',', 'A1') ~~|\nw = GET DIRECT CONSTANTS('m.mdl', 'x', 'A1') ~~|")
        } throws: { e in
            (e as? ModelError)?.message == "in 'w': data file 'm.mdl' does not exist (looked for \(DataFileTests.fixtures.path)/m.mdl)"
        }
    }

    @Test func aDataVariableNeedsItsDataFile() {
        #expect {
            try model("a ~~|")
        } throws: { e in
            (e as? ModelError)?.message == "unsupported: data variable 'a' (a record without an equation) at line 1: give the data file it is read from (sdsweep --data FILE)"
        }
        #expect {
            try model("missing ~~|", dataFiles: ["other.tab"])
        } throws: { e in
            ((e as? ModelError)?.message ?? "").hasPrefix("data variable 'missing' has no series in the data files (")
        }
    }
}
