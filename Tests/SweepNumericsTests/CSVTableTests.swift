import Foundation
import Testing
@testable import SweepNumerics

@Suite struct CSVTableTests {
    @Test func acceptsBOMCRLFAndQuotes() throws {
        let t = try CSVTable.parse("\u{FEFF}a,\"b, c\"\r\n1,\"x\"\"y\"\r\n2,3\r\n")
        #expect(t.header == ["a", "b, c"])
        #expect(t.rows == [["1", "x\"y"], ["2", "3"]])
        #expect(t.lines == [2, 3])
    }

    @Test func acceptsBareCR() throws {
        let t = try CSVTable.parse("a,b\r1,2\r3,4")
        #expect(t.rows == [["1", "2"], ["3", "4"]])
    }

    @Test func raggedRowNamesItsLine() {
        #expect {
            try CSVTable.parse("a,b\n1,2\n3\n", file: "x.csv")
        } throws: { error in
            "\(error)" == "x.csv:3: error: row has 1 fields but the header has 2"
        }
    }

    @Test func nonNumberNamesLineColumnAndHeader() throws {
        let t = try CSVTable.parse("a,b\n1,oops\n", file: "y.csv")
        #expect {
            try t.numericMatrix()
        } throws: { error in
            "\(error)" == "y.csv:2:2: error: column 'b': 'oops' is not a number"
        }
    }

    @Test func matrixTextRoundTripsExactly() throws {
        let m = Matrix(rowArrays: [[0.1, 1.0 / 3.0], [-2e-300, .nan]])
        let back = try CSVTable.parse(CSVTable.text(header: ["x", "y"], matrix: m)).numericMatrix()
        #expect(back.storage[0] == 0.1 && back.storage[1] == -2e-300 && back.storage[2] == 1.0 / 3.0)
        #expect(back.storage[3].isNaN)
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
