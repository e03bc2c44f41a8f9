import Testing

/// The expected-output reader on the shapes `shared/test-models/README.md` lists.
/// Reference: hand-written tables; tolerance: exact (the values are parsed, not computed).
@Suite struct ExpectedOutputTests {
    @Test func mixedLineEndingsBOMAndForwardFill() throws {
        let text = "\u{FEFF}Time\tFINAL TIME\tx\ty\r\n0\t20\t1\t\r1\t\t2\t5\n2\t\t3\t6\r\n"
        let t = try ExpectedOutput(text: text, separator: "\t")
        #expect(t.names == ["FINAL TIME", "x", "y"])
        #expect(t.times == [0, 1, 2])
        #expect(t.columns[0] == [20, 20, 20])  // blank after the first row: a constant
        #expect(t.columns[1] == [1, 2, 3])
        #expect(t.columns[2][0].isNaN)         // any other blank: :NA:
        #expect(t.columns[2][1...] == [5, 6])
    }

    @Test func quotedCSVHeader() throws {
        let text = "Time,\"Inflow A[Entry 1,Column 1]\",\"\"\"a/b\"\"\"\n0.000,1,2\n"
        let t = try ExpectedOutput(text: text, separator: ",")
        #expect(t.names == ["Inflow A[Entry 1,Column 1]", "\"a/b\""])
        #expect(t.columns == [[1], [2]])
    }

    /// Vensim quotes a quoted name's header the CSV way in `.tab` files as well
    /// (fully_invalid_names, special_characters).
    @Test func quotedTabHeader() throws {
        let text = "Time\t\"\"\"$ euro\"\"\"\t\"\"\"a \\\"\"b\\\"\"\"\"\"\tplain\n0\t1\t2\t3\n"
        let t = try ExpectedOutput(text: text, separator: "\t")
        #expect(t.names == ["\"$ euro\"", "\"a \\\"b\\\"\"", "plain"])
    }

    @Test func badCellIsAnError() {
        #expect(throws: ExpectedOutput.FormatError.self) { try ExpectedOutput(text: "Time,x\n0,abc\n", separator: ",") }
    }
}
