import Foundation
import Testing
@testable import SweepModel
import SweepNumerics

/// `Model.expandingSubscripts` and the subscript syntax of both front ends. Reference: Vensim's
/// semantics (DSS Reference Manual, "Subscripts", "Subranges", "SUM"), written out by hand as
/// the scalar equations each subscripted one must become; the comparison is of expression
/// trees, exact.
@Suite struct ModelSubscriptsTests {
    static func yaml(_ body: String) -> String {
        "name: t\ntime: {initial: 0, final: 1, step: 1}\n" + body
    }

    /// The expanded equation of `name`, in Vensim syntax.
    func equation(_ m: Model, _ name: String) -> String? {
        guard let v = m.variable(named: name) else { return nil }
        switch v.kind {
        case .auxiliary(let e), .flow(let e): return e.vensimText
        case .stock(let i, let n): return "INTEG(\(n.vensimText), \(i.vensimText))"
        case .constant(let x): return Expression.numberText(x)
        case .lookup(let l): return l.vensimText
        }
    }

    func diagnostic(_ yaml: String, file: String = "bad.yaml") -> String {
        do {
            _ = try Model.parseYAML(yaml, file: file)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func parserKeepsSubscriptsInTheName() throws {
        #expect(try ExpressionParser.parse("Weight[Cluster, Partner !] * 2")
                == .binary(.multiply, .variable("Weight[Cluster,Partner!]", offset: 0), .number(2)))
        #expect(try ExpressionParser.parse("Table[c1](Time)") == .lookupCall("Table[c1]", .call(.time, []), offset: 0))
        #expect(try ExpressionParser.parse("SUM(x[D!])") == .call(.sum, [.variable("x[D!]", offset: 4)]))
        #expect(throws: ExpressionParser.SyntaxError.self) { try ExpressionParser.parse("MAX[D](1, 2)") }
        #expect(throws: ExpressionParser.SyntaxError.self) { try ExpressionParser.parse("x[]") }
        #expect(CanonicalName("C[c1, c2]") == CanonicalName("c[c1,c2]"))
        #expect(CanonicalName("Input SM[Red  Spy, Lemon]") == CanonicalName("input sm[red spy,lemon]"))
    }

    @Test func rangesListsAliasesAndSubranges() throws {
        #expect(Dimension.range(from: "c1", to: "c3") == ["c1", "c2", "c3"])
        #expect(Dimension.range(from: "a08", to: "a10") == ["a08", "a09", "a10"])
        #expect(Dimension.range(from: "a1", to: "b3") == nil)
        let m = try Model.parseYAML(Self.yaml("""
            dimensions:
              Cluster: c1..c3
              Partner: {same as: Cluster}
              Early: {subrange of: Cluster, elements: [c1, c2]}
              Both: [Early, x]
            constants:
              k[Cluster]: [1, 2, 3]
            auxiliaries:
              e[Early]: k[Cluster] * 10
              p[Partner]: k[Cluster]
              s: SUM(k[Early!])
            """), file: "t.yaml")
        #expect(m.dimensions.map(\.elements) == [["c1", "c2", "c3"], ["c1", "c2", "c3"], ["c1", "c2"], ["c1", "c2", "x"]])
        // A subrange on the left binds its parent on the right; an alias binds its original.
        #expect(equation(m, "e[c2]") == "k[c2] * 10")
        #expect(m.variable(named: "e[c3]") == nil)
        #expect(equation(m, "p[c3]") == "k[c3]")
        // A reduction over a subrange ranges over its own elements.
        #expect(equation(m, "s") == "k[c1] + k[c2]")
    }

    @Test func reductionsUnrollLeftToRight() throws {
        let m = try Model.parseYAML(Self.yaml("""
            dimensions:
              A: [a1, a2]
              B: [b1, b2, b3]
            constants:
              W[A, B]: [[1, 2, 3], [4, 5, 6]]
              x[B]: 7
            auxiliaries:
              row[A]: SUM(W[A, B!] * x[B!])
              col[B]: PROD(W[A!, B])
              low: VMIN(W[A!, B!])
              high: VMAX(x[B!] + W[a2, B!])
              nested[A]: SUM(W[A, B!] * SUM(x[B!]))
            """), file: "t.yaml")
        #expect(equation(m, "row[a2]") == "W[a2,b1] * x[b1] + W[a2,b2] * x[b2] + W[a2,b3] * x[b3]")
        #expect(equation(m, "col[b3]") == "W[a1,b3] * W[a2,b3]")
        #expect(equation(m, "low") == "MIN(MIN(MIN(MIN(MIN(W[a1,b1], W[a1,b2]), W[a1,b3]), W[a2,b1]), W[a2,b2]), W[a2,b3])")
        #expect(equation(m, "high") == "MAX(MAX(x[b1] + W[a2,b1], x[b2] + W[a2,b2]), x[b3] + W[a2,b3])")
        // The inner SUM binds B! again for its own terms.
        #expect(equation(m, "nested[a1]")?.hasPrefix("W[a1,b1] * (x[b1] + x[b2] + x[b3]) + ") == true)
        #expect(equation(m, "x[b2]") == "7")
        #expect(equation(m, "W[a2,b1]") == "4")
    }

    /// Past 256 terms a sum folds in blocks, so a long reduction stays a shallow tree.
    @Test func longReductionsStayShallow() throws {
        let m = try Model.parseYAML(Self.yaml("""
            dimensions:
              D: d1..d1000
            constants:
              x[D]: 1
            auxiliaries:
              s: SUM(x[D!])
            """), file: "t.yaml")
        guard case .auxiliary(let e) = m.variable(named: "s")!.kind else { Issue.record("s"); return }
        func height(_ e: SweepModel.Expression) -> Int {
            if case .binary(_, let a, let b) = e { return 1 + max(height(a), height(b)) }
            return 1
        }
        #expect(height(e) <= 256 + 4)
        #expect(e.references.count == 1000)
    }

    @Test func elementByElementDefinitionsAndStocks() throws {
        let m = try Model.parseYAML(Self.yaml("""
            dimensions:
              D: [a, b]
            constants:
              r[a]: 1
              r[b]: 2
            flows:
              in[D]: r[D] * 2
            stocks:
              S[D]:
                initial: r[D]
                inflows: [in]
                outflows: ["out[D]"]
            auxiliaries:
              out[D]: 0.5
            """), file: "t.yaml")
        #expect(m.variables.map(\.name) == ["r[a]", "r[b]", "in[a]", "in[b]", "S[a]", "S[b]", "out[a]", "out[b]"])
        #expect(equation(m, "S[b]") == "INTEG(in[b] - out[b], r[b])")
        #expect(m.variables.allSatisfy { $0.subscripts.isEmpty })
        // Each scalar keeps its equation's line.
        #expect(m.variable(named: "in[b]")?.location.line == 9)
        #expect(m.variable(named: "out[a]")?.location.line == 16)
    }

    /// Writing the expanded model and reading it back gives the same equations (convert's
    /// contract), and expanding an expanded model changes nothing.
    @Test func expansionIsIdempotentAndRoundTrips() throws {
        let m = try Model.parseYAML(Self.yaml("""
            dimensions:
              D: [a, b]
            constants:
              W[D, D]: [[1, 2], [3, 4]]
            auxiliaries:
              y[D]: SUM(W[D, D!]) + VMAX(W[D!, D])
            """), file: "t.yaml")
        let again = try m.expandingSubscripts()
        #expect(again.variables.map(\.name) == m.variables.map(\.name))
        let back = try Model.parseYAML(m.yamlText(), file: "back.yaml")
        #expect(back.variables.map(\.name) == m.variables.map(\.name))
        for v in m.variables { #expect(equation(back, v.name) == equation(m, v.name)) }
    }

    @Test(arguments: [
        ("auxiliaries:\n  y: x + 1\nconstants:\n  x[D]: 1\n", "bad.yaml:6:3: error: in 'y': 'x' is subscripted (1 subscript): refer to it as 'x[…]'"),
        ("constants:\n  x[D]: 1\nauxiliaries:\n  y: x[e9]\n", "bad.yaml:8:3: error: in 'y': unknown subscript 'e9' in 'x[…]': not a dimension or an element"),
        ("constants:\n  x[D]: 1\nauxiliaries:\n  y: x[D]\n", "bad.yaml:8:3: error: in 'y': dimension 'D' in 'x[…]' is not bound by the left-hand side; subscript the variable by 'D', or reduce over it with 'D!' inside SUM, PROD, VMIN or VMAX"),
        ("constants:\n  x[D]: 1\nauxiliaries:\n  y[D]: x[D!]\n", "bad.yaml:8:3: error: in 'y[a]': 'x[…D!…]': a dimension marked '!' must be inside SUM, PROD, VMIN or VMAX"),
        ("constants:\n  x[D]: 1\nauxiliaries:\n  y: SUM(x[a!])\n", "bad.yaml:8:3: error: in 'y': 'a!': only a dimension can be reduced with '!', and 'a' is an element"),
        ("constants:\n  x[Q]: 1\n", "bad.yaml:6:3: error: unknown subscript 'Q' on the left of 'x': not a dimension or an element"),
        ("constants:\n  x[D]: 1\n  x[b]: 2\n", "bad.yaml:7:3: error: 'x[b]' is defined twice (first at bad.yaml:6:3)"),
        ("constants:\n  x[D]: 1\n  x: 2\n", "bad.yaml:7:3: error: 'x' is defined both with and without subscripts"),
        ("constants:\n  x[D]: [1, 2, 3]\n", "bad.yaml:6:9: error: 'x[D]' has 2 elements ('D'), but the values are 1 row of 3 values"),
        ("constants:\n  x[D, D]: [[1, 2], [3]]\n", "bad.yaml:6:12: error: 'x[D,D]' is 2 × 2 ('D' × 'D'), but the values are 2 rows of 2, 1 values"),
        ("constants:\n  x[a]: [1, 2]\n", "bad.yaml:6:9: error: 'x[a]' names single elements only: give one number, not a list"),
        ("constants:\n  x[D!]: 1\n", "bad.yaml:6:3: error: 'x[D!]': 'D!' reduces a dimension"),
        ("constants:\n  x[D]: 1\n  y[D]: 1\nauxiliaries:\n  z: x[a, b]\n", "bad.yaml:9:3: error: in 'z': 'x' has 1 subscript, but is used with 2 as 'x[a,b]'"),
        ("constants:\n  x[a]: 1\nauxiliaries:\n  z[D]: x[D]\n", "bad.yaml:8:3: error: in 'z[b]': no equation defines 'x[b]' (used as 'x[D]')"),
        ("constants:\n  D: 1\n", "bad.yaml:6:3: error: 'D' names both a dimension and a variable"),
    ])
    func errorsNameTheVariableAndElement(_ body: String, _ expected: String) {
        let message = diagnostic(Self.yaml("dimensions:\n  D: [a, b]\n" + body))
        #expect(message.hasPrefix(expected), "got: \(message)")
    }

    @Test(arguments: [
        ("D: [a, a]", "bad.yaml:4:3: error: dimension 'D' lists element 'a' twice"),
        ("D: c1..x3", "bad.yaml:4:6: error: dimension 'D': 'c1..x3' is not a range like c1..c30"),
        ("D: {same as: Q}", "bad.yaml:4:3: error: dimension 'D' is the same as 'Q', which is not a dimension declared above it"),
        ("E: [a]\n  D: {subrange of: E, elements: [a, b]}", "bad.yaml:5:3: error: dimension 'D' is a subrange of 'E', but 'b' is not one of its elements"),
    ])
    func badDimensions(_ body: String, _ expected: String) {
        let message = diagnostic(Self.yaml("dimensions:\n  " + body + "\n"))
        #expect(message.hasPrefix(expected), "got: \(message)")
    }

    // MARK: CSV matrices

    func withCSV(_ csv: String, shape: String = "W[A, B]", _ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("subs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try csv.write(to: dir.appendingPathComponent("w.csv"), atomically: true, encoding: .utf8)
        let model = Self.yaml("dimensions:\n  A: [a1, a2]\n  B: b1..b3\nconstants:\n  \(shape): {file: w.csv}\n")
        try model.write(to: dir.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        try body(dir.path)
    }

    func loadDiagnostic(_ dir: String) -> String {
        do { _ = try Model.load(path: dir + "/m.yaml"); return "no error" } catch { return "\(error)".replacingOccurrences(of: dir + "/", with: "") }
    }

    @Test func csvMatrixWithAndWithoutLabels() throws {
        for csv in ["1,2,3\n4,5,6\n", "W,b1,b2,b3\na1,1,2,3\na2,4,5,6\n", "\"\",B1,b2,b3\r\nA1,1,2,3\r\na2,4,5,6"] {
            try withCSV(csv) { dir in
                let m = try Model.load(path: dir + "/m.yaml")
                #expect(m.constantValue(named: "W[a2,b1]") == 4, "\(csv)")
                #expect(m.constantValue(named: "W[a1,b3]") == 3, "\(csv)")
            }
        }
        // One-dimensional: one row or one (labelled) column.
        for csv in ["1,2\n", "1\n2\n", "W,value\na1,1\na2,2\n"] {
            try withCSV(csv, shape: "v[A]") { dir in
                let m = try Model.load(path: dir + "/m.yaml")
                #expect(m.constantValue(named: "v[a2]") == 2, "\(csv)")
            }
        }
    }

    @Test(arguments: [
        ("1,2,3\n4,5\n", "w.csv:2: error: row has 2 fields but the first row has 3"),
        ("1,2,3\n4,x,6\n", "w.csv:2:2: error: 'x' is not a finite number"),
        ("1,2,3\n4,5,nan\n", "w.csv:2:3: error: 'nan' is not a finite number"),
        ("1,2,3\n", "w.csv:1: error: the file has 1 rows, but 'A' has 2 elements"),
        ("1,2\n3,4\n", "w.csv:1: error: rows have 2 values, but 'B' has 3 elements"),
        ("W,b1,b3,b2\na1,1,2,3\na2,4,5,6\n", "w.csv:1:3: error: column 3 of the header is 'b3', but element 2 of 'B' is 'b2'"),
        ("W,b1,b2,b3\na2,1,2,3\na1,4,5,6\n", "w.csv:2:1: error: the row is labelled 'a2', but this row is element 'a1' of 'A'"),
        ("W,b1,b2,b3\na1,1,2,3\n", "w.csv:2: error: the file has 1 rows below its header, but 'A' has 2 elements"),
    ])
    func badCSVFilesAreLocated(_ csv: String, _ expected: String) throws {
        try withCSV(csv) { dir in
            let message = loadDiagnostic(dir)
            #expect(message.hasPrefix(expected), "got: \(message)")
        }
    }

    @Test func missingCSVFileNamesThePath() throws {
        try withCSV("1") { dir in
            try FileManager.default.removeItem(atPath: dir + "/w.csv")
            #expect(loadDiagnostic(dir).hasPrefix("m.yaml:7:19: error: 'W[A,B]': cannot read the file 'w.csv'"), "\(loadDiagnostic(dir))")
        }
    }

    // MARK: Vensim

    static let control = "FINAL TIME = 1 ~~|\nINITIAL TIME = 0 ~~|\nTIME STEP = 1 ~~|\n"

    @Test func vensimRangesEquivalenceTablesAndLookups() throws {
        let text = """
            {UTF-8}
            Cluster: (c1-c3) ~~|
            Partner <-> Cluster ~~|
            Sub: c1, c2 ~~|
            Big: Sub, c3 ~~|
            W[Cluster, Partner] = 1, 2, 3; 4, 5, 6; 7, 8, 9; ~~|
            x[Cluster] = 1, 2, 3 ~~|
            T[Sub]( (0,0), (1,1) ) ~~|
            T[c3]( (0,0), (1,2) ) ~~|
            y[Partner] = SUM(W[Partner, Cluster!] * x[Cluster!]) ~~|
            z[Big] = T[Big](0.5) ~~|
            """ + Self.control
        let m = try Model.parseVensim(text, file: "t.mdl")
        #expect(m.dimensions.map(\.name) == ["Cluster", "Partner", "Sub", "Big"])
        #expect(m.dimensions[3].elements == ["c1", "c2", "c3"])
        #expect(m.constantValue(named: "W[c3,c2]") == 8)
        #expect(equation(m, "y[c2]") == "W[c2,c1] * x[c1] + W[c2,c2] * x[c2] + W[c2,c3] * x[c3]")
        #expect(equation(m, "z[c3]") == "T[c3](0.5)")
        #expect(equation(m, "T[c1]") == "((0,0),(1,1))")
        #expect(m.variable(named: "z[c2]")?.location.line == 11)
    }
}
